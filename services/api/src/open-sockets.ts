import type { WebSocket } from 'ws';
import type { Actor, EventPayloads } from '@switchboard/domain';

// graphql-ws's close code for a connection that is no longer authorised.
const UNAUTHORIZED = 4401;
// Ours (4000-4999 are for applications) for "reconnect": graphql-ws clients retry on it.
const ACCESS_CHANGED = 4205;

type Holders = Pick<EventPayloads['auth.revoked'], 'tenantId' | 'userIds' | 'sessionIds' | 'credentialIds'>;

/** The WebSockets this process holds, by who opened them, so revoked access ends them at once. */
export class OpenSockets {
  private readonly actors = new Map<WebSocket, Actor>();

  add(socket: WebSocket, actor: Actor): void {
    this.actors.set(socket, actor);
  }

  remove(socket: WebSocket): void {
    this.actors.delete(socket);
  }

  /** The users holding at least one open socket: their consoles are alive (presence heartbeat). */
  userIds(): string[] {
    const ids = new Set<string>();
    for (const actor of this.actors.values()) if (actor.userId) ids.add(actor.userId);
    return [...ids];
  }

  /** Closes every socket opened with a session, credential or user named in the event. */
  closeRevoked(revoked: EventPayloads['auth.revoked']): void {
    this.close(revoked, UNAUTHORIZED, 'Your access was revoked; sign in again');
  }

  /** Closes the sockets of users and credentials whose permissions changed: they reconnect with the new ones. */
  closeAccessChanged(changed: EventPayloads['access.changed']): void {
    this.close(changed, ACCESS_CHANGED, 'Your permissions changed; reconnect');
  }

  private close({ tenantId, userIds = [], sessionIds = [], credentialIds = [] }: Holders, code: number, reason: string): void {
    for (const [socket, actor] of this.actors) {
      const named =
        actor.tenantId === tenantId &&
        ((actor.userId !== null && userIds.includes(actor.userId)) ||
          (actor.sessionId !== null && sessionIds.includes(actor.sessionId)) ||
          (actor.credentialId !== null && credentialIds.includes(actor.credentialId)));
      if (named) {
        this.actors.delete(socket);
        socket.close(code, reason);
      }
    }
  }
}
