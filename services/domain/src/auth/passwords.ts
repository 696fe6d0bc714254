import argon2 from 'argon2';

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** Checks a password against an argon2 hash; false for a malformed hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// Verified when the email is unknown, so a wrong email costs as long as a wrong password.
let dummyHash: Promise<string> | undefined;
/** A fixed hash to verify against when there is no user, to keep timing uniform. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('no such user, timing only');
  return dummyHash;
}
