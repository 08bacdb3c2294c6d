import { BadRequestException, Injectable } from '@nestjs/common';
import {
  addCalendarDays,
  DAILY_FLOW_MAX_DAYS,
  UNIT_CODE_PATTERN,
  vietnamDate,
  vietnamMidnight,
  type DailyFlow,
  type KpiComparison,
} from '@ioc/shared';
import { Clock } from '../common/clock';
import { ReferenceService } from '../reference/reference.service';
import { TrendsRepository } from './trends.repository';

const DAY_MS = 86_400_000;
const DEFAULT_FLOW_DAYS = 90;

/** What the wall's KPIs are compared with, and its received-vs-resolved chart. */
@Injectable()
export class TrendsService {
  constructor(
    private readonly repository: TrendsRepository,
    private readonly reference: ReferenceService,
    private readonly clock: Clock,
  ) {}

  /** The same time of day yesterday and a week ago, for a unit or the province. */
  async kpiComparison(unit: string | undefined, now = this.clock.now()): Promise<KpiComparison> {
    const unitCode = this.unitOf(unit);
    const moment = (ms: number) => ({
      at: new Date(ms),
      dayStart: new Date(vietnamMidnight(vietnamDate(ms))),
    });
    const [yesterday, lastWeek] = await this.repository.momentFigures(unitCode, [
      moment(now - DAY_MS),
      moment(now - 7 * DAY_MS),
    ]);
    return { unitCode, at: new Date(now).toISOString(), yesterday: yesterday!, lastWeek: lastWeek! };
  }

  /** Received and resolved per Vietnam day over the last `days` days, today last, every day listed. */
  async dailyFlow(
    unit: string | undefined,
    days: string | undefined,
    now = this.clock.now(),
  ): Promise<DailyFlow> {
    const unitCode = this.unitOf(unit);
    const count = days === undefined ? DEFAULT_FLOW_DAYS : /^\d{1,4}$/.test(days) ? Number(days) : NaN;
    if (!(count >= 1 && count <= DAILY_FLOW_MAX_DAYS)) {
      throw new BadRequestException(`days: must be a whole number of days from 1 to ${DAILY_FLOW_MAX_DAYS}`);
    }
    const today = vietnamDate(now);
    const first = addCalendarDays(today, 1 - count);
    const rows = await this.repository.dailyFlow(unitCode, new Date(vietnamMidnight(first)));
    const byDay = new Map(rows.map((row) => [vietnamDate(row.day.getTime()), row]));
    return {
      unitCode,
      days: Array.from({ length: count }, (_, i) => {
        const day = addCalendarDays(first, i);
        const row = byDay.get(day);
        return { day, received: row?.received ?? 0, resolved: row?.resolved ?? 0 };
      }),
    };
  }

  /** `?unit=`: absent for the province, else a unit of the reference data. */
  private unitOf(unit: string | undefined): string | null {
    if (unit === undefined) return null;
    if (!UNIT_CODE_PATTERN.test(unit))
      throw new BadRequestException(`unit: '${unit}' is not a 5-digit unit code`);
    if (!this.reference.hasUnit(unit)) throw new BadRequestException(`unit: no unit has the code '${unit}'`);
    return unit;
  }
}
