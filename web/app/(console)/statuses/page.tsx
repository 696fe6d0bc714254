'use client';

import { RequirePermission } from '../../../src/features/shell/require-permission';
import { StatusesPage } from '../../../src/features/statuses/statuses-page';

export default function Page() {
  return (
    <RequirePermission permission="agentStatuses" label="Agent statuses">
      <StatusesPage />
    </RequirePermission>
  );
}
