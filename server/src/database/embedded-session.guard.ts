import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Pool, PoolClient } from 'pg';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * The embedded engine is one PostgreSQL session shared by every socket connection. When a
 * connection dies inside a transaction, pglite-socket 0.0.22 may leave that transaction open, and
 * the next connection's statements would run — and commit — inside it: half of a failed batch
 * would be stored. Each new connection therefore starts by rolling back whatever is left open;
 * the pool holds one connection, so nothing of a live connection can be lost by it.
 */
@Injectable()
export class EmbeddedSessionGuard implements OnModuleInit {
  private readonly logger = new Logger(EmbeddedSessionGuard.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!(await this.isSharedSessionEngine())) return;
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    if (this.config.databasePoolSize > 1 && !this.config.embeddedDatabase) {
      // Several connections to one session would roll back each other's work: refuse to guess.
      this.logger.error(
        'DATABASE_URL points at an embedded (PGlite) engine: set IOC_DATABASE_POOL_SIZE=1, it has one session',
      );
      return;
    }
    pool.on('connect', (client: PoolClient) => {
      // Queued before any statement of the code that asked for the connection.
      client.query('ROLLBACK').catch((error: unknown) => {
        this.logger.warn(`could not reset the embedded session: ${(error as Error).message}`);
      });
    });
  }

  /** PGlite, whether this process started it or it is reached through DATABASE_URL. */
  private async isSharedSessionEngine(): Promise<boolean> {
    if (this.config.embeddedDatabase) return true;
    const [row] = await this.dataSource.query<{ version: string }[]>('SELECT version()');
    return /emscripten|emcc/i.test(row?.version ?? '');
  }
}
