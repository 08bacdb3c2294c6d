import 'reflect-metadata';
import { join } from 'node:path';
import { Logger, type LogLevel } from '@nestjs/common';
import { json } from 'express';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '@ioc/db';
import { AppModule } from './app.module';
import type { Clock } from './common/clock';
import { loadAppConfig, type AppConfig } from './config/app-config';
import { RedisIoAdapter } from './live/redis-io.adapter';

export interface RunningServer {
  url: string;
  config: AppConfig;
  app: NestExpressApplication;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Start the embedded database empty. */
  fresh?: boolean;
  logLevels?: LogLevel[];
  /** "Now" for what runs on a schedule; tests pin it. */
  clock?: Clock;
}

/**
 * Starts the whole server: the embedded TimescaleDB when no DATABASE_URL is given, then the
 * NestJS app (migrations run at boot) on one port with the API, the socket and the dashboard.
 */
export async function startServer(config: AppConfig, options: StartOptions = {}): Promise<RunningServer> {
  let embedded: EmbeddedDatabase | null = null;
  let runtime = config;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedDatabase({ dataDir: join(config.dataDir, 'pglite'), fresh: options.fresh });
    runtime = { ...config, databaseUrl: embedded.url, embeddedDatabase: true };
  }
  try {
    const app = await NestFactory.create<NestExpressApplication>(AppModule.register(runtime, options.clock), {
      bodyParser: false,
      logger: options.logLevels ?? ['log', 'warn', 'error'],
    });
    // No enableShutdownHooks(): whoever starts the server (main below, the launcher, tests) owns
    // the signals and calls close() once; Nest's own hooks would close the pool a second time.
    let redisAdapter: RedisIoAdapter | null = null;
    if (runtime.redisUrl) {
      // Several server processes share the live fan-out (docs/realtime.md, "Scale-out").
      redisAdapter = new RedisIoAdapter(app, runtime.redisUrl);
      await redisAdapter.connect();
      app.useWebSocketAdapter(redisAdapter);
    }
    // Ingest reads its own raw body (JSON or NDJSON, up to 8 MiB); only the admin API takes plain JSON.
    app.use('/api/v1/admin', json({ limit: '100kb' }));
    const openApi = new DocumentBuilder()
      .setTitle('Lam Dong IOC API')
      .setDescription('Ingest contract v1 and read API of the Lam Dong Intelligent Operations Center')
      .setVersion(runtime.version)
      .addBearerAuth()
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

/** `node server/dist/main.js`: the server alone (production, Docker). */
if (require.main === module) {
  startServer(loadAppConfig())
    .then((server) => {
      new Logger('IOC').log(`listening on ${server.url}`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    })
    .catch((error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    });
}
