import type { PresenceAgentFragment, PresenceStatusFragment } from '../../gql/graphql';

/** One agent on the board: who, in which status, since when, and the change that set it. */
export interface BoardRow {
  user: PresenceAgentFragment;
  status: PresenceStatusFragment;
  since: string;
  sequence: number;
}

/** A status change as the live subscription delivers it. */
export interface BoardChange extends BoardRow {
  previousStatus?: { id: string } | null;
}

export interface LiveBoardState {
  /** By user id. */
  rows: ReadonlyMap<string, BoardRow>;
  /** The highest tenant sequence the board has seen: loaded with the board, raised by each change. */
  lastSequence: number;
  /** Set when a change shows that others were missed: the board must be loaded again. */
  missedChanges: boolean;
}

export type LiveBoardAction =
  | { type: 'loaded'; rows: readonly BoardRow[]; sequence: number }
  | { type: 'changed'; change: BoardChange; seesEveryAgent: boolean }
  | { type: 'acted'; row: Omit<BoardRow, 'user'> & { userId: string } };

export const EMPTY_BOARD: LiveBoardState = { rows: new Map(), lastSequence: 0, missedChanges: false };

/** The board after a load, a live change, or the viewer's own change (the mutation's answer). */
export function liveBoardReducer(state: LiveBoardState, action: LiveBoardAction): LiveBoardState {
  switch (action.type) {
    case 'loaded':
      return { rows: new Map(action.rows.map((row) => [row.user.id, row])), lastSequence: action.sequence, missedChanges: false };
    case 'changed':
      return applyChange(state, action.change, action.seesEveryAgent);
    case 'acted': {
      const row = state.rows.get(action.row.userId);
      if (!row || row.sequence >= action.row.sequence) return state;
      return { ...state, rows: new Map(state.rows).set(row.user.id, { ...row, ...action.row }) };
    }
  }
}

/**
 * Applies a live change in place. Sequences are per tenant, so a missed change shows in two ways:
 * a viewer who sees every agent gets every sequence, and a jump past last + 1 is a gap; a viewer
 * scoped to some teams skips the sequences of other teams' agents as a matter of course, so for
 * them a gap shows as a change whose previous status is not the one the board holds. A change the
 * board already holds (replayed after a resubscription, or already applied from the viewer's own
 * mutation) is recognised by the row's sequence and ignored.
 */
function applyChange(state: LiveBoardState, change: BoardChange, seesEveryAgent: boolean): LiveBoardState {
  const row = state.rows.get(change.user.id);
  const tenantGap = seesEveryAgent && change.sequence > state.lastSequence + 1;
  const lastSequence = Math.max(state.lastSequence, change.sequence);
  if (row && row.sequence >= change.sequence) return { ...state, lastSequence, missedChanges: state.missedChanges || tenantGap };
  const agentGap = row !== undefined && change.previousStatus?.id !== row.status.id;
  const rows = new Map(state.rows).set(change.user.id, { user: change.user, status: change.status, since: change.since, sequence: change.sequence });
  return { rows, lastSequence, missedChanges: state.missedChanges || tenantGap || agentGap };
}
