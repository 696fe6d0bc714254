'use client';

import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { TeamRole, TeamsPersonFragment } from '../../gql/graphql';
import { ErrorAlert } from '../../ui/error-alert';
import { Field } from '../../ui/field';
import { PersonLabel, personName, ROLE_WORDS } from './people';
import { TeamsAddPeopleMutation, TeamsUserSearchQuery } from './teams.operations';
import styles from './teams.module.css';

/** Waits for typing to pause before searching, so each keystroke is not a request. */
function useSettled(value: string, delayMs = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/**
 * Finds people by name or email and adds them to the team as members or managers. A person is one
 * or the other in a team, and only agents can be members: the server says so when it refuses.
 */
export function AddPeopleForm({ teamId, teamName, roleOf }: { teamId: string; teamName: string; roleOf: ReadonlyMap<string, TeamRole> }) {
  const [role, setRole] = useState<TeamRole>('MEMBER');
  const [text, setText] = useState('');
  const search = useSettled(text.trim());
  const [{ data, fetching: searching, error: searchError }] = useQuery({
    query: TeamsUserSearchQuery,
    variables: { text: search },
    pause: search === '',
  });
  const [{ fetching: adding, error: addError }, addPeople] = useMutation(TeamsAddPeopleMutation);
  const [added, setAdded] = useState<string | null>(null);

  async function add(person: TeamsPersonFragment) {
    setAdded(null);
    const result = await addPeople({ teamId, userIds: [person.id], role });
    if (result.data) setAdded(`${personName(person)} is now a ${ROLE_WORDS[role]} of “${teamName}”.`);
  }

  const people = data?.users.edges.map((edge) => edge.node) ?? [];
  return (
    <section className={styles.addPeople} aria-labelledby="add-people-heading">
      <h3 id="add-people-heading">Add people</h3>
      <fieldset className={styles.roleChoice}>
        <legend>Add as</legend>
        {(['MEMBER', 'MANAGER'] as const).map((choice) => (
          <label key={choice}>
            <input type="radio" name="team-role" value={choice} checked={role === choice} onChange={() => setRole(choice)} />
            {choice === 'MEMBER' ? 'Member (agents only)' : 'Manager'}
          </label>
        ))}
      </fieldset>
      <Field label="Find people" type="search" placeholder="Name or email" value={text} onChange={(e) => setText(e.target.value)} />
      <ErrorAlert error={addError ?? searchError} />
      {added && !addError && (
        <p className="success" role="status">
          {added}
        </p>
      )}
      {search !== '' && (
        <div aria-live="polite" aria-busy={searching}>
          {searching && people.length === 0 ? (
            <p className="muted">Searching…</p>
          ) : people.length === 0 ? (
            <p className="muted">No active or invited user matches “{search}”.</p>
          ) : (
            <ul className={styles.people} aria-label="Search results">
              {people.map((person) => {
                const current = roleOf.get(person.id);
                return (
                  <li key={person.id}>
                    <PersonLabel person={person} />
                    {current ? (
                      <span className="badge">Already a {ROLE_WORDS[current]}</span>
                    ) : (
                      <button type="button" className="small" disabled={adding} onClick={() => void add(person)} aria-label={`Add ${personName(person)} as ${ROLE_WORDS[role]}`}>
                        Add
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
          {data && data.users.totalCount > people.length && (
            <p className="muted">
              Showing {people.length} of {data.users.totalCount}; type more of the name or email to narrow the list.
            </p>
          )}
        </div>
      )}
    </section>
  );
}
