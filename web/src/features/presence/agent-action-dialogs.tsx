'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, type CombinedError } from 'urql';
import type { PresenceStatusFragment } from '../../gql/graphql';
import { fieldError } from '../../graphql/error-message';
import { Dialog } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { Field, SelectField } from '../../ui/field';
import { agentName } from './board-view';
import type { BoardRow } from './live-board-state';
import { PresenceLogOutAgent, PresenceSetAgentStatus } from './presence.operations';
import { StatusLabel } from './status-label';

/** As much reason as the API's history column keeps. */
const MAX_REASON = 200;

/** What a supervisor's change returned, with the status it set, for the board to show at once. */
export type AppliedChange = { userId: string; status: PresenceStatusFragment; since: string; sequence: number };

interface ActionProps {
  row: BoardRow;
  catalogue: readonly PresenceStatusFragment[];
  onDone(change: AppliedChange | null): void;
  onClose(): void;
}

/** Asks for the agent's new status (and an optional reason) and sets it with setAgentStatus. */
export function ChangeStatusDialog({ row, catalogue, onDone, onClose }: ActionProps) {
  const [{ fetching, error }, setAgentStatus] = useMutation(PresenceSetAgentStatus);
  const [statusId, setStatusId] = useState('');
  const choices = catalogue.filter((status) => status.supervisorMaySet && status.id !== row.status.id);
  const invalid = fieldError(error);
  const statusError = invalid?.field === 'statusId' ? invalid.message : null;

  const submit = async (reason: string | null) => {
    const result = await setAgentStatus({ userId: row.user.id, statusId, reason });
    const set = result.data?.setAgentStatus;
    if (set) onDone(appliedChange(set, catalogue.find((s) => s.id === statusId)));
  };

  return (
    <Dialog title={`Change status of ${agentName(row)}`} onClose={onClose}>
      <ActionForm row={row} error={error} fetching={fetching} submitLabel="Change status" onSubmit={submit} onClose={onClose}>
        <SelectField label="New status" error={statusError} required value={statusId} onChange={(event) => setStatusId(event.target.value)}>
          <option value="" disabled>
            Choose a status
          </option>
          {choices.map((status) => (
            <option key={status.id} value={status.id}>
              {status.name}
            </option>
          ))}
        </SelectField>
      </ActionForm>
    </Dialog>
  );
}

/** Confirms logging the agent out (Offline, the reason shown to them) with logOutAgent. */
export function LogOutDialog({ row, catalogue, onDone, onClose }: ActionProps) {
  const [{ fetching, error }, logOutAgent] = useMutation(PresenceLogOutAgent);

  const submit = async (reason: string | null) => {
    const result = await logOutAgent({ userId: row.user.id, reason });
    const set = result.data?.logOutAgent;
    if (set) onDone(appliedChange(set, catalogue.find((s) => s.systemKey === 'OFFLINE')));
  };

  return (
    <Dialog title={`Log out ${agentName(row)}`} onClose={onClose}>
      <ActionForm row={row} error={error} fetching={fetching} submitLabel="Log out" danger onSubmit={submit} onClose={onClose}>
        <p>They go Offline at once and see the reason the next time they open the console; without one, they see that you logged them out.</p>
      </ActionForm>
    </Dialog>
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
