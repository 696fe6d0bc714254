/**
 * Events that cross process boundaries over Redis pub/sub. Payloads are plain JSON (ids, strings,
 * ISO dates), never entity objects.
 */
export interface EventPayloads {
  /** Sessions or credentials stopped working: every api process closes their sockets at once. */
  'auth.revoked': { tenantId: string; userIds?: string[]; sessionIds?: string[]; credentialIds?: string[] };
}

export type Topic = keyof EventPayloads;
