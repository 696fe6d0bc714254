import { NextResponse, type NextRequest } from 'next/server';

// The browser only ever talks to the console's own origin: /graphql (HTTP and the graphql-ws
// WebSocket upgrade) is forwarded here to the API. Unlike a next.config rewrite, which is frozen
// into the build, this reads API_URL when the server runs, so one build serves any API address,
// and the API needs no CORS for the console.
const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:4000';

/** Forwards /graphql to the API named by API_URL at run time. */
export function proxy(request: NextRequest): NextResponse {
  return NextResponse.rewrite(new URL(`/graphql${request.nextUrl.search}`, apiUrl));
}

export const config = { matcher: '/graphql' };
