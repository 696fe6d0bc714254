import { MAX_FAILED_SIGN_INS, afterFailedSignIn, isLocked, passwordProblem, type LockState } from './sign-in.rules';

const now = new Date('2026-11-25T12:00:00Z');
const minutesFrom = (date: Date, minutes: number) => new Date(date.getTime() + minutes * 60_000);

describe('afterFailedSignIn', () => {
  it('locks the account on the fifth failure in a row, for the configured time', () => {
    let state: LockState = { failedSignInCount: 0, lockedUntil: null };
    for (let i = 1; i < MAX_FAILED_SIGN_INS; i++) {
      state = afterFailedSignIn(state, now, 30);
      expect(isLocked(state, now)).toBe(false);
    }
    state = afterFailedSignIn(state, now, 30);
    expect(state.failedSignInCount).toBe(5);
    expect(state.lockedUntil).toEqual(minutesFrom(now, 30));
    expect(isLocked(state, minutesFrom(now, 29))).toBe(true);
    expect(isLocked(state, minutesFrom(now, 31))).toBe(false);
  });

  it('starts a fresh count once a lock has run out', () => {
    const expired: LockState = { failedSignInCount: 5, lockedUntil: minutesFrom(now, -1) };
    expect(afterFailedSignIn(expired, now, 30)).toEqual({ failedSignInCount: 1, lockedUntil: expired.lockedUntil });
    expect(isLocked(afterFailedSignIn(expired, now, 30), now)).toBe(false);
  });
});

describe('passwordProblem', () => {
  it('accepts 10 or more characters with letters and digits', () => {
    expect(passwordProblem('correct-horse-7')).toBeNull();
  });

  it('says what is wrong with a weak password', () => {
    expect(passwordProblem('short1')).toBe('Password must be at least 10 characters');
    expect(passwordProblem('onlyletterslong')).toBe('Password must contain letters and digits');
    expect(passwordProblem('12345678901')).toBe('Password must contain letters and digits');
    expect(passwordProblem(`a1${'x'.repeat(200)}`)).toBe('Password must be at most 200 characters');
  });
});
