import { UnrecoverableError, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { PRESENCE_JOBS, sweepStaleHeartbeats, type EventBus } from '@switchboard/domain';

/** Runs the heartbeat sweep and publishes each agent it put Offline, so supervisors' boards follow. */
export function presenceProcessor(db: DataSource, events: EventBus, timeoutSeconds: number) {
  return async (job: Job) => {
    if (job.name !== PRESENCE_JOBS.sweep) throw new UnrecoverableError(`Unknown presence job "${job.name}"`);
    const changed = await sweepStaleHeartbeats(db, timeoutSeconds, async (committed) => {
      for (const event of committed) await events.publish('presence.changed', event);
    });
    await job.updateProgress({ processed: changed.length, failed: 0 });
  };
}
