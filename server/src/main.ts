import 'reflect-metadata';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { json } from 'express';
import { Logger as PinoLogger } from 'nestjs-pino';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '@ioc/db';
import type { Server } from 'node:http';
import { AppModule } from './app.module';
import { ShutdownService } from './health/shutdown.service';
import { LiveGateway } from './live/live.gateway';
import type { Clock } from './common/clock';
import { loadAppConfig, type AppConfig, type LogLevel } from './config/app-config';
import { RedisIoAdapter } from './live/redis-io.adapter';
import { securityHeaders } from './common/security-headers';
import { SESSION_COOKIE } from '@ioc/shared';
import { CredentialsService } from './access/credentials.service';
import { docsAccess } from './access/docs-access.middleware';

export interface RunningServer {
  url: string;
  config: AppConfig;
  app: NestExpressApplication;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Start the embedded database empty. */
  fresh?: boolean;
  /** Overrides IOC_LOG_LEVEL (tests: `error`; `npm start`: `warn`, the simulator posts every second). */
  logLevel?: LogLevel;
  /** "Now" for what runs on a schedule; tests pin it. */
  clock?: Clock;
}

/**
 * Starts the whole server: the embedded TimescaleDB when no DATABASE_URL is given, then the
 * NestJS app (migrations run at boot) on one port with the API, the socket and the dashboard.
 */
export async function startServer(config: AppConfig, options: StartOptions = {}): Promise<RunningServer> {
  let embedded: EmbeddedDatabase | null = null;
  let runtime = options.logLevel ? { ...config, logLevel: options.logLevel } : config;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedDatabase({ dataDir: join(config.dataDir, 'pglite'), fresh: options.fresh });
    runtime = { ...runtime, databaseUrl: embedded.url, embeddedDatabase: true };
  }
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule.register(runtime, options.clock), {
      bodyParser: false,
      bufferLogs: true,
    });
    app.useLogger(app.get(PinoLogger));
    // No enableShutdownHooks(): whoever starts the server (main below, the launcher, tests) owns
    // the signals and calls close() once; Nest's own hooks would close the pool a second time.
    let redisAdapter: RedisIoAdapter | null = null;
    if (runtime.redisUrl) {
      // Several server processes share the live fan-out (docs/realtime.md, "Scale-out").
      redisAdapter = new RedisIoAdapter(app, runtime.redisUrl);
      await redisAdapter.connect();
      app.useWebSocketAdapter(redisAdapter);
    }
    app.disable('x-powered-by');
    // Behind a proxy (IOC_TRUST_PROXY, the compose file's nginx) the per-client limits count the
    // visitor's address it forwards; otherwise the connection's, which a client cannot forge.
    if (runtime.trustProxy !== null) app.set('trust proxy', runtime.trustProxy);
    app.use(...securityHeaders());
    const shutdown = app.get(ShutdownService);
    app.use(
      (_request: unknown, response: { setHeader(name: string, value: string): void }, next: () => void) => {
        if (shutdown.draining) response.setHeader('Connection', 'close');
        next();
      },
    );
    // Ingest reads its own raw body (JSON or NDJSON, up to 8 MiB); the admin API, sign-in and the
    // displays' pairing and taking a report snapshot take plain JSON.
    app.use('/api/v1/admin', json({ limit: '100kb' }));
    app.use(['/api/v1/auth', '/api/v1/displays', '/api/v1/report-snapshots'], json({ limit: '16kb' }));
    // The API description names every route and its roles: for signed-in people (or the admin token).
    app.use(['/api/docs', '/api/docs-json', '/api/docs-yaml'], docsAccess(app.get(CredentialsService)));
    const openApi = new DocumentBuilder()
      .setTitle('Lam Dong IOC API')
      .setDescription('Ingest contract v1 and read API of the Lam Dong Intelligent Operations Center')
      .setVersion(runtime.version)
      .addBearerAuth()
      .addCookieAuth(SESSION_COOKIE)
      .build();
    SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));
    await app.listen(runtime.port, runtime.host);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : runtime.port;
    const host = runtime.host === '0.0.0.0' ? '127.0.0.1' : runtime.host;
    return {
      url: `http://${host}:${port}`,
      config: runtime,
      app,
      close: async () => {
        await drain(app.getHttpServer(), shutdown, app.get(LiveGateway));
        await app.close();
        await redisAdapter?.disconnect();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/** In-flight requests get this long to finish before their connections are cut. */
const DRAIN_MS = 7_000;

/**
 * Stops taking work without losing any: no new connection is accepted, idle keep-alive ones are
 * closed (a request racing that close gets a reset, not an answer: nothing of it was stored), the
 * walls' sockets are dropped so that they reconnect to another process, and the requests in
 * flight — an ingest batch commits whole or not at all — are waited for, up to DRAIN_MS.
 */
async function drain(http: Server, shutdown: ShutdownService, live: LiveGateway): Promise<void> {
  shutdown.startDraining();
  const closed = new Promise<void>((resolve) => http.close(() => resolve()));
  live.dropConnections();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      http.closeAllConnections();
      resolve();
    }, DRAIN_MS);
  });
  await Promise.race([closed, late]);
  clearTimeout(timer);
}

/** A SIGTERM ends the process within this, whatever hangs (Docker's default grace is 10 s). */
const EXIT_WITHIN_MS = 9_500;

/** `node server/dist/main.js`: the server alone (production, Docker). */
if (require.main === module) {
  startServer(loadAppConfig())
    .then((server) => {
      new Logger('IOC').log(`listening on ${server.url}`);
      const stop = () => {
        setTimeout(() => process.exit(1), EXIT_WITHIN_MS).unref();
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    })
    .catch((error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    });
}
