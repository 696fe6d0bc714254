'use client';

import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { PageHeader } from '../../ui/page-header';
import { useViewer } from '../viewer/viewer-provider';
import { ExplainAccess } from './explain-access';
import { RoleEditor } from './role-editor';
import { RoleList } from './role-list';
import { EDIT_USER_PERMISSION, groupCatalogue, type RoleSummary } from './role-draft';
import { RolesPageQuery } from './roles.operations';
import styles from './roles.module.css';

/** What the editor shows: a stored role, or a new custom role being made. */
type Selection = { roleId: string } | 'new' | null;
/** A selection the viewer asks for (null only ever comes from the page itself). */
type Choice = Exclude<Selection, null>;

/**
 * Roles & permissions: the roles in order, the selected role's editor (or a new custom role's),
 * and "Explain access". Changes need "Roles & Permissions" at Edit; with View it is all read-only.
 */
export function RolesPage() {
  const viewer = useViewer();
  const canEdit = viewer.can('roles', 'EDIT');
  const [{ data, error }, refetch] = useQuery({ query: RolesPageQuery });
  const reloadRoles = () => refetch({ requestPolicy: 'network-only' });
  const [selection, setSelection] = useState<Selection>(null);
  // Whether the editor holds changes a new selection would throw away, and the selection waiting on "Discard them?".
  const [editorUnsaved, setEditorUnsaved] = useState(false);
  const [pendingChoice, setPendingChoice] = useState<Choice | null>(null);
  // What the last save did, shown in the editor; a deletion is told above the list, its editor being gone.
  const [notice, setNotice] = useState<string | null>(null);
  const [deletedName, setDeletedName] = useState<string | null>(null);
  const groups = useMemo(() => groupCatalogue(data?.permissions ?? []), [data?.permissions]);

  // A role just created, shown from createRole's answer until the refetched list has it too.
  const [created, setCreated] = useState<RoleSummary | null>(null);

  const roles = data?.roles ?? [];
  const wanted = selection === 'new' ? undefined : selection?.roleId;
  // Until the viewer picks one (or after theirs is deleted), the first role is shown.
  const selected =
    selection === 'new' ? null : (roles.find((role) => role.id === wanted) ?? (created?.id === wanted ? created : null) ?? roles[0] ?? null);
  const select = (next: Selection) => {
    setSelection(next);
    setNotice(null);
    setDeletedName(null);
  };
  const isShown = (choice: Choice) => (choice === 'new' ? selection === 'new' : choice.roleId === selected?.id);
  const choose = (choice: Choice) => {
    if (editorUnsaved && !isShown(choice)) setPendingChoice(choice);
    else select(choice);
  };
  const editUserName = data?.permissions.find((p) => p.key === EDIT_USER_PERMISSION)?.name ?? 'Edit User';

  return (
    <>
      <PageHeader
        title="Roles & permissions"
        description="Each role grants a set of permissions; a user holds up to 10 roles and gets the highest level of each permission among them."
        actions={
          canEdit && (
            <button type="button" className="primary" onClick={() => choose('new')}>
              Add role
            </button>
          )
        }
      />
      <ErrorAlert error={error} />
      {deletedName && (
        <p className="success" role="status">
          Role “{deletedName}” deleted.
        </p>
      )}
      {!data ? (
        !error && (
          <p className="muted" aria-busy="true">
            Loading roles…
          </p>
        )
      ) : (
        <div className={styles.page}>
          <div className={styles.layout}>
            <RoleList roles={roles} selectedId={selected?.id ?? null} onSelect={(roleId) => choose({ roleId })} canReorder={canEdit} />
            {(selected || selection === 'new') && (
              <RoleEditor
                key={selected?.id ?? 'new'}
                role={selected}
                roles={roles}
                groups={groups}
                editUserName={editUserName}
                canEdit={canEdit}
                notice={notice}
                onUnsavedChange={setEditorUnsaved}
                onSaved={(role, isNew) => {
                  setSelection({ roleId: role.id });
                  if (isNew) setCreated(role);
                  setNotice(isNew ? `Role “${role.name}” created. It is at the bottom of the list.` : `Role “${role.name}” saved.`);
                }}
                onDeleted={(role) => {
                  select(null);
                  setDeletedName(role.name);
                  reloadRoles();
                }}
                reloadRoles={reloadRoles}
              />
            )}
          </div>
          <ExplainAccess groups={groups} />
        </div>
      )}
      {pendingChoice && (
        <ConfirmDialog
          title={`Discard your changes to ${selected ? `“${selected.name}”` : 'the new role'}?`}
          confirmLabel="Discard"
          cancelLabel="Keep editing"
          onConfirm={async () => {
            select(pendingChoice);
            setPendingChoice(null);
            return {};
          }}
          onClose={() => setPendingChoice(null)}
        >
          <p>They have not been saved.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
