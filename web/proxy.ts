import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE } from './src/features/auth/session-cookie';
import { API_URL } from './src/server/api-url';

// The browser only ever talks to the console's own origin. /graphql (HTTP and the graphql-ws
// WebSocket upgrade) is forwarded here to the API named by API_URL, read when the server runs (a
// next.config rewrite would freeze it into the build); the API's file routes under /api/v1 go
// through app/api/v1, which streams them. The session token lives in an HttpOnly cookie that page
// scripts cannot read; it becomes the Authorization header, so the API itself never accepts cookies.

/** Pages anyone may open; every other page needs a session cookie. */
const PUBLIC_PAGES = ['/login', '/accept-invitation'];

export function proxy(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (pathname === '/graphql') {
    const headers = new Headers(request.headers);
    headers.delete('cookie');
    if (token) headers.set('authorization', `Bearer ${token}`);
    return NextResponse.rewrite(new URL(`${pathname}${search}`, API_URL), { request: { headers } });
  }
  if (!token && !PUBLIC_PAGES.includes(pathname)) {
    const login = new URL('/login', request.url);
    if (`${pathname}${search}` !== '/') login.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  return NextResponse.next();
}

// Everything but Next's own assets and the route handlers under /api (session, file routes).
export const config = { matcher: ['/((?!_next/|favicon.ico|api/).*)'] };
