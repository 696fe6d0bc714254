import { z } from 'zod';

/** Thrown when an environment variable is missing or wrong; the message names the variable. */
export class ConfigError extends Error {}

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const url = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  REDIS_URL: url(['redis:', 'rediss:']),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_:-]+$/, 'must be letters, digits, _, : or -').default('sb'),
  API_HOST: z.string().min(1).default('0.0.0.0'),
  API_PORT: port.default(4000),
  CONSOLE_URL: url(['http:', 'https:']).default('http://localhost:3000'),
  SESSION_TTL_HOURS: positiveInt.default(12),
  LOCKOUT_MINUTES: positiveInt.default(30),
  GRAPHQL_MAX_DEPTH: positiveInt.default(10),
  GRAPHQL_MAX_COMPLEXITY: positiveInt.default(20000),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().email().default('switchboard@localhost'),
  WORKER_CONCURRENCY: positiveInt.default(4),
  BULK_UPLOAD_DIR: z.string().min(1).default('.data/bulk-uploads'),
  BULK_BATCH_SIZE: positiveInt.max(5000).default(2500),
  BULK_JOB_LOCK_MS: positiveInt.default(30000),
  PRESENCE_HEARTBEAT_TIMEOUT_SECONDS: positiveInt.default(90),
});

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: string;
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  redisPrefix: string;
  apiHost: string;
  apiPort: number;
  consoleUrl: string;
  sessionTtlHours: number;
  lockoutMinutes: number;
  graphqlMaxDepth: number;
  graphqlMaxComplexity: number;
  smtpUrl?: string;
  mailFrom: string;
  workerConcurrency: number;
  /** Where uploaded bulk files are kept until their job ends (shared by api and worker). */
  bulkUploadDir: string;
  /** Rows per bulk apply transaction (and checkpoint). */
  bulkBatchSize: number;
  /** How long a bulk job's lock lasts: a killed worker's job is taken over after about this long. */
  bulkJobLockMs: number;
  /** An agent with no heartbeat (open socket or `heartbeat` call) for this long goes Offline. */
  presenceHeartbeatTimeoutSeconds: number;
};

/** Parses and validates the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const reason = cleaned[name] === undefined ? 'is required but not set' : issue.message;
      return `${name} ${reason}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    apiHost: e.API_HOST,
    apiPort: e.API_PORT,
    consoleUrl: e.CONSOLE_URL,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    lockoutMinutes: e.LOCKOUT_MINUTES,
    graphqlMaxDepth: e.GRAPHQL_MAX_DEPTH,
    graphqlMaxComplexity: e.GRAPHQL_MAX_COMPLEXITY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    workerConcurrency: e.WORKER_CONCURRENCY,
    bulkUploadDir: e.BULK_UPLOAD_DIR,
    bulkBatchSize: e.BULK_BATCH_SIZE,
    bulkJobLockMs: e.BULK_JOB_LOCK_MS,
    presenceHeartbeatTimeoutSeconds: e.PRESENCE_HEARTBEAT_TIMEOUT_SECONDS,
  };
}

/** Loads the config for a process entry point; prints the problem and exits when it is wrong. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Only DATABASE_URL, validated the same way, for tools that need nothing else (tenant:create, migrate). */
export function loadDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const parsed = schema.pick({ DATABASE_URL: true }).safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration: DATABASE_URL ${env.DATABASE_URL ? parsed.error.issues[0].message : 'is required but not set'}`);
  }
  return parsed.data.DATABASE_URL;
}
