'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import type { PresenceStatusFragment } from '../../gql/graphql';
import { fieldError } from '../../graphql/error-message';
import { Dialog } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { Field } from '../../ui/field';
import { StatusSelect } from './status-select';
import { agentName } from './board-view';
import type { BoardRow } from './live-board-state';
import { PresenceLogOutAgent, PresenceSetAgentStatus, PresenceStatusCatalogue } from './presence.operations';
import { StatusLabel } from './status-label';

/** As much reason as the API's history column keeps. */
const MAX_REASON = 200;

/** What a supervisor's change returned, with the status it set, for the board to show at once. */
export type AppliedChange = { userId: string; status: PresenceStatusFragment; since: string; sequence: number };

/** A supervisor's action on an agent, with the agent's row as it was when the action was chosen. */
export interface AgentAction {
  kind: 'status' | 'logout';
  agent: BoardRow;
}

interface ActionProps {
  row: BoardRow;
  catalogue: readonly PresenceStatusFragment[];
  onDone(change: AppliedChange | null): void;
  onClose(): void;
}

/**
 * The dialog of an action, following the agent's live row (`row`: its status changing meanwhile
 * shows). When the agent leaves the board while it is open (taken out of the viewer's teams), the
 * dialog stays and says so, rather than vanishing under the supervisor mid-action.
 */
export function AgentActionDialog({ action, row, ...props }: Omit<ActionProps, 'row'> & { action: AgentAction; row: BoardRow | undefined }) {
  const name = agentName(row ?? action.agent);
  return (
    <Dialog title={action.kind === 'status' ? `Change status of ${name}` : `Log out ${name}`} onClose={props.onClose}>
      {!row ? (
        <>
          <p role="alert">This agent is no longer on your board.</p>
          <div className="dialog-actions">
            {/* The form, and any focus in it, is gone: focus stays in the dialog for a keyboard user. */}
            <button type="button" onClick={props.onClose} autoFocus>
              Close
            </button>
          </div>
        </>
      ) : action.kind === 'status' ? (
        <ChangeStatusForm row={row} {...props} />
      ) : (
        <LogOutForm row={row} {...props} />
      )}
    </Dialog>
  );
}

/** Asks for the agent's new status (and an optional reason) and sets it with setAgentStatus. */
function ChangeStatusForm({ row, catalogue, onDone, onClose }: ActionProps) {
  const [{ fetching, error }, setAgentStatus] = useMutation(PresenceSetAgentStatus);
  // The board's catalogue is as old as the board: read it again, so a status created since is offered.
  const [{ data: current }] = useQuery({ query: PresenceStatusCatalogue, requestPolicy: 'network-only' });
  const statuses = current?.agentStatuses ?? catalogue;
  const [statusId, setStatusId] = useState('');
  const choices = statuses.filter((status) => status.supervisorMaySet && status.id !== row.status.id);
  const invalid = fieldError(error);
  const statusError = invalid?.field === 'statusId' ? invalid.message : null;

  const submit = async (reason: string | null) => {
    const result = await setAgentStatus({ userId: row.user.id, statusId, reason });
    const set = result.data?.setAgentStatus;
    if (set) onDone(appliedChange(set, statuses.find((s) => s.id === statusId)));
  };

  return (
    <ActionForm row={row} error={error} fetching={fetching} submitLabel="Change status" onSubmit={submit} onClose={onClose}>
      <StatusSelect label="New status" error={statusError} choices={choices} value={statusId} onChange={setStatusId} />
    </ActionForm>
  );
}

/** Confirms logging the agent out (Offline, the reason shown to them) with logOutAgent. */
function LogOutForm({ row, catalogue, onDone, onClose }: ActionProps) {
  const [{ fetching, error }, logOutAgent] = useMutation(PresenceLogOutAgent);

  const submit = async (reason: string | null) => {
    const result = await logOutAgent({ userId: row.user.id, reason });
    const set = result.data?.logOutAgent;
    if (set) onDone(appliedChange(set, catalogue.find((s) => s.systemKey === 'OFFLINE')));
  };

  return (
    <ActionForm row={row} error={error} fetching={fetching} submitLabel="Log out" danger onSubmit={submit} onClose={onClose}>
      <p>They go Offline at once and see the reason the next time they open the console; without one, they see that you logged them out.</p>
    </ActionForm>
  );
}

/** The change as the board shows it: the mutation's answer with the status it set (null if the catalogue lacks it). */
function appliedChange(set: Omit<AppliedChange, 'status'>, status: PresenceStatusFragment | undefined): AppliedChange | null {
  return status ? { userId: set.userId, sequence: set.sequence, since: set.since, status } : null;
}

/** The form both actions share: the agent's current status, their own fields, a reason, the server's refusal. */
function ActionForm({
  row,
  error,
  fetching,
  submitLabel,
  danger = false,
  onSubmit,
  onClose,
  children,
}: {
  row: BoardRow;
  error: CombinedError | undefined;
  fetching: boolean;
  submitLabel: string;
  danger?: boolean;
  onSubmit(reason: string | null): Promise<void>;
  onClose(): void;
  children: ReactNode;
}) {
  const [reason, setReason] = useState('');
  const invalid = fieldError(error);
  // Field errors show beside their field; anything else (e.g. the agent went In Call meanwhile) here.
  const general = error && !(invalid && ['statusId', 'reason'].includes(invalid.field)) ? error : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit(reason.trim() || null);
  };

  return (
    <form className="form" onSubmit={submit}>
      <p className="muted">
        Current status <StatusLabel status={row.status} />
      </p>
      {children}
      <Field
        label="Reason (optional)"
        value={reason}
        maxLength={MAX_REASON}
        onChange={(event) => setReason(event.target.value)}
        error={invalid?.field === 'reason' ? invalid.message : null}
      />
      <ErrorAlert error={general} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className={danger ? 'danger' : 'primary'} disabled={fetching}>
          {fetching ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
