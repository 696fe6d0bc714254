'use client';

import { useId, useMemo, useState } from 'react';
import type { CombinedError } from 'urql';
import type { LiveConnectionState } from '../../graphql/client';
import { errorMessage } from '../../graphql/error-message';
import { ErrorAlert } from '../../ui/error-alert';
import { PageHeader } from '../../ui/page-header';
import { useViewer } from '../viewer/viewer-provider';
import { AgentActionDialog, type AgentAction, type AppliedChange } from './agent-action-dialogs';
import { agentName, agentsInView, agentsWithStatuses, groupByTeam, NO_TEAM, statusCounts, teamsOnBoard, type StatusCount, type TeamGroup } from './board-view';
import type { BoardRow } from './live-board-state';
import { MyStatus } from './my-status';
import { StatusLabel } from './status-label';
import { TimeInStatus, useNow } from './time-in-status';
import { useLiveBoard } from './use-live-board';
import styles from './board.module.css';

// Idle: the board has not subscribed yet (it does once loaded).
const LIVE_LABEL: Record<LiveConnectionState, string> = { idle: 'Connecting…', connecting: 'Connecting…', connected: 'Live', down: 'Reconnecting…' };

/**
 * The supervisor's home: every agent the viewer may see, by team, live. Actions (change status,
 * log out) need "Monitoring - Agents" Edit and are offered only where the rules allow them.
 */
export function LiveAgentsBoard() {
  const viewer = useViewer();
  const seesEveryAgent = viewer.holdsForAll('monitoring.agents');
  const mayEdit = viewer.can('monitoring.agents', 'EDIT');
  const { rows, catalogue, loading, error, live, interruption, reload, applyOwnChange } = useLiveBoard(seesEveryAgent);
  const [team, setTeam] = useState<string | null>(null);
  const [statusIds, setStatusIds] = useState<ReadonlySet<string>>(new Set());
  const [search, setSearch] = useState('');
  const [action, setAction] = useState<AgentAction | null>(null);
  const teamSelectId = useId();
  const searchId = useId();

  const allRows = useMemo(() => [...rows.values()], [rows]);
  const teams = useMemo(() => teamsOnBoard(allRows), [allRows]);
  const hasAgentsWithoutTeam = allRows.some((row) => row.user.teams.length === 0);
  // A reload can take the chosen team off the board (the viewer no longer sees its agents): back to every team.
  if (team !== null && !(team === NO_TEAM ? hasAgentsWithoutTeam : teams.some((t) => t.id === team))) setTeam(null);
  const inView = useMemo(() => agentsInView(allRows, { team, search }), [allRows, team, search]);
  const counts = useMemo(() => statusCounts(inView, catalogue), [inView, catalogue]);
  const shown = useMemo(() => agentsWithStatuses(inView, statusIds), [inView, statusIds]);
  const groups = useMemo(() => groupByTeam(shown, team), [shown, team]);
  const filtered = team !== null || statusIds.size > 0 || search.trim() !== '';
  // A supervisor who is also an agent may be on their own board.
  const ownRow = viewer.user ? rows.get(viewer.user.id) : undefined;
  // The dialog follows the live row: if the agent's status changes meanwhile, it shows the new one.
  const acting = action ? rows.get(action.agent.user.id) : undefined;

  const toggleStatus = (id: string) =>
    setStatusIds((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const clearFilters = () => {
    setTeam(null);
    setStatusIds(new Set());
    setSearch('');
  };
  const done = (change: AppliedChange | null) => {
    if (change) applyOwnChange(change);
    setAction(null);
  };

  return (
    <>
      <PageHeader
        title="Live agents"
        description="Every agent you supervise, by team, as their status changes."
        actions={
          <span className={styles.connection} data-state={live}>
            <span className="swatch" aria-hidden="true" />
            {LIVE_LABEL[live]}
          </span>
        }
      />
      {viewer.can('adapter.status') && <MyStatus boardSequence={ownRow?.sequence} />}
      <LiveBanner interruption={interruption} />
      {error && (
        <div className={styles.loadError}>
          <ErrorAlert error={error} />
          <button type="button" className="small" onClick={reload}>
            Try again
          </button>
        </div>
      )}
      {loading ? (
        <p className="muted" aria-busy="true">
          Loading agents…
        </p>
      ) : rows.size === 0 ? (
        !error && <p className="panel muted">No agents to show yet: agents appear here once they start a shift.</p>
      ) : (
        <>
          <StatusFilter counts={counts} selected={statusIds} onToggle={toggleStatus} />
          <div className="toolbar">
            <label htmlFor={teamSelectId} className={styles.inlineLabel}>
              Team
            </label>
            <select id={teamSelectId} value={team ?? ''} onChange={(event) => setTeam(event.target.value || null)}>
              <option value="">All teams</option>
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
              {hasAgentsWithoutTeam && <option value={NO_TEAM}>No team</option>}
            </select>
            <label htmlFor={searchId} className={styles.inlineLabel}>
              Search
            </label>
            <input id={searchId} type="search" placeholder="Name or email" value={search} onChange={(event) => setSearch(event.target.value)} />
            {filtered && (
              <button type="button" className="small" onClick={clearFilters}>
                Clear filters
              </button>
            )}
            <span className="muted" role="status">
              {filtered ? `${shown.length} of ${rows.size} agents` : `${shown.length} agents on shift`}
            </span>
          </div>
          <p className={`muted ${styles.note}`}>An agent in several teams is listed under each of them. Offline agents show when Offline is pressed.</p>
          {groups.length === 0 ? (
            <p className="panel muted">{filtered ? 'No agents match the filters.' : 'No agents are on shift.'}</p>
          ) : (
            <TeamTables groups={groups} mayEdit={mayEdit} onAct={(kind, agent) => setAction({ kind, agent })} />
          )}
        </>
      )}
      {action && <AgentActionDialog action={action} row={acting} catalogue={catalogue} onDone={done} onClose={() => setAction(null)} />}
    </>
  );
}

/** Says, in words, when the board has stopped following changes (it keeps trying to resume). */
function LiveBanner({ interruption }: { interruption: CombinedError | 'connection' | null }) {
  if (!interruption) return null;
  return (
    <p className={`notice ${styles.banner}`} role="status">
      {interruption === 'connection'
        ? 'Live updates paused — reconnecting… The board shows the last statuses received.'
        : `Live updates stopped: ${errorMessage(interruption)} Resuming…`}
    </p>
  );
}

/** The counts per status, which double as the status filter (none pressed: every status). */
function StatusFilter({ counts, selected, onToggle }: { counts: StatusCount[]; selected: ReadonlySet<string>; onToggle(id: string): void }) {
  return (
    <div className={styles.counts} role="group" aria-label="Agents per status (select to filter)">
      {counts.map(({ status, count }) => (
        <button key={status.id} type="button" className={styles.count} aria-pressed={selected.has(status.id)} onClick={() => onToggle(status.id)}>
          <span className="swatch" style={{ background: status.color }} aria-hidden="true" />
          <span>{status.name}</span>
          <strong>{count}</strong>
        </button>
      ))}
    </div>
  );
}

/** One table per team, with the time in status ticking on a single clock. */
function TeamTables({ groups, mayEdit, onAct }: { groups: TeamGroup[]; mayEdit: boolean; onAct(kind: AgentAction['kind'], row: BoardRow): void }) {
  const now = useNow();
  return groups.map((group) => (
    <section key={group.id} className={styles.group} aria-labelledby={`team-${group.id}`}>
      <h2 id={`team-${group.id}`}>
        {group.name} <span className="muted">({group.rows.length})</span>
      </h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Status</th>
            <th scope="col">Time in status</th>
            {mayEdit && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {group.rows.map((row) => (
            <tr key={row.user.id}>
              <th scope="row" className={styles.agent}>
                {agentName(row)}
                <span className="muted">{row.user.email}</span>
              </th>
              <td>
                <StatusLabel status={row.status} />
              </td>
              <td className={styles.elapsed}>
                <TimeInStatus since={row.since} now={now} />
              </td>
              {mayEdit && (
                <td>
                  <AgentActions row={row} onAct={onAct} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  ));
}

function AgentActions({ row, onAct }: { row: BoardRow; onAct(kind: AgentAction['kind'], row: BoardRow): void }) {
  if (row.status.locksSupervisorActions) {
    return (
      <span className="muted" title={`No actions while ${row.status.name}`}>
        —<span className="visually-hidden">No actions while {row.status.name}</span>
      </span>
    );
  }
  const name = agentName(row);
  return (
    <div className={styles.actions}>
      <button type="button" className="small" aria-label={`Change status of ${name}`} onClick={() => onAct('status', row)}>
        Change status
      </button>
      <button type="button" className="small danger" aria-label={`Log out ${name}`} onClick={() => onAct('logout', row)}>
        Log out
      </button>
    </div>
  );
}
