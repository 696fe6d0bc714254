'use client';

import { BulkPage } from '../../../src/features/bulk/bulk-page';
import { RequirePermission } from '../../../src/features/shell/require-permission';

export default function BulkRoute() {
  return (
    <RequirePermission permission="users.bulk" label="Bulk user management">
      <BulkPage />
    </RequirePermission>
  );
}
