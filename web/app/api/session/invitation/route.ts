import type { NextRequest, NextResponse } from 'next/server';
import { AcceptInvitationMutation } from '../../../../src/features/auth/session.operations';
import { callApi, errorResponse, readFields, sessionResponse } from '../../../../src/features/auth/session-server';

/** Accepts an invitation: sets the password, activates the account and signs the user in. */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const fields = await readFields(request, ['token', 'password'] as const);
  const result = await callApi(AcceptInvitationMutation, fields);
  return result.data ? sessionResponse(request, result.data.acceptInvitation) : errorResponse(result.error);
}
