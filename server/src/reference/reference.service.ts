import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { computeDueAt, WorkingCalendar, type CalendarDay, type Procedure, type Unit } from '@ioc/shared';
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
  async setCalendarDay(day: CalendarDay): Promise<void> {
    await this.repository.upsertCalendarDay(day);
    await this.reload();
  }

  async removeCalendarDay(date: string): Promise<boolean> {
    const removed = await this.repository.deleteCalendarDay(date);
    await this.reload();
    return removed;
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
