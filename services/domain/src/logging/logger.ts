import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs to stdout; one logger per process, children per request or job. */
export function createLogger(service: string, level: string): Logger {
  return pino({ name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
