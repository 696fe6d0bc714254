import { createHash, randomBytes } from 'node:crypto';

/** Prefixes tell a session token from an API credential secret at a glance (and in leaked-secret scanners). */
export const SESSION_TOKEN_PREFIX = 'sbs_';
export const API_SECRET_PREFIX = 'sbk_';
export const INVITATION_TOKEN_PREFIX = 'sbi_';

/** A new random bearer secret (256 bits) with the given prefix. */
export function generateSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** SHA-256 of a secret: secrets are high-entropy, so a fast hash is enough and lookups stay indexed. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
