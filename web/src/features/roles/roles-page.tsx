'use client';

import { useMemo, useState } from 'react';
import { useQuery } from 'urql';
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
  const editUserName = data?.permissions.find((p) => p.key === EDIT_USER_PERMISSION)?.name ?? 'Edit User';

  return (
    <>
      <PageHeader
        title="Roles & permissions"
        description="Each role grants a set of permissions; a user holds up to 10 roles and gets the highest level of each permission among them."
        actions={
          canEdit && (
            <button type="button" className="primary" onClick={() => select('new')}>
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
            <RoleList roles={roles} selectedId={selected?.id ?? null} onSelect={(roleId) => select({ roleId })} canReorder={canEdit} />
            {(selected || selection === 'new') && (
              <RoleEditor
                key={selected?.id ?? 'new'}
                role={selected}
                roles={roles}
                groups={groups}
                editUserName={editUserName}
                canEdit={canEdit}
                notice={notice}
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
    </>
  );
}
