'use client';

import { useMemo, useState } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import type { UsersRowFragment } from '../../gql/graphql';
import { ErrorAlert } from '../../ui/error-alert';
import { PageHeader } from '../../ui/page-header';
import { useViewer } from '../viewer/viewer-provider';
import { AddToTeamDialog, DeactivateUsersDialog } from './bulk-dialogs';
import { useDebouncedValue } from './use-debounced-value';
import { useUserOptions, type UserOptions } from './use-user-options';
import { CloneUserDialog, CreateUserDialog, EditUserDialog } from './user-dialogs';
import { countUsers, fullName } from './user-labels';
import { NO_FILTERS, UsersFilters, userFilterInput, type UsersFilterState } from './users-filters';
import { UsersTable, type UserRowActions } from './users-table';
import { UsersPageQuery, UsersReactivateMutation, UsersResendInvitationMutation, UsersUnlockMutation } from './users.operations';
import styles from './users.module.css';

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;
// Refetch the page after any change to a user or a team, even when the page showed none (an empty result names no types).
const PAGE_CONTEXT = { additionalTypenames: ['User', 'Team'] };

type OpenDialog =
  | { kind: 'create' }
  | { kind: 'edit'; userId: string }
  | { kind: 'clone'; source: UsersRowFragment }
  | { kind: 'deactivate' }
  | { kind: 'addToTeam' };

/** What the last action did: a sentence when it worked, the server's error when it did not. */
type Outcome = { done: string } | { failed: CombinedError } | null;

const TITLE = 'Users';
const DESCRIPTION = 'Invite people, change their details and roles, deactivate and reactivate them.';

/** The Users section: the table with search, filters and paging, and the dialogs that change users. */
export function UsersPage() {
  const { options, error } = useUserOptions();
  if (options) return <UsersDirectory options={options} />;
  return (
    <>
      <PageHeader title={TITLE} description={DESCRIPTION} />
      {error ? (
        <ErrorAlert error={error} />
      ) : (
        <p className="muted" aria-busy="true">
          Loading…
        </p>
      )}
    </>
  );
}

function UsersDirectory({ options }: { options: UserOptions }) {
  const viewer = useViewer();
  const [filters, setFilters] = useState<UsersFilterState>(NO_FILTERS);
  const text = useDebouncedValue(filters.text, SEARCH_DELAY_MS);
  const filter = useMemo(() => userFilterInput(filters, text), [filters, text]);
  // Cursors of the pages walked through: the last one is the page shown ([null] is the first page).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  // New filters start again from the first page, with nothing chosen.
  const filterKey = JSON.stringify(filter);
  const [shownFilterKey, setShownFilterKey] = useState(filterKey);
  if (shownFilterKey !== filterKey) {
    setShownFilterKey(filterKey);
    setCursors([null]);
    setSelected(new Set());
  }

  const [page] = useQuery({
    query: UsersPageQuery,
    variables: { filter, first: PAGE_SIZE, after: cursors.at(-1) },
    context: PAGE_CONTEXT,
  });
  const [{ fetching: reactivating }, reactivate] = useMutation(UsersReactivateMutation);
  const [{ fetching: resending }, resendInvitation] = useMutation(UsersResendInvitationMutation);
  const [{ fetching: unlocking }, unlock] = useMutation(UsersUnlockMutation);

  const users = page.data?.users.edges.map((edge) => edge.node) ?? [];
  const chosen = users.filter((user) => selected.has(user.id));
  const canDeactivate = viewer.can('users.deactivate');
  const canAddToTeam = viewer.can('users.edit.teams') && options.teams !== null;
  const selectable = canDeactivate || canAddToTeam;

  const finish = (message: string) => {
    setDialog(null);
    setSelected(new Set());
    setOutcome({ done: message });
  };
  /** Runs a change straight from the page, then says what happened; whether it worked. */
  async function run(action: Promise<{ error?: CombinedError }>, message: string): Promise<boolean> {
    setOutcome(null);
    const { error } = await action;
    setOutcome(error ? { failed: error } : { done: message });
    return !error;
  }

  async function reactivateChosen() {
    const message = `Reactivated ${countUsers(chosen.length)}. Reactivated users are in no team: add them to teams again.`;
    if (await run(reactivate({ ids: chosen.map((user) => user.id) }), message)) setSelected(new Set());
  }

  const rowActions: UserRowActions = {
    edit: viewer.can('users.edit') ? (user) => setDialog({ kind: 'edit', userId: user.id }) : undefined,
    clone: viewer.can('users.create') ? (user) => setDialog({ kind: 'clone', source: user }) : undefined,
    resendInvitation: viewer.can('users.create')
      ? (user) => void run(resendInvitation({ userId: user.id }), `Sent ${user.email} a new invitation; the previous link no longer works.`)
      : undefined,
    unlock: viewer.can('users.edit') ? (user) => void run(unlock({ id: user.id }), `Unlocked ${fullName(user)}: they can sign in again.`) : undefined,
  };

  function select(ids: string[], checked: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (checked) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }

  function turnPage(to: (string | null)[]) {
    setCursors(to);
    setSelected(new Set());
  }

  // A page after the first can empty under the viewer (its users deactivated out of a Status filter): show the one
  // before. Not while fetching: urql keeps the last page's data until the page asked for arrives.
  if (page.data && !page.fetching && users.length === 0 && cursors.length > 1) turnPage(cursors.slice(0, -1));

  const filtered = Object.values(filter).some((value) => value !== null);
  const total = page.data?.users.totalCount ?? 0;
  const first = (cursors.length - 1) * PAGE_SIZE;
  const dialogProps = { options, onClose: () => setDialog(null), onSaved: finish };

  return (
    <>
      <PageHeader
        title={TITLE}
        description={DESCRIPTION}
        actions={
          viewer.can('users.create') && (
            <button type="button" className="primary" onClick={() => setDialog({ kind: 'create' })}>
              Add user
            </button>
          )
        }
      />
      <section className="panel" aria-label="User list">
        <UsersFilters filters={filters} options={options} onChange={setFilters} />

        {selectable && (
          <div className={styles.bulkBar} role="group" aria-label="Bulk actions">
            <span role="status">{chosen.length} selected</span>
            {canDeactivate && (
              <>
                <button type="button" className="danger" disabled={chosen.length === 0} onClick={() => setDialog({ kind: 'deactivate' })}>
                  Deactivate
                </button>
                <button type="button" disabled={chosen.length === 0 || reactivating} onClick={() => void reactivateChosen()}>
                  Reactivate
                </button>
              </>
            )}
            {canAddToTeam && (
              <button type="button" disabled={chosen.length === 0} onClick={() => setDialog({ kind: 'addToTeam' })}>
                Add to team
              </button>
            )}
            {chosen.length > 0 && (
              <button type="button" className="small" onClick={() => setSelected(new Set())}>
                Clear selection
              </button>
            )}
          </div>
        )}

        {outcome && 'done' in outcome && (
          <p className="success" role="status">
            {outcome.done}
          </p>
        )}
        {outcome && 'failed' in outcome && <ErrorAlert error={outcome.failed} />}
        <ErrorAlert error={page.error} />

        {page.data && users.length === 0 ? (
          <p className={`muted ${styles.empty}`}>{filtered ? 'No users match the search and filters.' : 'No users yet.'}</p>
        ) : !page.data ? (
          !page.error && (
            <p className="muted" aria-busy="true">
              Loading users…
            </p>
          )
        ) : (
          <>
            <div className={styles.tableScroll}>
              <UsersTable
                users={users}
                selected={selectable ? selected : null}
                onSelect={select}
                actions={rowActions}
                running={{ resendInvitation: resending, unlock: unlocking }}
                busy={page.fetching}
              />
            </div>
            <nav className={styles.pager} aria-label="Pages of users">
              <span className="muted">
                {first + 1}–{first + users.length} of {total}
              </span>
              <button type="button" disabled={cursors.length === 1} onClick={() => turnPage(cursors.slice(0, -1))}>
                Previous
              </button>
              <button
                type="button"
                disabled={!page.data.users.pageInfo.hasNextPage}
                onClick={() => turnPage([...cursors, page.data!.users.pageInfo.endCursor])}
              >
                Next
              </button>
            </nav>
          </>
        )}

        {dialog?.kind === 'create' && <CreateUserDialog {...dialogProps} />}
        {dialog?.kind === 'edit' && <EditUserDialog {...dialogProps} userId={dialog.userId} />}
        {dialog?.kind === 'clone' && <CloneUserDialog {...dialogProps} source={dialog.source} />}
        {dialog?.kind === 'deactivate' && <DeactivateUsersDialog users={chosen} onClose={dialogProps.onClose} onDone={finish} />}
        {dialog?.kind === 'addToTeam' && options.teams && (
          <AddToTeamDialog users={chosen} teams={options.teams} onClose={dialogProps.onClose} onDone={finish} />
        )}
      </section>
    </>
  );
}
