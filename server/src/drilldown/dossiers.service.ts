import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  FORMER_PROVINCES,
  addDays,
  explainDeadline,
  isOpen,
  orderDossierEvents,
  vietnamMidnight,
  workingDuration,
  workingTimeLate,
  type DossierDetail,
  type DossierEvent,
  type DossierFilter,
  type DossierList,
  type DossierListItem,
  type DossierListQuery,
  type DossierListSort,
  type DossierStatus,
  type Period,
  type TimelineEntry,
} from '@ioc/shared';
import type { AccessRestriction } from '../access/access-policy';
import { Clock } from '../common/clock';
import { yieldToEventLoop } from '../common/event-loop';
import { ReadGateService } from '../database/read-gate.service';
import { ReferenceService } from '../reference/reference.service';
import { DrilldownException } from './drilldown.exception';
import {
  DossiersRepository,
  type DossierKeyset,
  type DossierListRow,
  type DossierQueryFilter,
} from './dossiers.repository';

/** Rows an export reads per statement: each batch takes one turn at the database, then yields. */
export const EXPORT_BATCH_ROWS = 500;

interface Cursor {
  /** The order and the filter (a digest) the cursor was made for. */
  s: DossierListSort;
  f: string;
  v: string | null;
  u: string;
  c: string;
}

/**
 * The drill-down's lists and dossiers (issue 14). Names in a filter are checked against the
 * reference data (400 naming the parameter), then narrowed to what the caller may see: a unit
 * officer's unit, a department head's fields (asking for another field is 403; a dossier of
 * another field is 404). Every read takes its turn at the read gate, behind queued writes.
 */
@Injectable()
export class DossiersService {
  constructor(
    private readonly repository: DossiersRepository,
    private readonly reference: ReferenceService,
    private readonly gate: ReadGateService,
    private readonly clock: Clock,
  ) {}

  async list(query: DossierListQuery, restrict: AccessRestriction): Promise<DossierList> {
    const now = this.clock.now();
    const filter = this.resolveFilter(query, restrict, now);
    const sort = sortOf(query);
    const digest = filterDigest(query);
    const after = query.cursor ? decodeCursor(query.cursor, sort, digest) : null;
    const { rows, total } = await this.gate.run(async () => {
      const rows = await this.repository.page(filter, sort, after, query.limit + 1);
      return { rows, total: await this.repository.count(filter) };
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      total,
      sort,
      at: new Date(now).toISOString(),
      items: page.map((row) => this.item(row, now)),
      next: rows.length > query.limit && last ? encodeCursor(sort, digest, keysetOf(last, sort)) : null,
    };
  }

  /**
   * The filter's rows in order, a batch at a time: each batch one statement through the read
   * gate (queued writes first), then the event loop's turn, so an export of 100,000 rows never
   * holds the embedded engine's one connection or the server's loop for long.
   */
  async *rows(
    filter: DossierQueryFilter,
    sort: DossierListSort,
    now: number,
  ): AsyncGenerator<DossierListItem[]> {
    let after: DossierKeyset | null = null;
    for (;;) {
      const cursor: DossierKeyset | null = after;
      const batch = await this.gate.run(() => this.repository.page(filter, sort, cursor, EXPORT_BATCH_ROWS));
      if (batch.length > 0) yield batch.map((row) => this.item(row, now));
      if (batch.length < EXPORT_BATCH_ROWS) return;
      after = keysetOf(batch[batch.length - 1]!, sort);
      await yieldToEventLoop();
    }
  }

  /** How many rows the filter selects, counted up to `atMost` + 1 (enough to refuse an export). */
  countUpTo(filter: DossierQueryFilter, atMost: number): Promise<number> {
    return this.gate.run(() => this.repository.count(filter, atMost));
  }

  async dossier(unitCode: string, code: string, restrict: AccessRestriction): Promise<DossierDetail> {
    const now = this.clock.now();
    if (!this.reference.hasUnit(unitCode)) throw DrilldownException.notFound();
    const detail = await this.gate.run(async () => {
      const row = await this.repository.dossier(unitCode, code);
      if (!row) return null;
      // A department head's dossier of another field is as absent as one that does not exist.
      if (restrict.fields && !(row.field !== null && restrict.fields.includes(row.field))) return null;
      const ats = row.timeline.map((e) => Date.parse(e.at));
      const [stored, anomalies, feedback] = [
        await this.repository.storedEvents(
          unitCode,
          code,
          new Date(Math.min(...ats)),
          new Date(Math.max(...ats)),
        ),
        await this.repository.anomalies(unitCode, code),
        await this.repository.feedback(unitCode, code, row.receivedAt),
      ];
      return { row, stored, anomalies, feedback };
    });
    if (!detail) throw DrilldownException.notFound();
    const { row, stored, anomalies, feedback } = detail;
    const calendar = this.reference.calendar;
    const procedure = row.procedureCode ? this.reference.procedure(row.procedureCode) : undefined;
    const { explanation } = explainDeadline({
      events: row.timeline,
      calendar,
      processingTime: procedure?.processingTime ?? null,
      storedStatutoryDueAt: row.statutoryDueAt?.getTime() ?? null,
      nowMs: now,
    });
    const item = this.item(row, now);
    return {
      dossier: {
        ...item,
        statutoryDueAt: isoOrNull(row.statutoryDueAt),
        closedAt: isoOrNull(row.closedAt),
        department: row.department,
        digitized: row.digitized,
        feeRequired: row.feeRequired,
        paidOnline: row.paidOnline,
        eResult: row.eResult,
        syncedAt: isoOrNull(row.syncedAt),
        lastEventAt: row.lastEventAt.toISOString(),
        resolutionWorkingTime:
          row.resolutionWorkingMs === null
            ? null
            : workingDuration(Number(row.resolutionWorkingMs), calendar),
      },
      timeline: timelineOf(row.timeline, stored),
      deadline: explanation,
      anomalies: anomalies.map((a) => ({ ...a, at: a.at.toISOString() })),
      feedback: feedback.map((f) => ({
        id: f.id,
        at: f.at.toISOString(),
        rating: f.rating,
        source: f.source,
        comment: restrict.withoutComments ? null : f.comment,
      })),
      at: new Date(now).toISOString(),
    };
  }

  /**
   * The query's filter with every name checked and narrowed to the caller's scope. `status` and
   * the periods were checked by the shared schema; units, fields and procedures are checked here.
   */
  resolveFilter(query: DossierFilter, restrict: AccessRestriction, now: number): DossierQueryFilter {
    for (const unit of query.unit ?? [])
      if (!this.reference.hasUnit(unit))
        throw DrilldownException.badParameter('unit', `'${unit}' is not a unit of Lam Dong`);
    for (const field of query.field ?? [])
      if (!this.reference.hasProcedureField(field))
        throw DrilldownException.badParameter('field', `'${field}' is not a field of the catalogue`);
    for (const procedure of query.procedure ?? [])
      if (!this.reference.procedure(procedure))
        throw DrilldownException.badParameter(
          'procedure',
          `'${procedure}' is not a procedure of the catalogue`,
        );

    let units = query.unit ?? null;
    if (query.formerProvince) {
      const name = FORMER_PROVINCES.find((p) => p.slug === query.formerProvince)!.name;
      const inProvince = this.reference
        .units()
        .filter((u) => u.formerProvince === name)
        .map((u) => u.code);
      units = units ? units.filter((u) => inProvince.includes(u)) : inProvince;
    }
    // A unit officer: his unit (the access guard refused any other named).
    if (restrict.unitCode) units = units ? units.filter((u) => u === restrict.unitCode) : [restrict.unitCode];
    let fields = query.field ?? null;
    if (restrict.fields) {
      if (fields && fields.some((f) => !restrict.fields!.includes(f)))
        throw DrilldownException.notYourField(restrict.fields);
      fields = fields ?? restrict.fields;
    }
    const calendar = this.reference.calendar;
    return {
      units,
      fields,
      procedures: query.procedure ?? null,
      channels: query.channel ?? null,
      statuses: query.status ?? null,
      received: query.received ? instants(query.received) : null,
      resolved: query.resolved ? instants(query.resolved) : null,
      codePrefix: query.code ?? null,
      now: new Date(now),
      dueSoonUntil: new Date(calendar.addWorkingTime(now, calendar.workingMinutesPerDay * 60_000)),
    };
  }

  /** A row as lists and exports show it: names from the reference data, durations in working time. */
  item(row: DossierListRow, now: number): DossierListItem {
    const calendar = this.reference.calendar;
    const open = isOpen({ status: row.status as DossierStatus });
    const dueAt = row.dueAt?.getTime() ?? null;
    const pausedAt = row.pausedAt?.getTime() ?? null;
    const late = workingTimeLate(
      { dueAt, resolvedAt: row.resolvedAt?.getTime() ?? null, pausedAt, open },
      now,
      calendar,
    );
    const ongoingPause =
      open && row.status === 'paused' && pausedAt !== null ? calendar.workingTimeBetween(pausedAt, now) : 0;
    return {
      unitCode: row.unitCode,
      unitName: this.reference.unit(row.unitCode)?.name ?? row.unitCode,
      code: row.code,
      field: row.field,
      procedureCode: row.procedureCode,
      procedureName: row.procedureCode ? (this.reference.procedure(row.procedureCode)?.name ?? null) : null,
      channel: row.channel,
      status: row.status as DossierStatus,
      overdue:
        open &&
        dueAt !== null &&
        dueAt <= now &&
        (row.status !== 'paused' || (pausedAt !== null && dueAt <= pausedAt)),
      outcome: row.outcome,
      receivedAt: row.receivedAt.toISOString(),
      dueAt: isoOrNull(row.dueAt),
      resolvedAt: isoOrNull(row.resolvedAt),
      overdueBy: late === null ? null : workingDuration(late, calendar),
      pausedFor:
        row.pauseCount === 0 ? null : workingDuration(Number(row.pausedWorkingMs) + ongoingPause, calendar),
      pauseCount: row.pauseCount,
      apologizedAt: isoOrNull(row.apologizedAt),
      apologyDueAt: isoOrNull(row.apologyDueAt),
      rating: row.rating,
    };
  }
}

/** `overdue` by default for the lists of late dossiers (the wall's "overdue", "late without apology"). */
export function sortOf(query: Pick<DossierListQuery, 'sort' | 'status'>): DossierListSort {
  if (query.sort) return query.sort;
  const late = query.status?.every((s) => s === 'overdue' || s === 'no-apology') ?? false;
  return late ? 'overdue' : '-received';
}

/** A period of Vietnam days as the instants `[from, to)`. */
function instants(period: Period): { from: Date; to: Date } {
  return {
    from: new Date(vietnamMidnight(period.from)),
    to: new Date(vietnamMidnight(addDays(period.to, 1))),
  };
}

function keysetOf(row: DossierListRow, sort: DossierListSort): DossierKeyset {
  const value = sort === 'received' || sort === '-received' ? row.receivedAt : row.dueAt;
  return { value: value ? value.toISOString() : null, unitCode: row.unitCode, code: row.code };
}

/** The filter's parameters, in a fixed order: a cursor is refused by a list with another filter. */
function filterDigest(query: DossierListQuery): string {
  const { cursor: _cursor, limit: _limit, sort: _sort, ...filter } = query;
  const canonical = JSON.stringify(Object.entries(filter).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 12);
}

function encodeCursor(sort: DossierListSort, digest: string, keyset: DossierKeyset): string {
  const cursor: Cursor = { s: sort, f: digest, v: keyset.value, u: keyset.unitCode, c: keyset.code };
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string, sort: DossierListSort, digest: string): DossierKeyset {
  let cursor: Partial<Cursor>;
  try {
    cursor = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    throw DrilldownException.badParameter('cursor', 'is not a cursor this list gave');
  }
  if (
    typeof cursor !== 'object' ||
    cursor === null ||
    typeof cursor.u !== 'string' ||
    typeof cursor.c !== 'string' ||
    !(cursor.v === null || (typeof cursor.v === 'string' && !Number.isNaN(Date.parse(cursor.v))))
  )
    throw DrilldownException.badParameter('cursor', 'is not a cursor this list gave');
  if (cursor.s !== sort || cursor.f !== digest)
    throw DrilldownException.badParameter(
      'cursor',
      'was given for another filter or order: start again without it',
    );
  return { value: cursor.v, unitCode: cursor.u, code: cursor.c };
}

/**
 * The timeline in the order of `at` (as the fold reads it), each event with when and how it
 * arrived. The stored timeline is appended to request by request, so its order is the order of
 * arrival; an event that arrived after one dated later than itself arrived out of order.
 */
function timelineOf(
  arrived: DossierEvent[],
  stored: {
    id: string;
    ingestedAt: Date;
    keyId: string | null;
    keyName: string | null;
    keyPrefix: string | null;
  }[],
): TimelineEntry[] {
  const storedById = new Map(stored.map((s) => [s.id, s]));
  const arrival = new Map<string, { order: number; late: boolean }>();
  let latestAt = -Infinity;
  arrived.forEach((event, index) => {
    const at = Date.parse(event.at);
    arrival.set(event.id, { order: index + 1, late: at < latestAt });
    latestAt = Math.max(latestAt, at);
  });
  return orderDossierEvents(arrived).map((event) => {
    const s = storedById.get(event.id);
    const a = arrival.get(event.id);
    return {
      id: event.id,
      type: event.type,
      at: event.at,
      arrivedAt: s ? s.ingestedAt.toISOString() : null,
      arrivalOrder: a?.order ?? null,
      arrivedLate: a?.late ?? false,
      key: s?.keyId ? { id: s.keyId, name: s.keyName, prefix: s.keyPrefix } : null,
      event: event,
    };
  });
}

const isoOrNull = (value: Date | null): string | null => (value ? value.toISOString() : null);
