'use client';

import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { QueueChannel, QueuesPageQuery } from '../../gql/graphql';
import { Dialog } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { Field } from '../../ui/field';
import { formErrors } from '../../graphql/error-message';
import { QueuesCreate, QueuesUpdate } from './queues.operations';
import styles from './queues.module.css';

export type QueueRow = QueuesPageQuery['queues'][number];

export const CHANNEL_LABELS: Record<QueueChannel, string> = { CALL: 'Call', CHAT: 'Chat' };

// GraphQL's Int cannot carry "1.5" or "ten", so those are caught here; the range is the server's rule.
const PRIORITY_NOT_WHOLE = 'Priority must be a whole number from 1 to 1000';

/**
 * Creates a queue or edits one. An editor whose "Settings - Queues" reaches only their own teams
 * may change the priority alone: name and channel affect every team.
 */
export function QueueDialog({
  queue,
  priorityOnly,
  onClose,
  onSaved,
}: {
  queue: QueueRow | null;
  priorityOnly: boolean;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const [name, setName] = useState(queue?.name ?? '');
  const [channel, setChannel] = useState<QueueChannel>(queue?.channel ?? 'CALL');
  const [priority, setPriority] = useState(String(queue?.priority ?? 100));
  const [priorityProblem, setPriorityProblem] = useState<string | null>(null);
  const [created, create] = useMutation(QueuesCreate);
  const [updated, update] = useMutation(QueuesUpdate);
  const { fetching, error } = queue ? updated : created;
  const { errorOf, formError } = formErrors(error, ['name', 'channel', 'priority']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const wanted = Number(priority);
    if (!Number.isInteger(wanted)) return setPriorityProblem(PRIORITY_NOT_WHOLE);
    setPriorityProblem(null);
    const result = queue
      ? await update({ id: queue.id, version: queue.version, input: priorityOnly ? { priority: wanted } : { name, channel, priority: wanted } })
      : await create({ input: { name, channel, priority: wanted } });
    if (!result.error) onSaved(queue ? `Queue "${queue.name}" saved.` : `Queue "${name.trim()}" created.`);
  }

  return (
    <Dialog title={queue ? `Edit queue "${queue.name}"` : 'New queue'} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errorOf('name')} required maxLength={100} disabled={priorityOnly} autoFocus={!priorityOnly} />
        <label htmlFor="queue-channel">Channel</label>
        <select
          id="queue-channel"
          value={channel}
          onChange={(e) => setChannel(e.target.value as QueueChannel)}
          disabled={priorityOnly}
          aria-invalid={errorOf('channel') ? true : undefined}
        >
          {Object.entries(CHANNEL_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {errorOf('channel') && <p className="field-error">{errorOf('channel')}</p>}
        <Field
          label="Priority (1 to 1000, lower is served first)"
          type="number"
          min={1}
          max={1000}
          step={1}
          value={priority}
          onChange={(e) => setPriority(e.target.value)}
          error={priorityProblem ?? errorOf('priority')}
          className={styles.priorityInput}
          autoFocus={priorityOnly}
        />
        {priorityOnly && (
          <p className="muted">Your permission reaches only the teams you manage: you can change the priority; the name and channel affect every team.</p>
        )}
        <ErrorAlert error={formError} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={fetching}>
            {queue ? 'Save' : 'Create queue'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
