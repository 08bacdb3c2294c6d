import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RankingsService } from '../rankings/rankings.service';
import { LiveMetricsService } from './live-metrics.service';
import { LiveWholeScopePublisher } from './live-whole-scope';

/**
 * A ranking moves slowly and costs a few aggregate queries: after a change it is recounted at
 * most this often, and pushed only when it differs.
 */
export const RANKING_MIN_INTERVAL_MS = 5_000;

/**
 * The current month's ranking on the realtime protocol (scope `ranking`). Followed from the first
 * time a client asks for it; recounted after the live figures change (an ingest, a deadline
 * passing, a new day or month) and sent whole, with the next number, when it changed.
 */
@Injectable()
export class LiveRankingService {
  readonly publisher: LiveWholeScopePublisher<'ranking'>;

  constructor(rankings: RankingsService, metrics: LiveMetricsService, @Inject(APP_CONFIG) config: AppConfig) {
    this.publisher = new LiveWholeScopePublisher({
      scope: 'ranking',
      count: () => rankings.ranking(),
      wrap: (header, ranking) => ({ scope: 'ranking', ...header, ranking }),
      // `evaluatedAt` changes with every count; the ranking changed only if what it says did.
      comparable: ({ evaluatedAt: _evaluatedAt, ...said }) => JSON.stringify(said),
      minIntervalMs: RANKING_MIN_INTERVAL_MS,
      serverVersion: config.version,
      onChange: (listener) => metrics.onChange(listener),
    });
  }
}
