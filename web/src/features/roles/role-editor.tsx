'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { fieldError, isConflict } from '../../graphql/error-message';
import { ErrorAlert } from '../../ui/error-alert';
import { Field } from '../../ui/field';
import { DeleteRoleDialog } from './delete-role-dialog';
import { PermissionMatrix } from './permission-matrix';
import {
  LICENSE_LABELS,
  canAssignRoles,
  draftOf,
  hasUnsavedChanges,
  isDirty,
  roleInput,
  type PermissionGroup,
  type RoleDraft,
  type RoleSummary,
} from './role-draft';
import { RolesCreateMutation, RolesUpdateMutation } from './roles.operations';
import styles from './roles.module.css';

// Fields whose server errors the editor shows beside them; any other error shows above the buttons.
const INLINE_FIELDS = ['name', 'label', 'color', 'permissions', 'assignableRoleIds'];

/**
 * One role's settings: name, label and color, the permission matrix and the roles its holders may
 * assign, saved as a whole. `role` null edits a new custom role. Default roles keep their name,
 * label and color, and Admin and Agent their permissions; viewers without "Roles & Permissions"
 * Edit see it all read-only.
 */
export function RoleEditor({
  role,
  roles,
  groups,
  editUserName,
  canEdit,
  notice,
  onUnsavedChange,
  onSaved,
  onDeleted,
  reloadRoles,
}: {
  role: RoleSummary | null;
  roles: readonly RoleSummary[];
  groups: readonly PermissionGroup[];
  /** The catalogue's name of the Edit User permission, which assignable roles go with. */
  editUserName: string;
  canEdit: boolean;
  /** What the last save did, shown until the viewer changes something. */
  notice: string | null;
  /** Told whether the draft holds changes not saved yet, so the page can ask before dropping them. */
  onUnsavedChange: (unsaved: boolean) => void;
  onSaved: (role: RoleSummary, created: boolean) => void;
  onDeleted: (role: RoleSummary) => void;
  /** Loads the roles again from the server (after a save refused over a stale version). */
  reloadRoles: () => void;
}) {
  const [draft, setDraft] = useState(() => draftOf(role));
  // The version this edit started from: a save after someone else's is refused (CONFLICT), not lost.
  const [version, setVersion] = useState(role?.version ?? 0);
  const [saveError, setSaveError] = useState<CombinedError | null>(null);
  const [deleting, setDeleting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // Once the role is reloaded after a conflict, the next save goes over the version stored now, with what the viewer typed.
  if (role && role.version !== version && isConflict(saveError)) setVersion(role.version);
  const [{ fetching: creating }, createRole] = useMutation(RolesCreateMutation);
  const [{ fetching: updating }, updateRole] = useMutation(RolesUpdateMutation);

  const identityEditable = canEdit && !role?.isDefault;
  const permissionsEditable = canEdit && (role?.permissionsEditable ?? true);
  const problem = fieldError(saveError);
  const errorOf = (field: string) => (problem?.field === field ? problem.message : null);
  const change = (changes: Partial<RoleDraft>) => setDraft((current) => ({ ...current, ...changes }));
  const assignable = canAssignRoles(draft);
  const unsaved = hasUnsavedChanges(draft, role);
  useEffect(() => onUnsavedChange(unsaved), [unsaved, onUnsavedChange]);
  // Take the viewer to the field the server refused, once per refusal: its message is far from Save.
  useEffect(() => {
    if (saveError) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [saveError]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const input = roleInput(draft);
    const result = role
      ? await updateRole({ id: role.id, input, version }).then(({ error, data }) => ({ error, saved: data?.updateRole }))
      : await createRole({ input }).then(({ error, data }) => ({ error, saved: data?.createRole }));
    if (isConflict(result.error)) reloadRoles();
    if (result.error || !result.saved) return setSaveError(result.error ?? null);
    setSaveError(null);
    setDraft(draftOf(result.saved));
    setVersion(result.saved.version);
    onSaved(result.saved, role === null);
  }

  return (
    <section className="panel" aria-labelledby="role-editor-title">
      <h2 id="role-editor-title">{role ? role.name : 'New custom role'}</h2>
      {role?.isDefault && (
        <p className="muted">
          {role.permissionsEditable
            ? 'A default role: its name, label and color stay as they are; its permissions can be changed.'
            : `A default role with fixed permissions. To grant a different set, create a custom role.`}
        </p>
      )}
      <form ref={formRef} className={styles.editor} onSubmit={save} noValidate>
        <div className={styles.identity}>
          {identityEditable ? (
            <>
              <div className="form">
                <Field label="Role name" value={draft.name} onChange={(e) => change({ name: e.target.value })} error={errorOf('name')} autoComplete="off" autoFocus={role === null} />
                <p className={styles.hint}>Up to 20 characters, unique among the roles.</p>
              </div>
              <div className="form">
                <Field label="Label" value={draft.label} onChange={(e) => change({ label: e.target.value })} error={errorOf('label')} autoComplete="off" />
                <p className={styles.hint}>Up to 16 characters, shown on user lists.</p>
              </div>
              <div className="form">
                <Field label="Label color" type="color" value={draft.color} onChange={(e) => change({ color: e.target.value })} error={errorOf('color')} />
                <p className={styles.hint}>{draft.color}</p>
              </div>
            </>
          ) : (
            <dl className={styles.facts}>
              <dt>Role name</dt>
              <dd>{draft.name}</dd>
              <dt>Label</dt>
              <dd>{draft.label}</dd>
              <dt>Label color</dt>
              <dd>{draft.color}</dd>
            </dl>
          )}
        </div>
        <p className={styles.preview}>
          <span className="muted">On user lists:</span>
          <span className="badge">
            <span className="swatch" style={{ background: draft.color }} aria-hidden="true" />
            {draft.label || 'Label'}
          </span>
        </p>

        <p>
          <strong>License type: </strong>
          {role ? LICENSE_LABELS[role.licenseType] : 'set when the role is created'}
          <span className={`${styles.hint} ${styles.block}`}>
            Follows the permissions: Admin with any Admin permission, otherwise Manager with any Manager permission, otherwise Agent.
          </span>
        </p>

        <fieldset className={styles.fieldset}>
          <legend>Permissions</legend>
          {errorOf('permissions') && <p className="field-error">{errorOf('permissions')}</p>}
          <PermissionMatrix
            groups={groups}
            grants={draft.grants}
            editable={permissionsEditable}
            onChange={(permission, grant) =>
              setDraft((current) => {
                const grants = { ...current.grants };
                if (grant) grants[permission] = grant;
                else delete grants[permission];
                return { ...current, grants };
              })
            }
          />
        </fieldset>

        <fieldset className={styles.fieldset} disabled={!permissionsEditable || !assignable}>
          <legend>Assignable roles</legend>
          <p className={styles.hint}>
            Roles that holders may give to other users. They apply with the permission &ldquo;{editUserName}&rdquo;
            {permissionsEditable && !assignable ? ': grant it to choose them.' : '.'}
          </p>
          {errorOf('assignableRoleIds') && <p className="field-error">{errorOf('assignableRoleIds')}</p>}
          {permissionsEditable ? (
            <div className={styles.checkboxes}>
              {roles.map((other) => (
                <label key={other.id} className={styles.checkbox}>
                  <input
                    type="checkbox"
                    // Shown as it will be saved: without Edit User, none.
                    checked={assignable && draft.assignableRoleIds.includes(other.id)}
                    onChange={(e) =>
                      change({
                        assignableRoleIds: e.target.checked
                          ? [...draft.assignableRoleIds, other.id]
                          : draft.assignableRoleIds.filter((id) => id !== other.id),
                      })
                    }
                  />
                  {other.name}
                </label>
              ))}
            </div>
          ) : (
            <p>{roles.filter((other) => draft.assignableRoleIds.includes(other.id)).map((other) => other.name).join(', ') || 'None'}</p>
          )}
        </fieldset>

        {saveError && !INLINE_FIELDS.includes(problem?.field ?? '') && <ErrorAlert error={saveError} />}
        {notice && !isDirty(draft, role) && (
          <p className="success" role="status">
            {notice}
          </p>
        )}
        {canEdit && (
          <div className={styles.actions}>
            {(identityEditable || permissionsEditable) && (
              <button type="submit" className="primary" disabled={creating || updating}>
                {role ? (updating ? 'Saving…' : 'Save role') : creating ? 'Creating…' : 'Create role'}
              </button>
            )}
            {role && !role.isDefault && (
              <button type="button" className="danger" onClick={() => setDeleting(true)}>
                Delete role
              </button>
            )}
          </div>
        )}
      </form>
      {deleting && role && <DeleteRoleDialog role={role} onClose={() => setDeleting(false)} onDeleted={() => onDeleted(role)} />}
    </section>
  );
}
