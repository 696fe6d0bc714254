'use client';

import { AuditPage } from '../../../src/features/audit/audit-page';
import { RequirePermission } from '../../../src/features/shell/require-permission';

export default function Page() {
  return (
    <RequirePermission permission="auditLog" label="Audit log">
      <AuditPage />
    </RequirePermission>
  );
}
