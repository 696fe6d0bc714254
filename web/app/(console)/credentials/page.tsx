'use client';

import { CredentialsPage } from '../../../src/features/credentials/credentials-page';
import { RequirePermission } from '../../../src/features/shell/require-permission';

export default function Page() {
  return (
    <RequirePermission permission="apiCredentials" label="API credentials">
      <CredentialsPage />
    </RequirePermission>
  );
}
