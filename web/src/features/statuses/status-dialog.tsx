'use client';

import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import type { StatusAvailability, StatusesPageQuery } from '../../gql/graphql';
import { Dialog } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { Field } from '../../ui/field';
import { formErrors } from '../../graphql/error-message';
import { StatusesCreate, StatusesUpdate } from './statuses.operations';
import styles from './statuses.module.css';

export type AgentStatusRow = StatusesPageQuery['agentStatuses'][number];

const NEW_STATUS_COLOR = '#0ea5e9';

/**
 * Creates a custom status, or edits one. A system status keeps what it means (availability, and
 * whether agents may choose it); only its name and color change.
 */
export function StatusDialog({ status, onClose, onSaved }: { status: AgentStatusRow | null; onClose: () => void; onSaved: (message: string) => void }) {
  const isSystem = Boolean(status?.systemKey);
  const [name, setName] = useState(status?.name ?? '');
  const [color, setColor] = useState(status?.color ?? NEW_STATUS_COLOR);
  const [availability, setAvailability] = useState<StatusAvailability>(status?.availability ?? 'UNAVAILABLE');
  const [agentSelectable, setAgentSelectable] = useState(status?.agentSelectable ?? true);
  const [created, create] = useMutation(StatusesCreate);
  const [updated, update] = useMutation(StatusesUpdate);
  const { fetching, error } = status ? updated : created;
  const { errorOf, formError } = formErrors(error, ['name', 'color', 'availability', 'agentSelectable']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const meaning = isSystem ? {} : { availability, agentSelectable };
    const result = status
      ? await update({ id: status.id, input: { name, color, ...meaning } })
      : await create({ input: { name, color, availability, agentSelectable } });
    if (!result.error) onSaved(status ? `Status "${name.trim()}" saved.` : `Status "${name.trim()}" created.`);
  }

  return (
    <Dialog title={status ? `Edit status "${status.name}"` : 'New status'} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errorOf('name')} required maxLength={40} autoFocus />
        <Field label="Color" type="color" value={color} onChange={(e) => setColor(e.target.value)} error={errorOf('color')} className={styles.colorInput} />
        <fieldset className={styles.choices} disabled={isSystem} aria-describedby={isSystem ? 'status-fixed-note' : undefined}>
          <legend className="label">Availability</legend>
          <label className={styles.choice}>
            <input type="radio" name="availability" value="AVAILABLE" checked={availability === 'AVAILABLE'} onChange={() => setAvailability('AVAILABLE')} />
            Available: agents in it are offered calls and chats
          </label>
          <label className={styles.choice}>
            <input type="radio" name="availability" value="UNAVAILABLE" checked={availability === 'UNAVAILABLE'} onChange={() => setAvailability('UNAVAILABLE')} />
            Unavailable: agents in it are offered nothing
          </label>
          {errorOf('availability') && <p className="field-error">{errorOf('availability')}</p>}
          <label className={styles.choice}>
            <input type="checkbox" checked={agentSelectable} onChange={(e) => setAgentSelectable(e.target.checked)} />
            Agents may choose this status themselves
          </label>
          {errorOf('agentSelectable') && <p className="field-error">{errorOf('agentSelectable')}</p>}
        </fieldset>
        {isSystem && (
          <p id="status-fixed-note" className="muted">
            A system status keeps its availability and whether agents may choose it; you can rename and recolor it.
          </p>
        )}
        <ErrorAlert error={formError} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={fetching}>
            {status ? 'Save' : 'Create status'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
