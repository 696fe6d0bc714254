import { useSyncExternalStore } from 'react';

// localStorage, not a cookie: the token is sent only where the console puts it (the Authorization
// header and the WebSocket's connection params), never attached by the browser on its own.
const STORAGE_KEY = 'switchboard.token';
const listeners = new Set<() => void>();

/** Stores the session token (or forgets it with null) and tells every subscriber. */
export function saveToken(token: string | null): void {
  if (token) localStorage.setItem(STORAGE_KEY, token);
  else localStorage.removeItem(STORAGE_KEY);
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Signing in or out in another tab changes this tab's session too.
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

/** The session token: null when signed out, undefined while not yet known (server render and hydration). */
export function useSessionToken(): string | null | undefined {
  return useSyncExternalStore<string | null | undefined>(
    subscribe,
    () => localStorage.getItem(STORAGE_KEY),
    () => undefined,
  );
}
