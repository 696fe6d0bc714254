/** The message for any invitation token that cannot be used (unknown, replaced or already accepted). */
export const INVITATION_INVALID_MESSAGE = 'This invitation link is no longer valid';

/** What an invitation email needs to say. */
export interface InvitationEmailInput {
  tenantName: string;
  consoleUrl: string;
  firstName: string;
  token: string;
}

/** The link a person follows to set their password and activate their account. */
export function invitationLink(consoleUrl: string, token: string): string {
  return `${consoleUrl.replace(/\/+$/, '')}/accept-invitation?token=${encodeURIComponent(token)}`;
}

/** Subject and plain-text body of an invitation email. */
export function invitationEmail({ tenantName, consoleUrl, firstName, token }: InvitationEmailInput): { subject: string; bodyText: string } {
  return {
    subject: `Invitation to ${tenantName}`,
    bodyText: [
      `Hello ${firstName},`,
      '',
      `You have been invited to join ${tenantName} on Switchboard.`,
      'Follow this link to set your password and activate your account:',
      '',
      invitationLink(consoleUrl, token),
      '',
      'The link works until you use it or a new invitation is sent to you.',
    ].join('\n'),
  };
}
