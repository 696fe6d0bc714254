import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import express from 'express';
import cors from 'cors';
import { pinoHttp } from 'pino-http';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import { BulkQueue, EmailQueue, EventBus, createRedis, presenceSweepEveryMs, touchHeartbeats, type Actor, type Config, type Logger } from '@switchboard/domain';
import { createLoaders, type Context } from './context';
import { createServices, type Services } from './services';
import { createSchema } from './graphql/schema';
import { toClientError } from './graphql/format-error';
import { socketNextWriter, subscribeSharingResults, writeSharedResultsTo } from './graphql/shared-subscribe';
import { compiledExecution } from './graphql/compiled-executor';
import { assertComplexity, depthRules } from './graphql/query-limits';
import { createMetrics, type Metrics } from './http/metrics';
import { healthRoutes } from './http/health.routes';
import { bulkRoutes } from './http/bulk.routes';
import { OpenSockets } from './open-sockets';

export interface ApiDependencies {
  config: Config;
  db: DataSource;
  redis: Redis;
  logger: Logger;
}

export interface ApiServer {
  httpServer: Server;
  services: Services;
  /** Starts listening; resolves with the port actually bound. */
  listen(port?: number, host?: string): Promise<number>;
  /** Stops taking requests, lets running ones finish, closes sockets. */
  stop(): Promise<void>;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** Builds the one HTTP server: Apollo on /graphql, graphql-ws on the same path, health and metrics. */
export async function createApiServer({ config, db, redis, logger }: ApiDependencies): Promise<ApiServer> {
  // A subscribed Redis connection can do nothing else, and must outlive Redis restarts.
  const subscriber = createRedis(config.redisUrl, { forWorker: true, name: 'api-events', logger });
  const events = new EventBus(redis, subscriber, config.redisPrefix);
  const emailQueue = new EmailQueue(redis, config.redisPrefix, logger);
  const bulkQueue = new BulkQueue(redis, config.redisPrefix);
  const services = createServices(db, config, events, emailQueue, bulkQueue);
  const schema = await createSchema();
  const metrics = createMetrics();
  const app = express();
  const httpServer = createServer(app);
  // Idle keep-alive connections stay open longer than clients and load balancers keep theirs (often
  // 60 s): with Node's 5 s, a busy script's next request could meet a connection closing under it.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;

  const authenticate = async (authorization: unknown): Promise<Actor | null> => {
    const match = typeof authorization === 'string' ? BEARER.exec(authorization.trim()) : null;
    return match ? services.auth.authenticate(match[1]) : null;
  };

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const sockets = new OpenSockets();
  // Subscribed before serving when Redis answers; otherwise ioredis subscribes once it is back.
  const revocations = events.subscribe('auth.revoked', (revoked) => sockets.closeRevoked(revoked));
  const accessChanges = events.subscribe('access.changed', (changed) => sockets.closeAccessChanged(changed));
  const presenceEvents = services.presenceHub.start();
  const subscribed = await Promise.race([
    Promise.all([revocations, accessChanges, presenceEvents]).then(() => true),
    delay(5000, false, { ref: false }),
  ]);
  if (!subscribed) logger.warn('Redis is not answering: open sockets will close on revocation once it is back');
  // An agent's open socket is their heartbeat: refreshed for all of this process's sockets in one statement.
  const heartbeats = setInterval(() => {
    touchHeartbeats(db, sockets.userIds()).catch((error: unknown) => logger.warn({ err: error }, 'could not refresh presence heartbeats'));
  }, presenceSweepEveryMs(config.presenceHeartbeatTimeoutSeconds));
  heartbeats.unref();
  const wsCleanup = useServer<{ authorization?: string }, { actor?: Actor; socket: WebSocket; request: IncomingMessage }>(
    {
      onConnect: async (ctx) => {
        // Checked once at connection_init: a bad or revoked token never opens a socket. The token
        // comes in the connection params, or in the upgrade request's Authorization header (which
        // the console's proxy sets from its HttpOnly cookie; browsers cannot set it themselves).
        const actor = await authenticate(ctx.connectionParams?.authorization ?? ctx.extra.request.headers.authorization);
        metrics.websocketConnections.inc({ outcome: actor ? 'accepted' : 'refused' });
        if (!actor) return false;
        ctx.extra.actor = actor;
        sockets.add(ctx.extra.socket, actor);
        return true;
      },
      onClose: (ctx) => sockets.remove(ctx.extra.socket),
      // Presence events reach many sockets as one object: executed once per caller and operation, not per socket.
      subscribe: subscribeSharingResults,
      onSubscribe: (ctx, id, payload) => {
        const prepared = prepareOperation(schema, config, payload, ctx.extra.actor ?? null, services, logger);
        if ('contextValue' in prepared) writeSharedResultsTo(prepared.contextValue, socketNextWriter(ctx.extra.socket, ctx.extra.request.socket, id));
        return prepared;
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map((e) => toClientError(e, logger)) } : undefined),
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => toClientError(e, logger)),
    },
    wsServer,
  );

  const apollo = new ApolloServer<Context>({
    gateway: compiledExecution(schema),
    validationRules: depthRules(config.graphqlMaxDepth),
    includeStacktraceInErrorResponses: false,
    // main.ts drains on SIGINT/SIGTERM; Apollo's own handler would race it and leave stop() hanging.
    stopOnTerminationSignals: false,
    introspection: true,
    formatError: (formatted, error) =>
      error instanceof GraphQLError ? toClientError(error, logger) : { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    plugins: [
      // Nothing sets cache hints, and its per-field hook is a quarter of a big page's CPU.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: async () => void (await wsCleanup.dispose()) }) },
      operationLimitsPlugin(schema, config),
      operationMetricsPlugin(metrics),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  // Hashing every GraphQL response for an ETag costs CPU on big pages, and POST answers are never revalidated.
  app.set('etag', false);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w-]{1,100}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
    }),
  );
  app.use((req, res, next) => {
    const stop = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => stop({ route: req.route?.path ?? req.path.split('/').slice(0, 2).join('/'), status: res.statusCode }));
    next();
  });
  app.use(healthRoutes({ db, redis, metrics }));
  app.use('/api/v1/bulk/users', cors({ origin: config.consoleUrl, credentials: true }), bulkRoutes(services, config, authenticate));
  app.use(
    '/graphql',
    cors({ origin: config.consoleUrl, credentials: true }),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const actor = await authenticate(req.headers.authorization);
        return {
          actor,
          services,
          loaders: createLoaders(services, actor),
          requestId: String(req.id),
          logger: req.log,
          userAgent: req.headers['user-agent'],
        };
      },
    }),
  );

  return {
    httpServer,
    services,
    listen: (port = config.apiPort, host = config.apiHost) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    stop: async () => {
      clearInterval(heartbeats);
      await services.presenceHub.stop();
      for (const client of wsServer.clients) client.close(1001, 'Server is shutting down');
      await apollo.stop();
      await emailQueue.close();
      await bulkQueue.close();
      subscriber.disconnect();
    },
  };
}

/** Parses, validates and prices a WebSocket operation the way Apollo does for HTTP. */
function prepareOperation(
  schema: GraphQLSchema,
  config: Config,
  payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
  actor: Actor | null,
  services: Services,
  logger: Logger,
) {
  let document;
  try {
    document = parse(payload.query);
  } catch (error) {
    return [error instanceof GraphQLError ? error : new GraphQLError('Could not parse the query')];
  }
  const errors = validate(schema, document, [...specifiedRules, ...depthRules(config.graphqlMaxDepth)]);
  if (errors.length > 0) return errors;
  try {
    assertComplexity(schema, document, payload.variables ?? undefined, payload.operationName ?? undefined, config.graphqlMaxComplexity);
  } catch (error) {
    return [error as GraphQLError];
  }
  const contextValue: Context = {
    actor,
    services,
    loaders: createLoaders(services, actor),
    requestId: randomUUID(),
    logger,
  };
  return {
    schema,
    document,
    variableValues: payload.variables ?? undefined,
    operationName: payload.operationName ?? undefined,
    contextValue,
  };
}

function operationLimitsPlugin(schema: GraphQLSchema, config: Config) {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }: { request: { variables?: Record<string, unknown>; operationName?: string }; document: import('graphql').DocumentNode }) {
          assertComplexity(schema, document, request.variables, request.operationName, config.graphqlMaxComplexity);
        },
      };
    },
  };
}

function operationMetricsPlugin(metrics: Metrics) {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operationName, errors }: { operationName?: string | null; errors?: readonly GraphQLError[] }) {
          metrics.graphqlOperations.inc({ operation: operationName ?? 'anonymous', outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}
