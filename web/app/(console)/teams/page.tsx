'use client';

import { RequirePermission } from '../../../src/features/shell/require-permission';
import { TeamsPage } from '../../../src/features/teams/teams-page';

export default function TeamsRoute() {
  return (
    <RequirePermission permission="teams" label="Teams">
      <TeamsPage />
    </RequirePermission>
  );
}
