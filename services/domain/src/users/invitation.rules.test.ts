import { invitationEmail, invitationLink } from './invitation.rules';

describe('invitation email', () => {
  it('names the tenant in the subject and links to the console with the token', () => {
    const email = invitationEmail({ tenantName: 'Acme Support', consoleUrl: 'https://console.example.com/', firstName: 'Ada', token: 'sbi_a+b' });
    expect(email.subject).toBe('Invitation to Acme Support');
    expect(email.bodyText).toContain('You have been invited to join Acme Support');
    expect(email.bodyText).toContain('https://console.example.com/accept-invitation?token=sbi_a%2Bb');
    expect(email.bodyText.startsWith('Hello Ada,')).toBe(true);
  });

  it('builds the link without a doubled slash', () => {
    expect(invitationLink('http://localhost:3000', 'sbi_x')).toBe('http://localhost:3000/accept-invitation?token=sbi_x');
  });
});
