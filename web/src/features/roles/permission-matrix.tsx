'use client';

import type { AccessLevel, PermissionScope } from '../../gql/graphql';
import { LICENSE_LABELS, SCOPE_LABELS, accessLabel, type CatalogueEntry, type GrantDraft, type PermissionGroup } from './role-draft';
import styles from './roles.module.css';

const NONE = '';

/**
 * Every permission of the catalogue, grouped as the catalogue names them, with what the role grants:
 * None, View or Edit (or simply Granted, for permissions without levels) and the scope, offering
 * only the scopes that permission allows. Read-only where the role or the viewer may not change it.
 */
export function PermissionMatrix({
  groups,
  grants,
  editable,
  onChange,
}: {
  groups: readonly PermissionGroup[];
  grants: Readonly<Record<string, GrantDraft>>;
  editable: boolean;
  onChange: (permission: string, grant: GrantDraft | null) => void;
}) {
  return (
    <table className={`table ${styles.matrix}`}>
      <caption className="visually-hidden">Permissions of the role</caption>
      <thead>
        <tr>
          <th scope="col">Permission</th>
          <th scope="col">Access</th>
          <th scope="col">Scope</th>
          <th scope="col">License type</th>
        </tr>
      </thead>
      {groups.map((group) => (
        <tbody key={group.name}>
          <tr className={styles.groupRow}>
            <th scope="rowgroup" colSpan={4}>
              {group.name}
            </th>
          </tr>
          {group.permissions.map(({ entry, shortName }) => (
            <PermissionRow
              key={entry.key}
              entry={entry}
              shortName={shortName}
              grant={grants[entry.key] ?? null}
              editable={editable}
              onChange={(grant) => onChange(entry.key, grant)}
            />
          ))}
        </tbody>
      ))}
    </table>
  );
}

function PermissionRow({
  entry,
  shortName,
  grant,
  editable,
  onChange,
}: {
  entry: CatalogueEntry;
  shortName: string;
  grant: GrantDraft | null;
  editable: boolean;
  onChange: (grant: GrantDraft | null) => void;
}) {
  // Permissions without levels are granted as EDIT (the API's rule); they offer only None or Granted.
  const levels: AccessLevel[] = entry.hasLevels ? ['VIEW', 'EDIT'] : ['EDIT'];
  const scopeChoice = entry.scopes.length > 1;
  return (
    <tr className={grant ? styles.granted : undefined}>
      <th scope="row" className={styles.permissionName}>
        {shortName}
      </th>
      <td>
        {editable ? (
          <select
            aria-label={`Access: ${entry.name}`}
            value={grant?.access ?? NONE}
            onChange={(event) => {
              const access = event.target.value as AccessLevel | typeof NONE;
              onChange(access === NONE ? null : { access, scope: grant?.scope ?? 'ALL' });
            }}
          >
            <option value={NONE}>None</option>
            {levels.map((level) => (
              <option key={level} value={level}>
                {accessLabel(entry, level)}
              </option>
            ))}
          </select>
        ) : (
          <span className={grant ? undefined : 'muted'}>{grant ? accessLabel(entry, grant.access) : 'None'}</span>
        )}
      </td>
      <td>
        {editable && scopeChoice && grant ? (
          <select
            aria-label={`Scope: ${entry.name}`}
            value={grant.scope}
            onChange={(event) => onChange({ ...grant, scope: event.target.value as PermissionScope })}
          >
            {entry.scopes.map((scope) => (
              <option key={scope} value={scope}>
                {SCOPE_LABELS[scope]}
              </option>
            ))}
          </select>
        ) : (
          <span className={grant ? undefined : 'muted'}>{grant ? SCOPE_LABELS[grant.scope] : '—'}</span>
        )}
      </td>
      <td className="muted">{LICENSE_LABELS[entry.licenseClass]}</td>
    </tr>
  );
}
