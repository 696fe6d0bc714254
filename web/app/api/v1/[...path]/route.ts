import type { NextRequest } from 'next/server';
import { SESSION_COOKIE } from '../../../../src/features/auth/session-cookie';
import { API_URL } from '../../../../src/server/api-url';

// The API's file routes (bulk uploads, templates, exports, error logs) on the console's origin.
// A route handler rather than proxy.ts: the proxy buffers request bodies in memory (10 MB by
// default), while this streams an upload of any size through to the API, and the download back.
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'cookie'];

async function forward(request: NextRequest): Promise<Response> {
  const headers = new Headers(request.headers);
  HOP_BY_HOP.forEach((name) => headers.delete(name));
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (token) headers.set('authorization', `Bearer ${token}`);
  const target = new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, API_URL);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let answer: Response;
  try {
    answer = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      // Streams the upload instead of reading it all first.
      ...(hasBody ? { duplex: 'half' } : {}),
      redirect: 'manual',
      cache: 'no-store',
    } as RequestInit);
  } catch {
    return Response.json({ message: 'The Switchboard API cannot be reached. Try again in a moment.' }, { status: 502 });
  }
  const responseHeaders = new Headers(answer.headers);
  // fetch has already decoded the body, so its encoding and length no longer describe it.
  ['content-encoding', 'content-length', 'transfer-encoding', 'connection'].forEach((name) => responseHeaders.delete(name));
  return new Response(answer.body, { status: answer.status, statusText: answer.statusText, headers: responseHeaders });
}

export { forward as GET, forward as POST, forward as PUT, forward as DELETE };
