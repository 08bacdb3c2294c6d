import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DatabaseRepository } from './database.repository';

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
    private readonly database: DatabaseRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.embeddedDatabase && !(await this.database.isEmbeddedEngine())) return;
    if (this.config.databasePoolSize > 1 && !this.config.embeddedDatabase) {
      // Several connections to one session would roll back each other's work: refuse to guess.
      this.logger.error(
        'DATABASE_URL points at an embedded (PGlite) engine: set IOC_DATABASE_POOL_SIZE=1, it has one session',
      );
      return;
    }
    // Queued before any statement of the code that asked for the connection.
    this.database.onNewConnection('ROLLBACK', (error) =>
      this.logger.warn(`could not reset the embedded session: ${error.message}`),
    );
  }
}
