import {
  BadRequestException,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { BacklogHistory } from '@ioc/shared';
import { Clock } from '../common/clock';
import { ReferenceService } from '../reference/reference.service';
import { BacklogHistoryRepository } from './backlog-history.repository';

export const SAMPLE_EVERY_MS = 5 * 60_000;
const MAX_HISTORY_DAYS = 3 * 365;

/** The start of the 5-minute slot an instant falls in: samples land on :00, :05, :10 ... */
export function sampleSlot(instantMs: number): number {
  return Math.floor(instantMs / SAMPLE_EVERY_MS) * SAMPLE_EVERY_MS;
}

/** Bucket size for a trend over `days`: fine for a day, coarser for months (~300 points at most). */
export function bucketMinutesFor(days: number): number {
  if (days <= 1) return 5;
  if (days <= 7) return 60;
  if (days <= 90) return 6 * 60;
  return 24 * 60;
}

/**
 * Records every unit's backlog and overdue count every 5 minutes into a hypertable, so that the
 * wall can draw 90-day trends; a slot missed while the server was down stays empty (no invention).
 */
@Injectable()
export class BacklogSamplerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BacklogSamplerService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly repository: BacklogHistoryRepository,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduleNext();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Samples the current slot now (idempotent within a slot); returns the number of units written. */
  async recordSlot(now = this.clock.now()): Promise<number> {
    return this.repository.recordSample(new Date(sampleSlot(now)));
  }

  async history(unitCode: string | undefined, days: number, now = this.clock.now()): Promise<BacklogHistory> {
    if (unitCode !== undefined && !this.reference.hasUnit(unitCode)) {
      throw new BadRequestException(`unit: '${unitCode}' is unknown`);
    }
    if (!Number.isInteger(days) || days < 1 || days > MAX_HISTORY_DAYS) {
      throw new BadRequestException(`days: must be an integer from 1 to ${MAX_HISTORY_DAYS}`);
    }
    const bucketMinutes = bucketMinutesFor(days);
    const points = await this.repository.history(
      unitCode ?? null,
      new Date(now - days * 86_400_000),
      bucketMinutes,
    );
    return { unitCode: unitCode ?? null, bucketMinutes, points };
  }

  private scheduleNext(): void {
    const now = this.clock.now();
    this.timer = setTimeout(
      () => {
        this.running = this.recordSlot()
          .then(() => undefined)
          .catch((error: unknown) =>
            this.logger.warn(`backlog sample not recorded: ${(error as Error).message}`),
          )
          .finally(() => {
            this.running = null;
            if (this.timer) this.scheduleNext();
          });
      },
      sampleSlot(now) + SAMPLE_EVERY_MS - now,
    );
    this.timer.unref();
  }
}
