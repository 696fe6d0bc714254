'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { moveItem, type RoleSummary } from './role-draft';
import { RolesReorderMutation } from './roles.operations';

const sameOrder = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * The roles in the order the viewer arranges them, saved as they go (the order auto-saves).
 * Saves run one at a time: moves made while one is on its way are sent after it as a single
 * order, so quick moves can never reach the server out of order.
 */
export function useRoleOrder(roles: readonly RoleSummary[]) {
  const [, reorderRoles] = useMutation(RolesReorderMutation);
  // The viewer's arrangement, shown until the server's list catches up with it.
  const [arranged, setArranged] = useState<string[] | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);
  const saving = useRef(false);
  const waiting = useRef<string[] | null>(null);

  const serverIds = useMemo(() => roles.map((role) => role.id), [roles]);
  const ids = useMemo(() => {
    if (!arranged) return serverIds;
    // Roles created or deleted meanwhile: new ones at the bottom (where the server puts them), gone ones out.
    const known = new Set(serverIds);
    const kept = arranged.filter((id) => known.has(id));
    return [...kept, ...serverIds.filter((id) => !kept.includes(id))];
  }, [arranged, serverIds]);

  // Once the server holds the arranged order, follow the server again (and so other admins' changes).
  useEffect(() => {
    if (arranged && sameOrder(arranged, serverIds)) setArranged(null);
  }, [arranged, serverIds]);

  async function save(order: string[]) {
    waiting.current = order;
    if (saving.current) return;
    saving.current = true;
    while (waiting.current) {
      const next = waiting.current;
      waiting.current = null;
      const result = await reorderRoles({ ids: next });
      if (result.error) {
        // Back to the order the server holds, with its reason.
        waiting.current = null;
        setError(result.error);
        setArranged(null);
      }
    }
    saving.current = false;
  }

  /** Moves a role to a position (0 = top) and saves the new order. */
  function move(id: string, to: number) {
    const from = ids.indexOf(id);
    if (from < 0 || to < 0 || to >= ids.length || from === to) return;
    const next = moveItem(ids, from, to);
    setError(null);
    setArranged(next);
    void save(next);
  }

  const byId = new Map(roles.map((role) => [role.id, role]));
  return { ordered: ids.map((id) => byId.get(id)!), move, error };
}
