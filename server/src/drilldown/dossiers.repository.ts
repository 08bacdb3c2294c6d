import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DossierEvent, DossierListSort, DossierListStatus } from '@ioc/shared';
import { OPEN_DOSSIER_SQL, overdueAtSql } from '../live/dossier-predicates.sql';

/** A list's filter with every name checked and every period turned into instants. */
export interface DossierQueryFilter {
  units: string[] | null;
  fields: string[] | null;
  procedures: string[] | null;
  channels: string[] | null;
  statuses: DossierListStatus[] | null;
  received: { from: Date; to: Date } | null;
  resolved: { from: Date; to: Date } | null;
  codePrefix: string | null;
  /** The moment "overdue" and "due soon" are judged at, and the due-soon horizon. */
  now: Date;
  dueSoonUntil: Date;
}

/** Where a page starts: after this row in the order (its sort value, unit and code). */
export interface DossierKeyset {
  /** The sort column's value (ISO) of the last row, or null for a row in the no-deadline tail. */
  value: string | null;
  unitCode: string;
  code: string;
}

/** A `dossiers` row as the lists read it, the procedure name and rating joined. */
export interface DossierListRow {
  unitCode: string;
  code: string;
  field: string | null;
  procedureCode: string | null;
  channel: string | null;
  status: string;
  outcome: 'early' | 'on_time' | 'late' | null;
  receivedAt: Date;
  statutoryDueAt: Date | null;
  dueAt: Date | null;
  pausedAt: Date | null;
  pauseCount: number;
  pausedWorkingMs: string;
  resolvedAt: Date | null;
  resolutionWorkingMs: string | null;
  closedAt: Date | null;
  department: string | null;
  digitized: boolean;
  feeRequired: boolean;
  eResult: boolean;
  paidOnline: boolean;
  syncedAt: Date | null;
  apologizedAt: Date | null;
  apologyDueAt: Date | null;
  lastEventAt: Date;
  rating: number | null;
}

export interface StoredEvent {
  id: string;
  at: Date;
  ingestedAt: Date;
  keyId: string | null;
  keyName: string | null;
  keyPrefix: string | null;
}

const LIST_COLUMNS = `d.unit_code AS "unitCode", d.code, d.field, d.procedure_code AS "procedureCode",
  d.channel, d.status, d.outcome, d.received_at AS "receivedAt", d.statutory_due_at AS "statutoryDueAt",
  d.due_at AS "dueAt", d.paused_at AS "pausedAt", d.pause_count AS "pauseCount",
  d.paused_working_ms AS "pausedWorkingMs", d.resolved_at AS "resolvedAt",
  d.resolution_working_ms AS "resolutionWorkingMs", d.closed_at AS "closedAt", d.department,
  d.digitized, d.fee_required AS "feeRequired", d.e_result AS "eResult", d.paid_online AS "paidOnline",
  d.synced_at AS "syncedAt", d.apologized_at AS "apologizedAt", d.apology_due_at AS "apologyDueAt",
  d.last_event_at AS "lastEventAt", r.rating`;

/** The column each order reads, its direction, and whether it can be null (a dossier without a deadline). */
const ORDERS: Record<DossierListSort, { column: string; descending: boolean; nullable: boolean }> = {
  // Open dossiers: the earliest deadline has the most working time past it (see DOSSIER_LIST_SORTS).
  overdue: { column: 'due_at', descending: false, nullable: true },
  due: { column: 'due_at', descending: false, nullable: true },
  '-due': { column: 'due_at', descending: true, nullable: true },
  received: { column: 'received_at', descending: false, nullable: false },
  '-received': { column: 'received_at', descending: true, nullable: false },
};

/** Collects a statement's parameters and hands out their placeholders. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The drill-down's SQL (issue 14): lists of dossiers read a page at a time by keyset in the order
 * of an index (migration IndexDossierLists), never OFFSET; the count of a filter; one dossier
 * with its timeline, arrivals, anomalies and feedback; processing times.
 */
@Injectable()
export class DossiersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A page of `limit` rows after `after` (from the start without it), and the filter's count when
   * `withCount`. Rows without a deadline come after all the others in a deadline order: when
   * the dated rows run out, the page goes on into them (`value: null` in the keyset).
   */
  async page(
    filter: DossierQueryFilter,
    sort: DossierListSort,
    after: DossierKeyset | null,
    limit: number,
  ): Promise<DossierListRow[]> {
    const order = ORDERS[sort];
    const rows: DossierListRow[] = [];
    if (!(after && after.value === null))
      rows.push(...(await this.pagePart(filter, order, after, limit, false)));
    if (order.nullable && rows.length < limit) {
      const tailAfter = after && after.value === null ? after : null;
      rows.push(...(await this.pagePart(filter, order, tailAfter, limit - rows.length, true)));
    }
    return rows;
  }

  private async pagePart(
    filter: DossierQueryFilter,
    order: (typeof ORDERS)[DossierListSort],
    after: DossierKeyset | null,
    limit: number,
    nullTail: boolean,
  ): Promise<DossierListRow[]> {
    const params = new Params();
    const where = [whereSql(filter, params)];
    const direction = order.descending ? 'DESC' : 'ASC';
    const comparison = order.descending ? '<' : '>';
    if (nullTail) {
      where.push(`d.${order.column} IS NULL`);
      if (after)
        where.push(
          `(d.unit_code, d.code) ${comparison} (${params.add(after.unitCode)}, ${params.add(after.code)})`,
        );
    } else {
      if (order.nullable) where.push(`d.${order.column} IS NOT NULL`);
      if (after)
        where.push(
          `(d.${order.column}, d.unit_code, d.code) ${comparison} (${params.add(after.value)}::timestamptz, ${params.add(after.unitCode)}, ${params.add(after.code)})`,
        );
    }
    const orderBy = nullTail
      ? `d.unit_code ${direction}, d.code ${direction}`
      : `d.${order.column} ${direction}, d.unit_code ${direction}, d.code ${direction}`;
    return this.dataSource.query<DossierListRow[]>(
      `SELECT ${LIST_COLUMNS}
       FROM (SELECT * FROM dossiers d WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT ${params.add(limit)}) AS d
       LEFT JOIN dossier_ratings r ON r.unit_code = d.unit_code AND r.dossier_code = d.code
       ORDER BY ${orderBy}`,
      params.values,
    );
  }

  /** How many dossiers the filter selects; with `atMost`, stops counting past it (an export's limit). */
  async count(filter: DossierQueryFilter, atMost?: number): Promise<number> {
    const params = new Params();
    const where = whereSql(filter, params);
    const [row] = await this.dataSource.query<{ count: number }[]>(
      atMost === undefined
        ? `SELECT count(*)::int AS count FROM dossiers d WHERE ${where}`
        : `SELECT count(*)::int AS count FROM (SELECT 1 FROM dossiers d WHERE ${where} LIMIT ${params.add(atMost + 1)}) AS bounded`,
      params.values,
    );
    return row!.count;
  }

  async dossier(
    unitCode: string,
    code: string,
  ): Promise<(DossierListRow & { timeline: DossierEvent[] }) | null> {
    const [row] = await this.dataSource.query<(DossierListRow & { timeline: DossierEvent[] })[]>(
      `SELECT ${LIST_COLUMNS}, t.timeline
       FROM dossiers d
       JOIN dossier_timelines t ON t.unit_code = d.unit_code AND t.dossier_code = d.code
       LEFT JOIN dossier_ratings r ON r.unit_code = d.unit_code AND r.dossier_code = d.code
       WHERE d.unit_code = $1 AND d.code = $2 AND d.status <> 'unreceived'`,
      [unitCode, code],
    );
    return row ?? null;
  }

  /**
   * When each of the dossier's events was stored and with which key. The event log is compressed
   * per unit after 30 days: bounding `at` by the timeline's first and last events lets only the
   * batches of those days be read.
   */
  storedEvents(unitCode: string, code: string, from: Date, to: Date): Promise<StoredEvent[]> {
    return this.dataSource.query<StoredEvent[]>(
      `SELECT e.id, e.at, e.ingested_at AS "ingestedAt", e.key_id AS "keyId", k.name AS "keyName",
              k.key_prefix AS "keyPrefix"
       FROM dossier_events e LEFT JOIN ingest_keys k ON k.id = e.key_id
       WHERE e.unit_code = $1 AND e.dossier_code = $2 AND e.at >= $3 AND e.at <= $4`,
      [unitCode, code, from, to],
    );
  }

  anomalies(
    unitCode: string,
    code: string,
  ): Promise<{ eventId: string; kind: string; at: Date; detail: string }[]> {
    return this.dataSource.query(
      `SELECT event_id AS "eventId", kind, at, detail FROM dossier_anomalies
       WHERE unit_code = $1 AND dossier_code = $2 ORDER BY at, event_id, kind`,
      [unitCode, code],
    );
  }

  /** Ratings naming the dossier, from its receipt on (a rating comes after the service). */
  feedback(
    unitCode: string,
    code: string,
    since: Date,
  ): Promise<{ id: string; at: Date; rating: number; source: string; comment: string | null }[]> {
    return this.dataSource.query(
      `SELECT id, at, rating, source, comment FROM feedback
       WHERE unit_code = $1 AND dossier_code = $2 AND at >= $3 ORDER BY at, id`,
      [unitCode, code, since],
    );
  }

  /**
   * Resolved dossiers of the filter in `[from, to)` grouped by `groups` and Vietnam month of
   * resolution: count, median and p90 of the working time to result, early or on time.
   */
  processingTimes(
    filter: DossierQueryFilter,
    groups: ('procedure' | 'unit' | 'field')[],
    from: Date,
    to: Date,
  ): Promise<
    {
      procedureCode: string | null;
      unitCode: string | null;
      field: string | null;
      month: string | null;
      resolved: number;
      median: number | null;
      p90: number | null;
      inTime: number;
    }[]
  > {
    const params = new Params();
    const where = whereSql(filter, params);
    const columns = {
      procedure: 'd.procedure_code',
      unit: 'd.unit_code',
      field: 'd.field',
    };
    // Vietnam months: UTC+7 arithmetic, no time zone database needed (Vietnam has no DST).
    const month = `date_trunc('month', (d.resolved_at AT TIME ZONE 'UTC') + INTERVAL '7 hours')`;
    const keys = [
      groups.includes('procedure') ? columns.procedure : 'NULL::text',
      groups.includes('unit') ? columns.unit : 'NULL::text',
      groups.includes('field') ? columns.field : 'NULL::text',
    ];
    return this.dataSource.query(
      `SELECT ${keys[0]} AS "procedureCode", ${keys[1]} AS "unitCode", ${keys[2]} AS field,
              to_char(${month}, 'YYYY-MM') AS month,
              count(*)::int AS resolved,
              (percentile_cont(0.5) WITHIN GROUP (ORDER BY d.resolution_working_ms) / 60000)::float8 AS median,
              (percentile_cont(0.9) WITHIN GROUP (ORDER BY d.resolution_working_ms) / 60000)::float8 AS p90,
              count(*) FILTER (WHERE d.outcome IN ('early', 'on_time'))::int AS "inTime"
       FROM dossiers d
       WHERE ${where} AND d.resolved_at >= ${params.add(from)} AND d.resolved_at < ${params.add(to)}
         AND d.resolution_working_ms IS NOT NULL
       GROUP BY GROUPING SETS ((${keys.join(', ')}, ${month}), (${keys.join(', ')}))`,
      params.values,
    );
  }
}

/** The filter as a WHERE clause on `dossiers d` (never a dossier whose receipt has not arrived). */
function whereSql(f: DossierQueryFilter, params: Params): string {
  const clauses = [`d.status <> 'unreceived'`];
  if (f.units) clauses.push(`d.unit_code = ANY(${params.add(f.units)}::text[])`);
  if (f.fields) clauses.push(`d.field = ANY(${params.add(f.fields)}::text[])`);
  if (f.procedures) clauses.push(`d.procedure_code = ANY(${params.add(f.procedures)}::text[])`);
  if (f.channels) clauses.push(`d.channel = ANY(${params.add(f.channels)}::text[])`);
  if (f.received)
    clauses.push(
      `d.received_at >= ${params.add(f.received.from)} AND d.received_at < ${params.add(f.received.to)}`,
    );
  if (f.resolved)
    clauses.push(
      `d.resolved_at >= ${params.add(f.resolved.from)} AND d.resolved_at < ${params.add(f.resolved.to)}`,
    );
  if (f.codePrefix) {
    const escaped = f.codePrefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    clauses.push(`d.code LIKE ${params.add(`${escaped}%`)}`);
  }
  if (f.statuses) {
    // Built only for the statuses asked: an unused parameter has no type the engine can infer.
    let nowParam: string | null = null;
    const now = () => (nowParam ??= `${params.add(f.now)}::timestamptz`);
    const overdue = () => `(d.${OPEN_DOSSIER_SQL} AND ${overdueAtSql(now(), 'd.')})`;
    const sql: Record<DossierListStatus, () => string> = {
      open: () => `d.${OPEN_DOSSIER_SQL}`,
      overdue,
      'due-soon': () =>
        `(d.${OPEN_DOSSIER_SQL} AND d.status <> 'paused' AND d.due_at > ${now()} AND d.due_at <= ${params.add(f.dueSoonUntil)}::timestamptz)`,
      paused: () => `d.status = 'paused'`,
      'no-apology': () => `(${overdue()} AND d.apologized_at IS NULL)`,
      resolved: () => `d.resolved_at IS NOT NULL`,
      'resolved-late': () => `(d.resolved_at IS NOT NULL AND d.outcome = 'late')`,
      'resolved-on-time': () => `(d.resolved_at IS NOT NULL AND d.outcome = 'on_time')`,
      'resolved-early': () => `(d.resolved_at IS NOT NULL AND d.outcome = 'early')`,
      rejected: () => `d.status = 'rejected'`,
      withdrawn: () => `d.status = 'withdrawn'`,
    };
    clauses.push(`(${f.statuses.map((status) => sql[status]()).join(' OR ')})`);
  }
  return clauses.join(' AND ');
}
