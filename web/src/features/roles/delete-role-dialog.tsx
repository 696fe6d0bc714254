'use client';

import { useState } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { fieldError } from '../../graphql/error-message';
import { Dialog } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import type { RoleSummary } from './role-draft';
import { RolesDeleteMutation } from './roles.operations';

/**
 * Confirms deleting a custom role. When people hold it the server says who loses it and asks
 * again; its words are shown so the second confirmation is an informed one. A role whose deletion
 * would leave someone with no role is refused with the reason, and nothing more is offered.
 */
export function DeleteRoleDialog({ role, onClose, onDeleted }: { role: RoleSummary; onClose: () => void; onDeleted: () => void }) {
  const [{ fetching }, deleteRole] = useMutation(RolesDeleteMutation);
  // The server's description of who holds the role, once it asked for confirmation.
  const [holders, setHolders] = useState<string | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);

  async function remove() {
    const result = await deleteRole({ id: role.id, confirm: holders !== null });
    if (!result.error) return onDeleted();
    const problem = fieldError(result.error);
    if (problem?.field === 'confirm') setHolders(problem.message);
    else setError(result.error);
  }

  return (
    <Dialog title={`Delete the role “${role.name}”?`} onClose={onClose}>
      {holders ? (
        <p className="notice" role="alert">
          {holders}
        </p>
      ) : (
        <p>The role is deleted for good. This cannot be undone.</p>
      )}
      <ErrorAlert error={error} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {error ? 'Close' : 'Cancel'}
        </button>
        {!error && (
          <button type="button" className="danger" disabled={fetching} onClick={() => void remove()}>
            {fetching ? 'Deleting…' : holders ? 'Delete anyway' : 'Delete role'}
          </button>
        )}
      </div>
    </Dialog>
  );
}
