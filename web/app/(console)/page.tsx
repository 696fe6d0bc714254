'use client';

import { Home } from '../../src/features/presence/home';

// The home chooses by permission (live board, My status, or a welcome), so no RequirePermission here.
export default function HomePage() {
  return <Home />;
}
