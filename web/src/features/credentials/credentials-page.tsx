'use client';

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { CredentialsPageQuery as CredentialsPageData } from '../../gql/graphql';
import { ErrorAlert } from '../../ui/error-alert';
import { PageHeader } from '../../ui/page-header';
import { ConfirmDialog } from '../../ui/confirm-dialog';
import { formatDateTime } from '../settings/format';
import { useViewer } from '../viewer/viewer-provider';
import { CreateCredentialDialog } from './create-credential-dialog';
import { CredentialsPageQuery, CredentialsRevoke } from './credentials.operations';
import settings from '../settings/settings.module.css';
import styles from './credentials.module.css';

type Credential = CredentialsPageData['apiCredentials'][number];

/** "Settings - Developer Settings - API Credentials": secrets scripts call the API with, newest first. */
export function CredentialsPage() {
  const viewer = useViewer();
  const canEdit = viewer.can('apiCredentials', 'EDIT');
  const [{ data, fetching, error }, reload] = useQuery({ query: CredentialsPageQuery });
  const [, revoke] = useMutation(CredentialsRevoke);
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<Credential | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => reload({ requestPolicy: 'network-only' });

  async function confirmRevoke(credential: Credential) {
    const result = await revoke({ id: credential.id });
    if (!result.error) {
      setRevoking(null);
      setNotice(`"${credential.name}" revoked: its secret no longer works.`);
      refresh();
    }
    return result;
  }

  return (
    <>
      <PageHeader
        title="API credentials"
        description="Secrets that scripts and integrations call the API with. Each acts with its roles; revoking one stops it at once."
        actions={
          canEdit && (
            <button
              type="button"
              className="primary"
              onClick={() => {
                setNotice(null);
                setAdding(true);
              }}
            >
              Add API credential
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
          Loading credentials…
        </p>
      )}
      {data && data.apiCredentials.length === 0 && (
        <div className="panel">
          <p className="muted">No API credentials yet.</p>
        </div>
      )}
      {data && data.apiCredentials.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">API credentials, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Secret starts with</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {data.apiCredentials.map((credential) => (
              <tr key={credential.id} className={credential.revokedAt ? styles.revokedRow : undefined}>
                <th scope="row" className={settings.rowHeader}>{credential.name}</th>
                <td className={styles.prefix}>{credential.secretPrefix}…</td>
                <td>{formatDateTime(credential.createdAt)}</td>
                <td>{credential.lastUsedAt ? formatDateTime(credential.lastUsedAt) : 'Never'}</td>
                <td>
                  {credential.revokedAt ? (
                    <span className={`badge ${styles.revoked}`}>Revoked {formatDateTime(credential.revokedAt)}</span>
                  ) : (
                    <span className={`badge ${styles.active}`}>Active</span>
                  )}
                </td>
                {canEdit && (
                  <td>
                    {!credential.revokedAt && (
                      <button type="button" className="small danger" onClick={() => setRevoking(credential)} aria-label={`Revoke ${credential.name}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {adding && (
        <CreateCredentialDialog canPickRoles={viewer.can('roles') || viewer.can('users.view')} onCreated={refresh} onClose={() => setAdding(false)} />
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke "${revoking.name}"?`}
          confirmLabel="Revoke credential"
          onConfirm={() => confirmRevoke(revoking)}
          onClose={() => setRevoking(null)}
        >
          <p>Its secret stops working at once: scripts using it are refused and their live connections close. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
