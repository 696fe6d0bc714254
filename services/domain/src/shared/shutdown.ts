import type { Logger } from '../logging/logger';

/** Runs `stop` once, on the first SIGINT or SIGTERM, then exits: a process entry point's graceful drain. */
export function stopOnSignals(logger: Logger, service: string, stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${service} shutting down`);
    await stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
