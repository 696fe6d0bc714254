'use client';

import { QueuesPage } from '../../../src/features/queues/queues-page';
import { RequirePermission } from '../../../src/features/shell/require-permission';

export default function Page() {
  return (
    <RequirePermission permission="queues" label="Queues">
      <QueuesPage />
    </RequirePermission>
  );
}
