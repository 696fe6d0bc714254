'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Dialog } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { Field } from '../../ui/field';
import { formErrors } from '../../graphql/error-message';
import { CredentialsCreate, CredentialsRoleOptions } from './credentials.operations';
import styles from './credentials.module.css';

/**
 * Adds an API credential, then shows its secret: the only time anyone sees it, since the server
 * keeps a hash alone. Closing the dialog forgets it.
 */
export function CreateCredentialDialog({ canPickRoles, onCreated, onClose }: { canPickRoles: boolean; onCreated: () => void; onClose: () => void }) {
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  return created ? (
    <Dialog title={`Secret of "${created.name}"`} onClose={onClose}>
      <ShownOnce secret={created.secret} onDone={onClose} />
    </Dialog>
  ) : (
    <Dialog title="Add API credential" onClose={onClose}>
      <CredentialForm
        canPickRoles={canPickRoles}
        onCancel={onClose}
        onCreated={(credential) => {
          setCreated(credential);
          onCreated();
        }}
      />
    </Dialog>
  );
}

function CredentialForm({
  canPickRoles,
  onCancel,
  onCreated,
}: {
  canPickRoles: boolean;
  onCancel: () => void;
  onCreated: (credential: { name: string; secret: string }) => void;
}) {
  const [name, setName] = useState('');
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const [{ fetching, error }, create] = useMutation(CredentialsCreate);
  const { errorOf, formError } = formErrors(error, ['name', 'roleIds']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await create({ name, roleIds: roleIds.length ? roleIds : null });
    if (result.data) onCreated(result.data.createApiCredential);
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="muted">Scripts and integrations call the API with a credential&apos;s secret instead of signing in.</p>
      <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errorOf('name')} required maxLength={100} autoFocus />
      {canPickRoles ? (
        <RolePicker selected={roleIds} onChange={setRoleIds} error={errorOf('roleIds')} />
      ) : (
        <p className="muted">It acts with the Admin role.</p>
      )}
      <ErrorAlert error={formError} />
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={fetching}>
          Create
        </button>
      </div>
    </form>
  );
}

function RolePicker({ selected, onChange, error }: { selected: string[]; onChange: (ids: string[]) => void; error: string | null }) {
  const [{ data, error: loadError }] = useQuery({ query: CredentialsRoleOptions });
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((other) => other !== id));
  return (
    <fieldset className={styles.roles} aria-describedby="credential-roles-note">
      <legend className="label">Roles</legend>
      <p id="credential-roles-note" className="muted">
        What the credential may do. With none chosen it acts as Admin.
      </p>
      <ErrorAlert error={loadError} />
      {!data && !loadError && <p className="muted">Loading roles…</p>}
      {data?.roles.map((role) => (
        <label key={role.id} className={styles.choice}>
          <input type="checkbox" checked={selected.includes(role.id)} onChange={(e) => toggle(role.id, e.target.checked)} />
          {role.name}
        </label>
      ))}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

type CopyState = 'idle' | 'copied' | 'failed';

function ShownOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const [copy, setCopy] = useState<CopyState>('idle');

  async function copySecret() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      // No clipboard access (denied, or an insecure origin): the field stays there to copy by hand.
      setCopy('failed');
    }
  }

  return (
    <div className="form">
      <p className="notice" role="alert">
        Copy the secret now and store it safely: you will not see it again. If it is lost, revoke this credential and add a new one.
      </p>
      <label htmlFor="credential-secret">Secret</label>
      <div className={styles.secretRow}>
        <input id="credential-secret" className={styles.secret} value={secret} readOnly onFocus={(e) => e.target.select()} />
        <button type="button" className="primary" onClick={() => void copySecret()}>
          Copy
        </button>
      </div>
      <p role="status" className={copy === 'failed' ? 'field-error' : 'muted'}>
        {copy === 'copied' && 'Copied to the clipboard.'}
        {copy === 'failed' && 'Could not copy. Select the secret and copy it yourself.'}
      </p>
      <p className="muted">
        Send it with every request as <code>Authorization: Bearer &lt;secret&gt;</code>.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
