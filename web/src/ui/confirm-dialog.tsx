'use client';

import { useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { Dialog } from './dialog';
import { ErrorAlert } from './error-alert';

/**
 * Asks before a change the page cannot undo (archive, delete, revoke). `onConfirm` runs the change;
 * when the server refuses, its message is shown inside the dialog, where the person acted, and
 * the dialog stays open. On success the caller closes it.
 */
export function ConfirmDialog({
  title,
  confirmLabel,
  cancelLabel = 'Cancel',
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => Promise<{ error?: CombinedError }>;
  onClose: () => void;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | undefined>();

  async function confirm() {
    setBusy(true);
    const result = await onConfirm();
    setBusy(false);
    setError(result.error);
  }

  return (
    <Dialog title={title} onClose={onClose}>
      {children}
      <ErrorAlert error={error} />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {cancelLabel}
        </button>
        <button type="button" className="danger" onClick={() => void confirm()} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
