import { agentsWithStatuses } from './board-view';
import type { BoardRow } from './live-board-state';

const row = (userId: string, statusId: string, systemKey: string | null): BoardRow =>
  ({
    user: { id: userId, firstName: userId, lastName: 'Agent', email: `${userId}@test`, teams: [] },
    status: { id: statusId, name: statusId, color: '#888888', systemKey },
    since: '2026-11-25T10:00:00Z',
    sequence: 1,
  }) as unknown as BoardRow;

describe('the status filter', () => {
  const rows = [row('ada', 'available', 'AVAILABLE'), row('bo', 'offline', 'OFFLINE'), row('cy', 'lunch', null)];

  it('shows every agent on shift when no status is pressed, leaving Offline agents out', () => {
    expect(agentsWithStatuses(rows, new Set()).map((r) => r.user.id)).toEqual(['ada', 'cy']);
  });

  it('shows exactly the pressed statuses, Offline agents when Offline is pressed', () => {
    expect(agentsWithStatuses(rows, new Set(['offline'])).map((r) => r.user.id)).toEqual(['bo']);
    expect(agentsWithStatuses(rows, new Set(['lunch', 'offline'])).map((r) => r.user.id)).toEqual(['bo', 'cy']);
  });
});
