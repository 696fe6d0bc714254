'use client';

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../../ui/error-alert';
import { PageHeader } from '../../ui/page-header';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { formatDateTime } from '../settings/format';
import { useViewer } from '../viewer/viewer-provider';
import { StatusDialog, type AgentStatusRow } from './status-dialog';
import { StatusesArchive, StatusesPageQuery } from './statuses.operations';
import settings from '../settings/settings.module.css';
import styles from './statuses.module.css';

/** "Settings - Agent Statuses": the status catalogue in the order agents see it; custom statuses are added, edited and archived here. */
export function StatusesPage() {
  const viewer = useViewer();
  const canEdit = viewer.can('agentStatuses', 'EDIT');
  const [showArchived, setShowArchived] = useState(false);
  const [{ data, fetching, error }, reload] = useQuery({ query: StatusesPageQuery, variables: { includeArchived: showArchived } });
  const [editing, setEditing] = useState<AgentStatusRow | 'new' | null>(null);
  const [archiving, setArchiving] = useState<AgentStatusRow | null>(null);
  const [, archive] = useMutation(StatusesArchive);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = (message: string) => {
    setNotice(message);
    reload({ requestPolicy: 'network-only' });
  };

  async function confirmArchive(status: AgentStatusRow) {
    const result = await archive({ id: status.id });
    if (result.error) return result;
    setArchiving(null);
    // A status no one ever used has no history to keep, so the server deletes it instead.
    refresh(
      result.data?.archiveAgentStatus
        ? `Status "${status.name}" archived. It stays in the history of agents who used it.`
        : `Status "${status.name}" deleted: no agent had ever used it.`,
    );
    return result;
  }

  return (
    <>
      <PageHeader
        title="Agent statuses"
        description="The statuses agents and supervisors choose from, in the order agents see them."
        actions={
          canEdit && (
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              New status
            </button>
          )
        }
      />
      <div className="toolbar">
        <label className={styles.choice}>
          <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
          Show archived statuses
        </label>
      </div>
      {notice && (
        <p className="success" role="status">
          {notice}
        </p>
      )}
      <ErrorAlert error={error} />
      {!data && fetching && (
        <p className="muted" aria-busy="true">
          Loading statuses…
        </p>
      )}
      {data && (
        <table className="table">
          <caption className="visually-hidden">Agent statuses in display order</caption>
          <thead>
            <tr>
              <th scope="col">Status</th>
              <th scope="col">Type</th>
              <th scope="col">Availability</th>
              <th scope="col">Agents may choose</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {data.agentStatuses.map((status) => (
              <tr key={status.id} className={status.archivedAt ? styles.archivedRow : undefined}>
                <th scope="row" className={settings.rowHeader}>
                  <span className={styles.statusName}>
                    <span className="swatch" style={{ background: status.color }} aria-hidden="true" />
                    {status.name}
                    {status.archivedAt && <span className="badge">Archived {formatDateTime(status.archivedAt)}</span>}
                  </span>
                </th>
                <td>{status.systemKey ? 'System' : 'Custom'}</td>
                <td>{status.availability === 'AVAILABLE' ? 'Available' : 'Unavailable'}</td>
                <td>{status.agentSelectable ? 'Yes' : 'No'}</td>
                {canEdit && (
                  <td>
                    {!status.archivedAt && (
                      <div className={styles.rowActions}>
                        <button type="button" className="small" onClick={() => setEditing(status)} aria-label={`Edit ${status.name}`}>
                          Edit
                        </button>
                        {!status.systemKey && (
                          <button type="button" className="small danger" onClick={() => setArchiving(status)} aria-label={`Archive ${status.name}`}>
                            Archive
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <StatusDialog
          status={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(message) => {
            setEditing(null);
            refresh(message);
          }}
        />
      )}
      {archiving && (
        <ConfirmDialog
          title={`Archive "${archiving.name}"?`}
          confirmLabel="Archive status"
          onConfirm={() => confirmArchive(archiving)}
          onClose={() => setArchiving(null)}
        >
          <p>
            Agents can no longer choose it. If anyone ever used it, it is kept, archived, so their history still shows its name; otherwise it is
            deleted.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
