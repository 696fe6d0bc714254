import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE } from '../../../src/features/auth/session-cookie';
import { LoginMutation, LogoutMutation } from '../../../src/features/auth/session.operations';
import { callApi, errorResponse, readFields, sessionResponse } from '../../../src/features/auth/session-server';

/** Signs in: the API checks the password, and the token goes into the HttpOnly session cookie. */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const fields = await readFields(request, ['tenant', 'email', 'password'] as const);
  const result = await callApi(LoginMutation, fields);
  return result.data ? sessionResponse(request, result.data.login) : errorResponse(result.error);
}

/** Signs out: the API ends the session, and the cookie goes even if the API cannot be told. */
export async function DELETE(request: NextRequest): Promise<NextResponse> {
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (token) await callApi(LogoutMutation, {}, token);
  const response = new NextResponse(null, { status: 204 });
  response.cookies.delete(SESSION_COOKIE);
  return response;
}
