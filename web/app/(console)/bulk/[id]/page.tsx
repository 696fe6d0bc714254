'use client';

import { useParams } from 'next/navigation';
import { BulkJobView } from '../../../../src/features/bulk/bulk-job-view';
import { RequirePermission } from '../../../../src/features/shell/require-permission';

export default function BulkJobRoute() {
  const { id } = useParams<{ id: string }>();
  return (
    <RequirePermission permission="users.bulk" label="Bulk user management">
      <BulkJobView key={id} jobId={id} />
    </RequirePermission>
  );
}
