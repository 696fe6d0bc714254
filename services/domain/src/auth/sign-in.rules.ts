/** Failed sign-ins in a row that lock an account. */
export const MAX_FAILED_SIGN_INS = 5;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** The one message for every failed sign-in, so it never tells whether the email exists. */
export const SIGN_IN_FAILED_MESSAGE = 'The email or password is wrong, or the account is locked or not active';

export interface LockState {
  failedSignInCount: number;
  lockedUntil: Date | null;
}

/** Whether the account is locked at `now`. */
export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The lock state after one more failed sign-in: the fifth in a row locks for `lockoutMinutes`. */
export function afterFailedSignIn(state: LockState, now: Date, lockoutMinutes: number): LockState {
  // A lock that has run out starts a fresh count.
  const previous = state.lockedUntil !== null && !isLocked(state, now) ? 0 : state.failedSignInCount;
  const failedSignInCount = previous + 1;
  const lockedUntil =
    failedSignInCount >= MAX_FAILED_SIGN_INS ? new Date(now.getTime() + lockoutMinutes * 60_000) : state.lockedUntil;
  return { failedSignInCount, lockedUntil };
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be at most ${MAX_PASSWORD_LENGTH} characters`;
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return 'Password must contain letters and digits';
  return null;
}
