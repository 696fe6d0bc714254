import { badInput } from '../errors/app-error';

// Deliberately simple: one @, no spaces, a dot in the domain. Delivery proves the rest.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The key emails are compared by: trimmed and lower-cased. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** Throws BAD_USER_INPUT naming `field` unless the email looks deliverable. */
export function assertValidEmail(email: string, field = 'email'): string {
  const trimmed = email.trim();
  if (trimmed.length > 254 || !EMAIL_PATTERN.test(trimmed)) throw badInput(field, `"${email}" is not a valid email address`);
  return trimmed;
}

/** The alias a user gets when none is given: first and last name. */
export function defaultAlias(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`.trim();
}

/** The first extension number handed out in a tenant. */
export const FIRST_EXTENSION = 1000;
