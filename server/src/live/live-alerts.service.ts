import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { WallAlert } from '@ioc/shared';
import { AlertRulesService } from '../alerts/alert-rules.service';
import { AlertsService } from '../alerts/alerts.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LiveMetricsService } from './live-metrics.service';
import { LiveWholeScopePublisher } from './live-whole-scope';

/** After a live change, alerts are evaluated again at most this often. */
export const ALERTS_MIN_INTERVAL_MS = 5_000;
/** Windows slide and silence grows with the clock alone: evaluated at least this often. */
const ALERTS_REFRESH_MS = 60_000;

/**
 * The wall alerts on the realtime protocol (scope `alerts`), evaluated by the process that leads
 * the live figures from the moment it leads (a wall that subscribes later still sees since when an
 * alert has been in force); after live changes, every minute, and at once when a rule is edited.
 */
@Injectable()
export class LiveAlertsService implements OnModuleDestroy {
  readonly publisher: LiveWholeScopePublisher<'alerts'>;
  private forward: (() => void) | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly alerts: AlertsService,
    private readonly metrics: LiveMetricsService,
    rules: AlertRulesService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.publisher = new LiveWholeScopePublisher({
      scope: 'alerts',
      count: () => this.evaluate(),
      wrap: (header, alerts) => ({ scope: 'alerts', ...header, alerts }),
      minIntervalMs: ALERTS_MIN_INTERVAL_MS,
      refreshEveryMs: ALERTS_REFRESH_MS,
      eager: true,
      serverVersion: config.version,
      onChange: (listener) => metrics.onChange(listener),
    });
    this.unsubscribe = rules.onChange(() => this.rulesChanged());
  }

  onModuleDestroy(): void {
    this.unsubscribe();
  }

  /** In a cluster, a process that does not lead passes rule edits on to the one that does. */
  forwardRuleChangesTo(forward: () => void): void {
    this.forward = forward;
  }

  /** A rule was edited (here or, forwarded, on another process): evaluated again now. */
  rulesChanged(): void {
    if (!this.metrics.started) {
      this.forward?.();
      return;
    }
    void this.publisher.recountNow().catch(() => undefined);
  }

  private async evaluate(): Promise<WallAlert[]> {
    await this.metrics.ready();
    const silentUnits: string[] = [];
    const overdueNow = new Map<string, number>();
    for (const entry of this.metrics.entriesOf('province')) {
      if (entry.kind !== 'unit') continue;
      overdueNow.set(entry.code, entry.figures.overdue);
      if (entry.figures.silentUnits > 0) silentUnits.push(entry.code);
    }
    return this.alerts.evaluate({ silentUnits, overdueNow }, Date.now(), this.publisher.currentPayload ?? []);
  }
}
