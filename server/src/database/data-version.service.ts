import { Injectable } from '@nestjs/common';
import { DatabaseRepository } from './database.repository';

/** How long the database's version is trusted before it is read again (other processes' ingest). */
const READ_AGAIN_AFTER_MS = 250;

/**
 * Which state of the data a computed result belongs to: the newest committed ingest request
 * (the audit trail's newest row; every request that stores anything writes one in its
 * transaction) plus this process's own commits. A commit here moves the version at once
 * (`markCommitted`); another process's shows within READ_AGAIN_AFTER_MS. Read cheaply and
 * rarely: forty readers polling must not each send a query to the embedded engine's one
 * connection, where ingest would queue behind them.
 */
@Injectable()
export class DataVersionService {
  private localCommits = 0;
  private read: { at: number; version: Promise<string> } | null = null;

  constructor(private readonly database: DatabaseRepository) {}

  /** Called after an ingest transaction commits on this process. */
  markCommitted(): void {
    this.localCommits += 1;
  }

  async current(now = Date.now()): Promise<string> {
    // Counted before the read: a commit during it moves the version again.
    const local = this.localCommits;
    if (!this.read || now - this.read.at >= READ_AGAIN_AFTER_MS) {
      const version = this.database.newestIngestRequest();
      this.read = { at: now, version };
      version.catch(() => {
        if (this.read?.version === version) this.read = null;
      });
    }
    return `${await this.read.version}.${local}`;
  }
}
