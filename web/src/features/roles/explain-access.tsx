'use client';

import { useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import type { RolesExplainAccessQuery, RolesUserSearchQuery as UserSearchResult } from '../../gql/graphql';
import { ErrorAlert } from '../../ui/error-alert';
import { Field } from '../../ui/field';
import { SCOPE_LABELS, accessLabel, type PermissionGroup } from './role-draft';
import { RolesExplainAccessQuery as ExplainQuery, RolesUserSearchQuery } from './roles.operations';
import styles from './roles.module.css';

type FoundUser = UserSearchResult['users']['edges'][number]['node'];

const fullName = (user: FoundUser) => `${user.firstName} ${user.lastName}`;

/**
 * "Explain access": pick a user and a permission, and the server says whether the user holds it,
 * at what level and scope, and which of their roles grant it. Finding users needs "View Users".
 */
export function ExplainAccess({ groups }: { groups: readonly PermissionGroup[] }) {
  const [searchText, setSearchText] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [chosenUserId, setChosenUserId] = useState('');
  const [permission, setPermission] = useState('');
  const [asked, setAsked] = useState<{ user: FoundUser; permission: string } | null>(null);

  const [users] = useQuery({ query: RolesUserSearchQuery, variables: { text: searched ?? '' }, pause: searched === null });
  const found = users.data?.users.edges.map((edge) => edge.node) ?? [];
  const user = found.find((candidate) => candidate.id === chosenUserId) ?? found[0];
  // Always asked anew: roles may have changed since the last answer.
  const [explanation] = useQuery({
    query: ExplainQuery,
    variables: { userId: asked?.user.id ?? '', permission: asked?.permission ?? '' },
    pause: asked === null,
    requestPolicy: 'network-only',
  });

  function search(event: FormEvent) {
    event.preventDefault();
    setSearched(searchText.trim());
    setChosenUserId('');
  }

  function explain(event: FormEvent) {
    event.preventDefault();
    if (user && permission) setAsked({ user, permission });
  }

  const userHint =
    searched === null ? 'Search for a user first' : users.fetching ? 'Searching…' : found.length === 0 ? 'No users match the search' : null;

  return (
    <section className="panel" aria-labelledby="explain-access-title">
      <h2 id="explain-access-title">Explain access</h2>
      <p className="muted">Why someone can or cannot do something: whether they hold a permission, at what level and scope, and through which roles.</p>
      <div className={styles.explainForms}>
        <form role="search" className={styles.inlineForm} onSubmit={search}>
          <div className="form">
            <Field label="Find a user" type="search" placeholder="Name, alias, email or agent id" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
          </div>
          <button type="submit">Search</button>
        </form>
        <form className={styles.inlineForm} onSubmit={explain}>
          <div className="form">
            <label htmlFor="explain-user">User</label>
            <select id="explain-user" value={user?.id ?? ''} onChange={(e) => setChosenUserId(e.target.value)} disabled={found.length === 0}>
              {userHint && <option value="">{userHint}</option>}
              {found.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {fullName(candidate)} ({candidate.email})
                </option>
              ))}
            </select>
          </div>
          <div className="form">
            <label htmlFor="explain-permission">Permission</label>
            <select id="explain-permission" value={permission} onChange={(e) => setPermission(e.target.value)}>
              <option value="">Choose a permission</option>
              {groups.map((group) => (
                <optgroup key={group.name} label={group.name}>
                  {group.permissions.map(({ entry, shortName }) => (
                    <option key={entry.key} value={entry.key}>
                      {shortName}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <button type="submit" className="primary" disabled={!user || !permission}>
            Explain access
          </button>
        </form>
      </div>
      {users.data && users.data.users.totalCount > found.length && (
        <p className={styles.hint}>
          Showing {found.length} of {users.data.users.totalCount} matching users; narrow the search to find others.
        </p>
      )}
      <ErrorAlert error={users.error} />
      <div aria-live="polite">
        {explanation.fetching && <p className="muted">Checking…</p>}
        <ErrorAlert error={explanation.error} />
        {asked && explanation.data && !explanation.fetching && <Explanation user={asked.user} answer={explanation.data.explainAccess} />}
      </div>
    </section>
  );
}

function Explanation({ user, answer }: { user: FoundUser; answer: RolesExplainAccessQuery['explainAccess'] }) {
  const { permission } = answer;
  if (!answer.granted || !answer.access || !answer.scope) {
    return (
      <p className="notice">
        <strong>Not granted.</strong> {fullName(user)} does not have &ldquo;{permission.name}&rdquo;: none of their roles (
        {user.roles.map((role) => role.name).join(', ')}) grants it.
      </p>
    );
  }
  return (
    <>
      <p className="success">
        <strong>Granted.</strong> {fullName(user)} has &ldquo;{permission.name}&rdquo;
        {permission.hasLevels ? ` at ${accessLabel(permission, answer.access)}` : ''}, scope {SCOPE_LABELS[answer.scope]}.
        {answer.grantedBy.length > 1 && ' With several roles, the highest level and the widest scope count.'}
      </p>
      <table className={`table ${styles.grants}`}>
        <caption>Granted by</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Access</th>
            <th scope="col">Scope</th>
          </tr>
        </thead>
        <tbody>
          {answer.grantedBy.map((grant) => (
            <tr key={grant.role.id}>
              <th scope="row">{grant.role.name}</th>
              <td>{accessLabel(permission, grant.access)}</td>
              <td>{SCOPE_LABELS[grant.scope]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
