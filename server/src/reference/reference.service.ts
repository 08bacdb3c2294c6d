import {
  BadRequestException,
  Inject,
  Injectable,
  NotFoundException,
  type OnModuleInit,
} from '@nestjs/common';
import {
  CALENDAR_DATE_PATTERN,
  computeDueAt,
  WorkingCalendar,
  type CalendarDay,
  type Procedure,
  type Unit,
} from '@ioc/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ReferenceRepository } from './reference.repository';

/**
 * Units, procedures and the working calendar, read once at boot and held in memory: every
 * ingested event is checked against them, so they must not cost a query each.
 */
@Injectable()
export class ReferenceService implements OnModuleInit {
  private unitsByCode = new Map<string, Unit>();
  private proceduresByCode = new Map<string, Procedure>();
  private workingCalendar!: WorkingCalendar;
  private calendarDays: CalendarDay[] = [];

  constructor(
    private readonly repository: ReferenceRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  async reload(): Promise<void> {
    const [units, procedures, days] = await Promise.all([
      this.repository.findUnits(),
      this.repository.findProcedures(),
      this.repository.findCalendarDays(),
    ]);
    this.unitsByCode = new Map(units.map((u) => [u.code, u]));
    this.proceduresByCode = new Map(procedures.map((p) => [p.code, p]));
    this.calendarDays = days;
    this.workingCalendar = new WorkingCalendar(days, this.config.officeHours);
  }

  /** Days off and make-up Saturdays, optionally of one year. */
  calendarDaysOf(year?: number): CalendarDay[] {
    return year === undefined
      ? [...this.calendarDays]
      : this.calendarDays.filter((d) => d.date.startsWith(`${year}-`));
  }

  /**
   * Sets a day of the calendar and uses it at once for new deadlines. Deadlines already given
   * to citizens stay as printed on their receipts.
   */
  async setCalendarDay(day: CalendarDay): Promise<CalendarDay> {
    checkCalendarDate(day.date);
    if (day.kind === 'worked-saturday' && new Date(`${day.date}T00:00:00Z`).getUTCDay() !== 6) {
      throw new BadRequestException(`kind: ${day.date} is not a Saturday`);
    }
    await this.repository.upsertCalendarDay(day);
    await this.reload();
    return day;
  }

  async removeCalendarDay(date: string): Promise<void> {
    checkCalendarDate(date);
    if (!(await this.repository.deleteCalendarDay(date)))
      throw new NotFoundException(`${date} is not in the calendar`);
    await this.reload();
  }

  get calendar(): WorkingCalendar {
    return this.workingCalendar;
  }

  units(): Unit[] {
    return [...this.unitsByCode.values()];
  }

  unitCodes(): string[] {
    return [...this.unitsByCode.keys()];
  }

  /** The fields (lĩnh vực) of the procedure catalogue. */
  procedureFields(): string[] {
    return [...new Set([...this.proceduresByCode.values()].map((p) => p.field))].sort();
  }

  /** Whether `field` is one of the catalogue's fields (a field code, not a label). */
  hasProcedureField(field: string): boolean {
    return [...this.proceduresByCode.values()].some((p) => p.field === field);
  }

  unit(code: string): Unit | undefined {
    return this.unitsByCode.get(code);
  }

  hasUnit(code: string): boolean {
    return this.unitsByCode.has(code);
  }

  procedure(code: string): Procedure | undefined {
    return this.proceduresByCode.get(code);
  }

  /** The statutory appointment date for a receipt, or null when the catalogue has no time for it. */
  statutoryDueAt(receivedAtMs: number, procedureCode: string): number | null {
    const time = this.proceduresByCode.get(procedureCode)?.processingTime;
    return time ? computeDueAt(receivedAtMs, time, this.workingCalendar) : null;
  }
}

function checkCalendarDate(date: string): void {
  const valid =
    CALENDAR_DATE_PATTERN.test(date) &&
    !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) &&
    new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
  if (!valid) throw new BadRequestException(`date: '${date}' is not a date YYYY-MM-DD`);
}
