'use client';

import { RequirePermission } from '../../../src/features/shell/require-permission';
import { UsersPage } from '../../../src/features/users/users-page';

export default function Page() {
  return (
    <RequirePermission permission="users.view" label="Users">
      <UsersPage />
    </RequirePermission>
  );
}
