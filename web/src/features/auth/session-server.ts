import 'server-only';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { NextResponse, type NextRequest } from 'next/server';
import { API_URL } from '../../server/api-url';
import { SESSION_COOKIE } from './session-cookie';

type ApiResult<T> = { data: T; error?: undefined } | { data?: undefined; error: { message: string; status: number } };

/** Runs one operation on the API from the console's server, with the session token when given. */
export async function callApi<T, V>(document: TypedDocumentNode<T, V>, variables: V, token?: string): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(new URL('/graphql', API_URL), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: print(document), variables }),
      cache: 'no-store',
    });
  } catch {
    return { error: { message: 'The Switchboard API cannot be reached. Try again in a moment.', status: 502 } };
  }
  const body = (await response.json().catch(() => ({}))) as { data?: T | null; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.data && !body.errors?.length) return { data: body.data };
  const first = body.errors?.[0];
  const status = first?.extensions?.code === 'UNAUTHENTICATED' ? 401 : first?.extensions?.code === 'BAD_USER_INPUT' ? 400 : 502;
  return { error: { message: first?.message ?? 'The Switchboard API answered with an error.', status } };
}

/** Answers with the signed-in user and keeps the token in an HttpOnly cookie until it expires. */
export function sessionResponse(request: NextRequest, payload: { token: string; expiresAt: string; user: unknown }): NextResponse {
  const response = NextResponse.json({ user: payload.user });
  response.cookies.set(SESSION_COOKIE, payload.token, {
    httpOnly: true,
    // Never sent by a request another site starts: no cross-site request forgery with it.
    sameSite: 'strict',
    secure: request.nextUrl.protocol === 'https:',
    path: '/',
    expires: new Date(payload.expiresAt),
  });
  return response;
}

/** Answers a failed sign-in with the API's own message. */
export function errorResponse(error: { message: string; status: number }): NextResponse {
  return NextResponse.json({ message: error.message }, { status: error.status });
}

/** Reads a JSON body of string fields; anything else reads as empty strings, which the API refuses with its own message. */
export async function readFields<K extends string>(request: NextRequest, names: readonly K[]): Promise<Record<K, string>> {
  const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
  return Object.fromEntries(names.map((name) => [name, typeof body[name] === 'string' ? body[name] : ''])) as Record<K, string>;
}
