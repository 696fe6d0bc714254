import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AcceptInvitationForm } from '../../src/features/auth/accept-invitation-form';

export const metadata: Metadata = { title: 'Accept invitation · Switchboard' };

export default function AcceptInvitationPage() {
  return (
    <main className="center-page">
      <Suspense>
        <AcceptInvitationForm />
      </Suspense>
    </main>
  );
}
