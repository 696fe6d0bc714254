'use client';

import { useEffect, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { useSessionToken } from './token-store';

/** Renders its children only with a session; without one it sends the visitor to /login. */
export function RequireSession({ children }: { children: ReactNode }) {
  const token = useSessionToken();
  const router = useRouter();
  useEffect(() => {
    if (token === null) router.replace('/login');
  }, [token, router]);
  return token ? children : null;
}
