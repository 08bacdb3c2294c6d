import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DatabaseRepository } from './database.repository';

/** Reads waiting for their turn beyond which a new one is refused (503, Retry-After). */
export const MAX_QUEUED_READS = 32;
/** How long a read lets waiting writes go first, at most: reads are slowed, never starved. */
const WRITES_FIRST_FOR_MS = 2_000;
const WRITES_FIRST_POLL_MS = 5;

/**
 * Expensive reads (rankings, a unit's index, its lost dossiers) take their turn here, so that
 * ingest and the live recount keep priority on the database. On the embedded engine — one
 * connection — one read runs at a time and waits, before it starts, while writes are queued
 * for the connection: a write then waits for at most the one read in flight instead of every
 * read queued before it (40 ranking readers had pushed a 1-event ingest to seconds). On a real
 * server reads may take half the pool. A full queue answers 503 at once rather than growing.
 */
@Injectable()
export class ReadGateService {
  private readonly concurrency: number;
  private readonly oneConnection: boolean;
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly database: DatabaseRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // The embedded engine, whether the server started it or was given its URL (tests): pool of 1.
    this.oneConnection = config.embeddedDatabase || config.databasePoolSize <= 1;
    this.concurrency = this.oneConnection ? 1 : Math.floor(config.databasePoolSize / 2);
  }

  async run<T>(read: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.queue.length >= MAX_QUEUED_READS) {
        throw new ServiceUnavailableException({
          statusCode: 503,
          message: `too many expensive reads are waiting (${MAX_QUEUED_READS}): try again in a moment`,
          retryAfterSeconds: 1,
        });
      }
      // The slot is handed over by the read that ends (`running` is not decremented then).
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      if (this.oneConnection) await this.writesFirst();
      return await read();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.running -= 1;
    }
  }

  private async writesFirst(): Promise<void> {
    const until = Date.now() + WRITES_FIRST_FOR_MS;
    while (this.database.requestsWaiting() && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, WRITES_FIRST_POLL_MS));
    }
  }
}
