import { RequireSession } from '../src/features/auth/require-session';
import { SignedInHome } from '../src/features/auth/signed-in-home';

export default function HomePage() {
  return (
    <RequireSession>
      <SignedInHome />
    </RequireSession>
  );
}
