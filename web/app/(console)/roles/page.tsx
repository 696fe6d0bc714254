'use client';

import { RequirePermission } from '../../../src/features/shell/require-permission';
import { RolesPage } from '../../../src/features/roles/roles-page';

export default function RolesRoute() {
  return (
    <RequirePermission permission="roles" label="Roles & permissions">
      <RolesPage />
    </RequirePermission>
  );
}
