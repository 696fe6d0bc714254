'use client';

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorAlert } from '../../ui/error-alert';
import { PageHeader } from '../../ui/page-header';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { countOf } from '../settings/format';
import { useViewer } from '../viewer/viewer-provider';
import { QueueAssignmentsDialog } from './queue-assignments-dialog';
import { CHANNEL_LABELS, QueueDialog, type QueueRow } from './queue-dialog';
import { QueuesDelete, QueuesPageQuery } from './queues.operations';
import settings from '../settings/settings.module.css';
import styles from './queues.module.css';

type Opened = { kind: 'create' } | { kind: 'edit' | 'assign' | 'delete'; queue: QueueRow };

/**
 * "Settings - Queues": call and chat queues by priority, who they reach, and their assignments.
 * An editor reaching all teams configures queues; one reaching only their teams sets priorities
 * and assigns within those teams.
 */
export function QueuesPage() {
  const viewer = useViewer();
  const canEdit = viewer.can('queues', 'EDIT');
  const reachesAllTeams = viewer.holdsForAll('queues');
  const canConfigure = canEdit && reachesAllTeams;
  const [{ data, fetching, error }, reload] = useQuery({ query: QueuesPageQuery });
  const [, deleteQueue] = useMutation(QueuesDelete);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const close = (message?: string) => {
    setOpened(null);
    if (!message) return;
    setNotice(message);
    reload({ requestPolicy: 'network-only' });
  };

  async function confirmDelete(queue: QueueRow) {
    const result = await deleteQueue({ id: queue.id, version: queue.version });
    if (!result.error) close(`Queue "${queue.name}" deleted.`);
    return result;
  }

  return (
    <>
      <PageHeader
        title="Queues"
        description="Call and chat queues, served by priority (lower first), and the teams and agents they reach."
        actions={
          canConfigure && (
            <button type="button" className="primary" onClick={() => setOpened({ kind: 'create' })}>
              New queue
            </button>
          )
        }
      />
      {notice && (
        <p className="success" role="status">
          {notice}
        </p>
      )}
      <ErrorAlert error={error} />
      {!data && fetching && (
        <p className="muted" aria-busy="true">
          Loading queues…
        </p>
      )}
      {data && data.queues.length === 0 && (
        <div className="panel">
          <p className="muted">No queues yet.{canConfigure && ' Create one, then assign teams or agents to it.'}</p>
        </div>
      )}
      {data && data.queues.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Queues by priority</caption>
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col">Channel</th>
              <th scope="col" className={styles.number}>
                Priority
              </th>
              <th scope="col">Assigned</th>
              <th scope="col" className={styles.number}>
                Agents reached
              </th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {data.queues.map((queue) => (
              <tr key={queue.id}>
                <th scope="row" className={settings.rowHeader}>{queue.name}</th>
                <td>{CHANNEL_LABELS[queue.channel]}</td>
                <td className={styles.number}>{queue.priority}</td>
                <td>{describeAssignments(queue)}</td>
                <td className={styles.number}>{queue.agentCount}</td>
                {canEdit && (
                  <td>
                    <div className={styles.rowActions}>
                      <button type="button" className="small" onClick={() => setOpened({ kind: 'edit', queue })} aria-label={`Edit ${queue.name}`}>
                        Edit
                      </button>
                      <button
                        type="button"
                        className="small"
                        onClick={() => setOpened({ kind: 'assign', queue })}
                        aria-label={`Assignments of ${queue.name}`}
                      >
                        Assignments
                      </button>
                      {canConfigure && (
                        <button
                          type="button"
                          className="small danger"
                          onClick={() => setOpened({ kind: 'delete', queue })}
                          aria-label={`Delete ${queue.name}`}
                        >
                          Delete
                        </button>
                      )}
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(opened?.kind === 'create' || opened?.kind === 'edit') && (
        <QueueDialog
          queue={opened.kind === 'edit' ? opened.queue : null}
          priorityOnly={!reachesAllTeams}
          onClose={() => close()}
          onSaved={close}
        />
      )}
      {opened?.kind === 'assign' && (
        <QueueAssignmentsDialog
          queue={opened.queue}
          canPickTeams={viewer.can('teams')}
          canPickUsers={viewer.can('users.view')}
          onClose={() => close()}
        />
      )}
      {opened?.kind === 'delete' && (
        <ConfirmDialog
          title={`Delete "${opened.queue.name}"?`}
          confirmLabel="Delete queue"
          onConfirm={() => confirmDelete(opened.queue)}
          onClose={() => close()}
        >
          <p>Its assignments go with it: the {countOf(opened.queue.agentCount, 'agent')} it reaches stop being offered its calls and chats.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

/** The queue's teams by name and how many agents are assigned one by one. */
function describeAssignments(queue: QueueRow): string {
  const parts = queue.assignedTeams.map((team) => team.name);
  const direct = queue.assignedUsers.length;
  if (direct > 0) parts.push(`${countOf(direct, 'agent')} directly`);
  return parts.length ? parts.join(', ') : 'Nobody';
}
