import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DataVersionService } from '../database/data-version.service';
import { ReadGateService } from '../database/read-gate.service';
import { ServiceIndexRulesService } from './service-index-rules.service';

const MAX_RESULTS = 256;

/**
 * The expensive reads of the service index, computed once per state of the data: a result is
 * filed under the query (the whole period: a month and the same days as a custom period differ
 * in their previous period), the rules revision and the data version (DataVersionService), and
 * computed through the read gate (writes first). Forty walls or scripts polling the same year's
 * ranking then cost one computation, not forty turns on the embedded engine's one connection; a
 * late rating still shows at the next read, because its request moves the version. A result is
 * served for IOC_READ_CACHE_MS at most: an open dossier's turning overdue is the one change time
 * makes alone, and it shows at most that late (the wall's live ranking does not come through here).
 */
@Injectable()
export class RankingReadsService {
  /** Results and computations in flight: readers asking at once share one computation. */
  private readonly results = new Map<string, { value: Promise<unknown>; computedAt: number }>();

  constructor(
    private readonly gate: ReadGateService,
    private readonly dataVersion: DataVersionService,
    private readonly rules: ServiceIndexRulesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async read<T>(query: string, compute: () => Promise<T>): Promise<T> {
    if (this.config.readCacheMs === 0) return this.gate.run(compute);
    const version = await this.dataVersion.current();
    const key = `${query}\u0000${this.rules.revision}\u0000${version}`;
    const kept = this.results.get(key);
    if (kept && Date.now() - kept.computedAt < this.config.readCacheMs) return kept.value as Promise<T>;
    const value = this.gate.run(compute);
    this.results.delete(key);
    this.results.set(key, { value, computedAt: Date.now() });
    // Oldest first (insertion order): past the bound, the oldest results go.
    for (const oldest of this.results.keys()) {
      if (this.results.size <= MAX_RESULTS) break;
      this.results.delete(oldest);
    }
    // A failed computation (503, a database error) is not kept: the next reader tries again.
    value.catch(() => {
      if (this.results.get(key)?.value === value) this.results.delete(key);
    });
    return value;
  }

  /** Computed through the gate, never kept (a page of lost dossiers is read once). */
  uncached<T>(compute: () => Promise<T>): Promise<T> {
    return this.gate.run(compute);
  }
}
