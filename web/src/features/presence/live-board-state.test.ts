import { EMPTY_BOARD, liveBoardReducer, type BoardRow, type LiveBoardState } from './live-board-state';

const status = (id: string) => ({ id, name: id, color: '#888888', systemKey: null }) as unknown as BoardRow['status'];
const agent = (id: string) => ({ id, firstName: id, lastName: 'Agent', email: `${id}@test`, teams: [] }) as unknown as BoardRow['user'];
const row = (userId: string, statusId: string, sequence: number): BoardRow => ({ user: agent(userId), status: status(statusId), since: '2026-11-25T10:00:00Z', sequence });

const loaded = (rows: BoardRow[], sequence: number) => liveBoardReducer(EMPTY_BOARD, { type: 'loaded', rows, sequence });
const change = (state: LiveBoardState, userId: string, from: string, to: string, sequence: number, seesEveryAgent = true) =>
  liveBoardReducer(state, { type: 'changed', change: { ...row(userId, to, sequence), previousStatus: { id: from } }, seesEveryAgent });

describe('the live board', () => {
  it('moves an agent to the new status in place and remembers the sequence', () => {
    const board = change(loaded([row('ada', 'available', 4)], 7), 'ada', 'available', 'lunch', 8);
    expect(board.rows.get('ada')).toMatchObject({ status: { id: 'lunch' }, sequence: 8 });
    expect(board).toMatchObject({ lastSequence: 8, missedChanges: false });
  });

  it('asks for a reload when a viewer who sees every agent skips a sequence', () => {
    expect(change(loaded([row('ada', 'available', 4)], 7), 'ada', 'available', 'lunch', 10).missedChanges).toBe(true);
  });

  it('does not count other teams\u2019 sequences as missed for a team-scoped viewer, but does a wrong previous status', () => {
    const board = loaded([row('ada', 'available', 4)], 7);
    expect(change(board, 'ada', 'available', 'lunch', 12, false).missedChanges).toBe(false);
    expect(change(board, 'ada', 'training', 'lunch', 12, false).missedChanges).toBe(true);
  });

  it('ignores a change it already holds (a replay after resubscribing)', () => {
    const board = loaded([row('ada', 'lunch', 8)], 8);
    expect(change(board, 'ada', 'available', 'lunch', 8).rows.get('ada')).toBe(board.rows.get('ada'));
  });

  it('adds an agent it did not have, such as one starting their first shift', () => {
    expect(change(loaded([], 3), 'bo', 'offline', 'available', 4).rows.get('bo')).toMatchObject({ status: { id: 'available' } });
  });
});
