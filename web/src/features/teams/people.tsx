'use client';

import type { TeamRole, TeamsPersonFragment } from '../../gql/graphql';
import styles from './teams.module.css';

/** How a role reads in a sentence: "a member of", "already a manager". */
export const ROLE_WORDS: Record<TeamRole, string> = { MEMBER: 'member', MANAGER: 'manager' };

/** First and last name, as lists show a person. */
export function personName(person: Pick<TeamsPersonFragment, 'firstName' | 'lastName'>): string {
  return `${person.firstName} ${person.lastName}`;
}

/** A person's name, and below it their email, marked when they have not accepted their invitation yet. */
export function PersonLabel({ person }: { person: TeamsPersonFragment }) {
  return (
    <span className={styles.person}>
      <span className={styles.personName}>{personName(person)}</span>
      <span className={styles.personEmail}>
        {person.email}
        {person.status === 'INVITED' && <span className="badge">Invited</span>}
      </span>
    </span>
  );
}

/** The managers or the members of a team; with `onRemove`, each can be taken off the team. */
export function PeopleList(props: {
  heading: string;
  people: readonly TeamsPersonFragment[];
  empty: string;
  onRemove?: (person: TeamsPersonFragment) => void;
  removing?: boolean;
}) {
  const headingId = `people-${props.heading.toLowerCase()}`;
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>
        {props.heading} <span className="muted">({props.people.length})</span>
      </h3>
      {props.people.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ul className={styles.people} aria-labelledby={headingId}>
          {props.people.map((person) => (
            <li key={person.id}>
              <PersonLabel person={person} />
              {props.onRemove && (
                <button
                  type="button"
                  className="small danger"
                  disabled={props.removing}
                  onClick={() => props.onRemove!(person)}
                  aria-label={`Remove ${personName(person)}`}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
