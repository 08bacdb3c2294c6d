import { Injectable } from '@nestjs/common';
import {
  addDays,
  vietnamDate,
  vietnamMidnight,
  type ProcessingTimes,
  type ProcessingTimesQuery,
} from '@ioc/shared';
import type { AccessRestriction } from '../access/access-policy';
import { Clock } from '../common/clock';
import { ReadGateService } from '../database/read-gate.service';
import { ReferenceService } from '../reference/reference.service';
import { DossiersRepository } from './dossiers.repository';
import { DossiersService } from './dossiers.service';

type Figures = ProcessingTimes['rows'][number]['total'];
type Grouped = Awaited<ReturnType<DossiersRepository['processingTimes']>>[number];

const NO_FIGURES: Figures = {
  resolved: 0,
  medianWorkingMinutes: null,
  p90WorkingMinutes: null,
  onTimeShare: null,
};

/**
 * Processing times (issue 14): per procedure (and unit / field) the dossiers resolved in a
 * period, the median and p90 of their working time from receipt to result (supplement pauses
 * left out: the clock the statutory time runs on, kept per dossier by the fold), the share
 * resolved early or on time, per month, beside the same days a year before — what makes "the
 * processing time was cut by half" measurable.
 */
@Injectable()
export class ProcessingTimesService {
  constructor(
    private readonly repository: DossiersRepository,
    private readonly dossiers: DossiersService,
    private readonly reference: ReferenceService,
    private readonly gate: ReadGateService,
    private readonly clock: Clock,
  ) {}

  async get(query: ProcessingTimesQuery, restrict: AccessRestriction): Promise<ProcessingTimes> {
    const now = this.clock.now();
    const filter = this.dossiers.resolveFilter(query, restrict, now);
    const today = vietnamDate(now);
    const period = query.period ?? {
      from: `${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}-01`,
      to: today,
    };
    const yearBefore = { from: shiftYear(period.from, -1), to: shiftYear(period.to, -1) };
    const groups = query.groupBy ?? ['procedure'];
    const range = (p: { from: string; to: string }) =>
      [new Date(vietnamMidnight(p.from)), new Date(vietnamMidnight(addDays(p.to, 1)))] as const;
    const [current, previous] = await this.gate.run(async () => [
      await this.repository.processingTimes(filter, groups, ...range(period)),
      await this.repository.processingTimes(filter, groups, ...range(yearBefore)),
    ]);
    const keyOf = (g: Grouped) => `${g.procedureCode}\u0000${g.unitCode}\u0000${g.field}`;
    const previousByKey = new Map(previous.map((g) => [`${keyOf(g)}\u0000${g.month}`, g]));
    const rows = new Map<string, ProcessingTimes['rows'][number]>();
    for (const g of current.filter((c) => c.month === null)) {
      const before = previousByKey.get(`${keyOf(g)}\u0000null`);
      const total = figures(g);
      const then = before ? figures(before) : NO_FIGURES;
      rows.set(keyOf(g), {
        procedureCode: g.procedureCode,
        procedureName: g.procedureCode ? (this.reference.procedure(g.procedureCode)?.name ?? null) : null,
        unitCode: g.unitCode,
        field: g.field,
        total,
        previousYear: then,
        change: {
          medianRatio:
            total.medianWorkingMinutes !== null && then.medianWorkingMinutes
              ? total.medianWorkingMinutes / then.medianWorkingMinutes - 1
              : null,
          onTimeShareDelta:
            total.onTimeShare !== null && then.onTimeShare !== null
              ? total.onTimeShare - then.onTimeShare
              : null,
        },
        months: [],
      });
    }
    for (const g of current
      .filter((c) => c.month !== null)
      .sort((a, b) => a.month!.localeCompare(b.month!))) {
      const before = previousByKey.get(`${keyOf(g)}\u0000${shiftYear(`${g.month!}-01`, -1).slice(0, 7)}`);
      rows.get(keyOf(g))?.months.push({
        month: g.month!,
        ...figures(g),
        previousYear: before ? figures(before) : NO_FIGURES,
      });
    }
    return {
      period: { from: period.from, to: period.to },
      previousYear: yearBefore,
      groupBy: groups,
      rows: [...rows.values()].sort(
        (a, b) =>
          b.total.resolved - a.total.resolved ||
          `${a.procedureCode}${a.unitCode}${a.field}`.localeCompare(
            `${b.procedureCode}${b.unitCode}${b.field}`,
          ),
      ),
    };
  }
}

function figures(g: Grouped): Figures {
  return {
    resolved: g.resolved,
    medianWorkingMinutes: g.median,
    p90WorkingMinutes: g.p90,
    onTimeShare: g.resolved > 0 ? g.inTime / g.resolved : null,
  };
}

/** The same day a year earlier or later (29 February becomes 28). */
function shiftYear(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const shifted = `${year}${date.slice(4)}`;
  return date.slice(5) === '02-29' ? `${year}-02-28` : shifted;
}
