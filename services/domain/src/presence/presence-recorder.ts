import type { DataSource } from 'typeorm';
import type { PresenceChangedEvent } from '../events/topics';
import { recordStatusChanges, type PresenceStatusChange } from './presence-writes';

interface Waiting {
  change: PresenceStatusChange;
  resolve(event: PresenceChangedEvent | null): void;
  reject(error: unknown): void;
}

/**
 * Records one process's single-agent changes in groups. Each recording ends with a commit that waits
 * for the disk, and a tenant's changes take its sequence one group at a time; so while a group is
 * being recorded, the changes that arrive wait and then go together in the next group, one commit for
 * all. When changes are rare, each goes alone and at once; under load, groups grow by themselves.
 */
export class PresenceRecorder {
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(private readonly db: DataSource) {}

  /** Records the change; null when the agent changed since `expectedSequence` (decide again). */
  record(change: PresenceStatusChange): Promise<PresenceChangedEvent | null> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(change.tenantId);
      if (queue) return void queue.push({ change, resolve, reject });
      this.waiting.set(change.tenantId, [{ change, resolve, reject }]);
      void this.recordGroups(change.tenantId);
    });
  }

  /** Records the tenant's waiting changes, a group at a time, until none wait. */
  private async recordGroups(tenantId: string): Promise<void> {
    const queue = this.waiting.get(tenantId)!;
    while (queue.length > 0) {
      // One change per agent per group: a later change of the same agent goes in the next group.
      const agents = new Set<string>();
      const group: Waiting[] = [];
      const later: Waiting[] = [];
      for (const waiting of queue) {
        if (agents.has(waiting.change.userId)) later.push(waiting);
        else (agents.add(waiting.change.userId), group.push(waiting));
      }
      queue.splice(0, queue.length, ...later);
      try {
        const events = await recordStatusChanges(this.db.manager, tenantId, group.map((w) => w.change));
        const byAgent = new Map(events.map((event) => [event.userId, event]));
        for (const waiting of group) waiting.resolve(byAgent.get(waiting.change.userId) ?? null);
      } catch (error) {
        for (const waiting of group) waiting.reject(error);
      }
    }
    this.waiting.delete(tenantId);
  }
}
