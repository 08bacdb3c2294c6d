import { Inject, Injectable } from '@nestjs/common';
import { WALL_FEED_LENGTH, type FeedDossier, type WallFeed } from '@ioc/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReferenceService } from '../reference/reference.service';
import { LiveFeedRepository, type FeedDossierRow } from './live-feed.repository';
import { LiveMetricsService } from './live-metrics.service';
import { LiveWholeScopePublisher } from './live-whole-scope';

/**
 * A dossier that just turned overdue must reach the wall within seconds; the lists are three
 * reads of 20 index rows, so a recount a second after a change costs little.
 */
export const FEED_MIN_INTERVAL_MS = 1_000;
/** Items leave the 24-hour lists with the clock alone: recounted at least this often. */
const FEED_REFRESH_MS = 60_000;

/**
 * The wall's live lists on the realtime protocol (scope `feed`): the latest ratings of 1–2, the
 * dossiers that turned overdue and those resolved late. Every change of the live figures follows
 * one of them (a rating, a deadline passing, a resolution), so the lists are recounted after
 * those changes and sent whole when they differ.
 */
@Injectable()
export class LiveFeedService {
  readonly publisher: LiveWholeScopePublisher<'feed'>;

  constructor(
    private readonly repository: LiveFeedRepository,
    private readonly reference: ReferenceService,
    metrics: LiveMetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.publisher = new LiveWholeScopePublisher({
      scope: 'feed',
      count: () => this.feed(),
      wrap: (header, feed) => ({ scope: 'feed', ...header, feed }),
      minIntervalMs: FEED_MIN_INTERVAL_MS,
      refreshEveryMs: FEED_REFRESH_MS,
      serverVersion: config.version,
      onChange: (listener) => metrics.onChange(listener),
    });
  }

  async feed(now = Date.now()): Promise<WallFeed> {
    const rows = await this.repository.latest(new Date(now), WALL_FEED_LENGTH);
    return {
      lowRatings: rows.lowRatings,
      turnedOverdue: rows.turnedOverdue.map((row) => this.named(row)),
      resolvedLate: rows.resolvedLate.map((row) => this.named(row)),
      commentsWithheld: false,
    };
  }

  private named(row: FeedDossierRow): FeedDossier {
    const procedureName = row.procedureCode
      ? (this.reference.procedure(row.procedureCode)?.name ?? null)
      : null;
    return {
      unitCode: row.unitCode,
      dossierCode: row.dossierCode,
      procedureCode: row.procedureCode,
      procedureName,
      field: row.field,
      receivedAt: row.receivedAt,
      dueAt: row.dueAt,
      resolvedAt: row.resolvedAt,
    };
  }
}
