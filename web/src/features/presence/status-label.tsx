import type { PresenceStatusFragment } from '../../gql/graphql';

/** A status as a color swatch and its name: the color is never the only sign. */
export function StatusLabel({ status }: { status: Pick<PresenceStatusFragment, 'name' | 'color'> }) {
  return (
    <span className="badge">
      <span className="swatch" style={{ background: status.color }} aria-hidden="true" />
      {status.name}
    </span>
  );
}
