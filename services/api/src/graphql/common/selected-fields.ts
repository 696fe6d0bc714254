import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionNode } from 'graphql';

/**
 * Names of the fields the query selects at `path` below the field being resolved, through fragments:
 * e.g. `['edges', 'node']` for the fields asked of each node of a connection. Directives are ignored,
 * so a field under @skip or @include counts as selected.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: string[]): Set<string> {
  let selections = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
  for (const name of path) {
    selections = fieldsOf(selections, info)
      .filter((field) => field.name.value === name)
      .flatMap((field) => field.selectionSet?.selections ?? []);
  }
  return new Set(fieldsOf(selections, info).map((field) => field.name.value));
}

function fieldsOf(selections: readonly SelectionNode[], info: GraphQLResolveInfo): FieldNode[] {
  return selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
    return fragment ? fieldsOf(fragment.selectionSet.selections, info) : [];
  });
}
