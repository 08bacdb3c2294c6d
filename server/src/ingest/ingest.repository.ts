import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { DataSource, QueryRunner } from 'typeorm';
import {
  workingTimeClass,
  type DossierAnomaly,
  type DossierEvent,
  type DossierState,
  type FeedbackEvent,
} from '@ioc/shared';
import { DatabaseRepository } from '../database/database.repository';

export interface DossierKey {
  unitCode: string;
  dossierCode: string;
}

export interface StoredDossierTimeline extends DossierKey {
  timeline: DossierEvent[];
  statutoryDueAt: Date | null;
  /** The receipt time stored now: where the dossier's service-index facts row is. */
  receivedAt: Date | null;
}

export interface DossierWrite {
  /** Whether the dossier was stored before this transaction (its row is locked), or is new. */
  stored: boolean;
  state: DossierState;
  /** This request's events of the dossier: its stored timeline is extended by them. */
  arriving: DossierEvent[];
  anomalies: DossierAnomaly[];
  /** The receipt time stored before this re-derivation (null for a dossier not received yet). */
  storedReceivedAt: number | null;
}

export interface IngestAuditEntry {
  keyId: string | null;
  route: string;
  unitCodes: string[];
  accepted: number;
  duplicate: number;
  rejected: number;
  status: number;
}

/** A `dossiers` row as written, in the column names of the table. */
interface DossierRow {
  unit_code: string;
  code: string;
  procedure_code: string | null;
  field: string | null;
  channel: string | null;
  status: string;
  received_at: string | null;
  statutory_due_at: string | null;
  due_at: string | null;
  paused_at: string | null;
  pause_count: number;
  resolved_at: string | null;
  outcome: string | null;
  closed_at: string | null;
  department: string | null;
  digitized: boolean;
  fee_required: boolean;
  e_result: boolean;
  paid_online: boolean;
  paid_at: string | null;
  synced_at: string | null;
  apologized_at: string | null;
  apology_due_at: string | null;
  last_event_at: string | null;
  paused_working_ms: number;
  resolution_working_ms: number | null;
}

/** The columns of `dossiers` as ingest writes them, and the JSON recordset ($1) of such rows. */
const DOSSIER_COLUMNS =
  'unit_code, code, procedure_code, field, channel, status, received_at, statutory_due_at, due_at, ' +
  'paused_at, pause_count, resolved_at, outcome, closed_at, department, digitized, fee_required, e_result, ' +
  'paid_online, paid_at, synced_at, apologized_at, apology_due_at, last_event_at, paused_working_ms, ' +
  'resolution_working_ms';
const DOSSIER_RECORDSET = `jsonb_to_recordset($1::jsonb) AS d(unit_code text, code text, procedure_code text,
  field text, channel text, status text, received_at timestamptz, statutory_due_at timestamptz,
  due_at timestamptz, paused_at timestamptz, pause_count int, resolved_at timestamptz, outcome text,
  closed_at timestamptz, department text, digitized boolean, fee_required boolean, e_result boolean,
  paid_online boolean, paid_at timestamptz, synced_at timestamptz, apologized_at timestamptz,
  apology_due_at timestamptz, last_event_at timestamptz, paused_working_ms bigint, resolution_working_ms bigint)`;

/** A dossier's state as a `dossiers` row. */
function dossierRow(d: DossierState): DossierRow {
  return {
    unit_code: d.unitCode,
    code: d.dossierCode,
    procedure_code: d.procedureCode,
    field: d.field,
    channel: d.channel,
    status: d.status,
    received_at: iso(d.receivedAt),
    statutory_due_at: iso(d.statutoryDueAt),
    due_at: iso(d.dueAt),
    paused_at: iso(d.pausedAt),
    pause_count: d.pauseCount,
    resolved_at: iso(d.resolvedAt),
    outcome: d.outcome,
    closed_at: iso(d.closedAt),
    department: d.department,
    digitized: d.digitized,
    fee_required: d.feeRequired,
    e_result: d.eResult,
    paid_online: d.paidOnline,
    paid_at: iso(d.paidAt),
    synced_at: iso(d.syncedAt),
    apologized_at: iso(d.apologizedAt),
    apology_due_at: iso(d.apologyDueAt),
    last_event_at: iso(d.lastEventAt),
    paused_working_ms: d.pausedWorkingMs,
    resolution_working_ms: d.resolutionWorkingMs,
  };
}

/** A value in `COPY`'s text format: its escape character and the field and row separators escaped. */
const copyText = (value: string): string =>
  value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** PostgreSQL's deadlock and serialization failures: the transaction may simply be run again. */
const RETRYABLE_CODES = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 5;

/**
 * A transaction that lost to concurrent ones (deadlock, serialisation failure, a dossier created
 * by another request round after round): nothing of it was stored, and running it again may
 * succeed.
 */
export function isContention(error: unknown): boolean {
  if (error instanceof DossierCreatedConcurrently) return true;
  const code = (error as { driverError?: { code?: unknown } } | null)?.driverError?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

/** Another request created a dossier this one found missing, round after round. */
export class DossierCreatedConcurrently extends Error {
  constructor() {
    super('a dossier of this request was created by a concurrent request');
  }
}

/**
 * The ingest hot path, set-based: every statement takes whole arrays through `unnest`, so a
 * batch of 1,000 events costs a handful of round trips, never one per row.
 */
export class IngestUnitOfWork {
  constructor(
    private readonly runner: QueryRunner,
    /** `COPY` the append-only event log (a real server; the embedded engine aborts on COPY FROM STDIN). */
    private readonly copyEvents: boolean,
  ) {}

  /**
   * Claims event ids for this request, each within its unit (the contract's idempotency is per
   * sender: two units may use the same id); returns the `eventKey`s never seen before, the rest
   * are duplicates. An id claimed before ids were scoped, whose event is gone, is claimed for
   * every unit (unit code '', migration ScopeEventIdsToUnits).
   */
  async claimEventIds(events: readonly { unit: string; id: string }[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    // Sorted, so that concurrent requests claiming the same ids wait for each other instead of deadlocking.
    const sorted = [...events].sort((a, b) =>
      a.unit === b.unit ? compare(a.id, b.id) : compare(a.unit, b.unit),
    );
    const rows = (await this.runner.query(
      `INSERT INTO ingested_event_ids (unit_code, id)
       SELECT c.unit_code, c.id FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS c(unit_code, id, n)
       WHERE NOT EXISTS (SELECT 1 FROM ingested_event_ids legacy WHERE legacy.unit_code = '' AND legacy.id = c.id)
       ORDER BY c.n
       ON CONFLICT DO NOTHING RETURNING unit_code, id`,
      [sorted.map((e) => e.unit), sorted.map((e) => e.id)],
    )) as { unit_code: string; id: string }[];
    return new Set(rows.map((r) => eventKey(r.unit_code, r.id)));
  }

  /**
   * Events travel as one JSON array: PGlite parses one jsonb value faster than a jsonb[] of
   * a thousand, and each row keeps the event exactly as it was received.
   */
  async insertDossierEvents(events: DossierEvent[], keyId: string | null): Promise<void> {
    if (events.length === 0) return;
    if (this.copyEvents) return this.copyDossierEvents(events, keyId);
    await this.runner.query(
      `INSERT INTO dossier_events (at, id, unit_code, dossier_code, type, event, key_id)
       SELECT (e->>'at')::timestamptz, e->>'id', e->>'unit', e->'dossier'->>'code', e->>'type', e, $2::uuid
       FROM jsonb_array_elements($1::jsonb) AS e`,
      [JSON.stringify(events), keyId],
    );
  }

  /**
   * The same rows through `COPY … FROM STDIN` on the transaction's own connection: on a real server
   * the cheapest way into a hypertable (12 → 5 ms per 1,000 events, no JSON for the server to
   * parse into rows), and the events are only appended, so nothing of `INSERT` is missed.
   */
  private async copyDossierEvents(events: DossierEvent[], keyId: string | null): Promise<void> {
    const key = keyId === null ? '\\N' : copyText(keyId);
    const lines = events.map(
      (e) =>
        `${copyText(e.at)}\t${copyText(e.id)}\t${copyText(e.unit)}\t${copyText(e.dossier.code)}\t${e.type}\t${copyText(JSON.stringify(e))}\t${key}\n`,
    );
    const connection = (this.runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    await pipeline(
      Readable.from([lines.join('')]),
      connection.query(
        copyFrom('COPY dossier_events (at, id, unit_code, dossier_code, type, event, key_id) FROM STDIN'),
      ),
    );
  }

  async insertFeedback(events: FeedbackEvent[], keyId: string | null): Promise<void> {
    if (events.length === 0) return;
    await this.runner.query(
      `INSERT INTO feedback (at, id, unit_code, rating, source, dossier_code, comment, key_id)
       SELECT f.at, f.id, f.unit, f.rating, f.source, f.dossier->>'code', f.comment, $2::uuid
       FROM jsonb_to_recordset($1::jsonb)
         AS f(at timestamptz, id text, unit text, rating smallint, source text, dossier jsonb, comment text)`,
      [JSON.stringify(events), keyId],
    );
    const rated = events.filter((e) => e.dossier?.code);
    if (rated.length === 0) return;
    // The latest rating of each dossier (a list shows it): a rating dated earlier, arriving late, leaves it.
    await this.runner.query(
      `INSERT INTO dossier_ratings (unit_code, dossier_code, rating, at)
       SELECT DISTINCT ON (f.unit, f.code) f.unit, f.code, f.rating, f.at
       FROM unnest($1::text[], $2::text[], $3::smallint[], $4::timestamptz[], $5::text[]) AS f(unit, code, rating, at, id)
       ORDER BY f.unit, f.code, f.at DESC, f.id DESC
       ON CONFLICT (unit_code, dossier_code) DO UPDATE SET rating = excluded.rating, at = excluded.at
       WHERE excluded.at >= dossier_ratings.at`,
      [
        rated.map((e) => e.unit),
        rated.map((e) => e.dossier!.code),
        rated.map((e) => e.rating),
        rated.map((e) => e.at),
        rated.map((e) => e.id),
      ],
    );
  }

  /**
   * The stored timelines of these dossiers (`dossier_timelines`), their `dossiers` rows locked
   * until the transaction ends, each looked up on its own in key order (so that concurrent
   * requests cannot deadlock on them). A dossier not stored yet returns nothing and locks nothing:
   * its row is created by `writeDossiers`, which finds out if another request created it first.
   */
  async lockDossierTimelines(keys: DossierKey[]): Promise<StoredDossierTimeline[]> {
    if (keys.length === 0) return [];
    const sorted = [...keys].sort(
      (a, b) => compare(a.unitCode, b.unitCode) || compare(a.dossierCode, b.dossierCode),
    );
    // Joined as sets, the planner came to prefer merging the keys with a walk of the whole
    // primary key index once the table held a few hundred thousand dossiers (a second per
    // batch, growing with the table): hence a LATERAL lookup per key.
    // Both rows are locked, not only the dossier: a statement that waited for a lock sees the
    // newest version of the rows it locked, but everything else as of its start, so a timeline
    // read beside a locked dossier would miss the events of the request it waited for (the
    // real server, several connections: found by the concurrent-requests test).
    return (await this.runner.query(
      `SELECT d.unit_code AS "unitCode", d.code AS "dossierCode", d.timeline,
              d.statutory_due_at AS "statutoryDueAt", d.received_at AS "receivedAt"
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(unit_code, code, position)
       CROSS JOIN LATERAL (
         SELECT dossiers.unit_code, dossiers.code, dossiers.statutory_due_at, dossiers.received_at, t.timeline
         FROM dossiers JOIN dossier_timelines t ON t.unit_code = dossiers.unit_code AND t.dossier_code = dossiers.code
         WHERE dossiers.unit_code = k.unit_code AND dossiers.code = k.code
         FOR UPDATE
       ) AS d
       ORDER BY k.position`,
      [sorted.map((k) => k.unitCode), sorted.map((k) => k.dossierCode)],
    )) as StoredDossierTimeline[];
  }

  /**
   * Writes the re-derived dossiers, in key order, and returns the keys of those it did NOT write:
   * dossiers this transaction found missing but another request created meanwhile. Their fold
   * lacked that request's events; the caller locks them now (they exist, committed) and folds
   * them again. Without a placeholder row written and rewritten for every new dossier, a batch of
   * new dossiers costs one write each.
   */
  async writeDossiers(unsortedWrites: DossierWrite[]): Promise<DossierKey[]> {
    if (unsortedWrites.length === 0) return [];
    const sorted = [...unsortedWrites].sort(
      (a, b) =>
        compare(a.state.unitCode, b.state.unitCode) || compare(a.state.dossierCode, b.state.dossierCode),
    );
    const rowOf = new Map(sorted.map((w) => [w, dossierRow(w.state)]));
    const created = sorted.filter((w) => !w.stored);
    const concurrent = new Set<DossierWrite>();
    if (created.length > 0) {
      // DO NOTHING waits for a request inserting the same dossier to commit, then skips it.
      const inserted = (await this.runner.query(
        `INSERT INTO dossiers (${DOSSIER_COLUMNS}) SELECT * FROM ${DOSSIER_RECORDSET}
         ON CONFLICT (unit_code, code) DO NOTHING RETURNING unit_code, code`,
        [JSON.stringify(created.map((w) => rowOf.get(w)))],
      )) as { unit_code: string; code: string }[];
      const done = new Set(inserted.map((r) => `${r.unit_code}\u0000${r.code}`));
      for (const w of created)
        if (!done.has(`${w.state.unitCode}\u0000${w.state.dossierCode}`)) concurrent.add(w);
    }
    const writes = sorted.filter((w) => !concurrent.has(w));
    const rows = writes.map((w) => rowOf.get(w)!);
    await this.writeDossierFacts(writes, rows);
    const stored = writes.filter((w) => w.stored).map((w) => rowOf.get(w));
    if (stored.length > 0) {
      await this.runner.query(
        `UPDATE dossiers SET ${DOSSIER_COLUMNS.split(', ')
          .slice(2)
          .map((column) => `${column} = d.${column}`)
          .join(', ')}
         FROM ${DOSSIER_RECORDSET}
         WHERE dossiers.unit_code = d.unit_code AND dossiers.code = d.code`,
        [JSON.stringify(stored)],
      );
    }
    // Only the arriving events travel: a dossier with a long history is not sent back whole.
    await this.runner.query(
      `INSERT INTO dossier_timelines (unit_code, dossier_code, timeline)
       SELECT t.unit_code, t.dossier_code, t.arriving
       FROM jsonb_to_recordset($1::jsonb) AS t(unit_code text, dossier_code text, arriving jsonb)
       ON CONFLICT (unit_code, dossier_code) DO UPDATE SET timeline = dossier_timelines.timeline || excluded.timeline`,
      [
        JSON.stringify(
          writes.map((w) => ({
            unit_code: w.state.unitCode,
            dossier_code: w.state.dossierCode,
            arriving: w.arriving,
          })),
        ),
      ],
    );
    await this.replaceAnomalies(writes);
    return [...concurrent].map((w) => ({ unitCode: w.state.unitCode, dossierCode: w.state.dossierCode }));
  }

  /**
   * The service index's facts of each received dossier (`dossier_facts`, by receipt time), from
   * the rows just written to `dossiers`. A receipt that moved (an earlier
   * `dossier.received` arrived late) leaves its old row behind: it is deleted by its exact key,
   * so that the statement only touches the chunk holding it; almost always there is none.
   */
  private async writeDossierFacts(writes: DossierWrite[], rows: DossierRow[]): Promise<void> {
    const moved = writes.filter(
      (w) => w.storedReceivedAt !== null && w.storedReceivedAt !== w.state.receivedAt,
    );
    if (moved.length > 0) {
      await this.runner.query(
        `DELETE FROM dossier_facts f USING unnest($1::text[], $2::text[], $3::timestamptz[]) AS m(unit_code, code, received_at)
         WHERE f.unit_code = m.unit_code AND f.dossier_code = m.code AND f.received_at = m.received_at
           AND f.received_at = ANY($3::timestamptz[])`,
        [
          moved.map((w) => w.state.unitCode),
          moved.map((w) => w.state.dossierCode),
          moved.map((w) => iso(w.storedReceivedAt)),
        ],
      );
    }
    // The report's processing time is the fold's (`resolution_working_ms` of the dossier row).
    const facts = rows
      .filter((r) => r.received_at !== null)
      .map((r) => ({
        unit_code: r.unit_code,
        field: r.field,
        resolution_working_ms: r.resolution_working_ms,
        working_class: r.resolution_working_ms === null ? null : workingTimeClass(r.resolution_working_ms),
        code: r.code,
        received_at: r.received_at,
        procedure_code: r.procedure_code,
        channel: r.channel,
        status: r.status,
        outcome: r.outcome,
        pause_count: r.pause_count,
        digitized: r.digitized,
        e_result: r.e_result,
        fee_required: r.fee_required,
        paid_online: r.paid_online,
        synced: r.synced_at !== null,
      }));
    if (facts.length === 0) return;
    await this.runner.query(
      `INSERT INTO dossier_facts (received_at, unit_code, dossier_code, status, outcome, pause_count, channel,
         full_process, digitized, e_result, fee_required, paid_online, synced, field, resolution_working_ms,
         working_class)
       SELECT n.received_at, n.unit_code, n.code, n.status, n.outcome, n.pause_count, n.channel,
              coalesce(p.online = 'full', false), n.digitized, n.e_result, n.fee_required, n.paid_online, n.synced,
              n.field, n.resolution_working_ms, n.working_class
       FROM jsonb_to_recordset($1::jsonb) AS n(unit_code text, code text, received_at timestamptz,
         procedure_code text, channel text, status text, outcome text, pause_count int, digitized boolean,
         e_result boolean, fee_required boolean, paid_online boolean, synced boolean, field text,
         resolution_working_ms bigint, working_class smallint)
       LEFT JOIN procedures p ON p.code = n.procedure_code
       ON CONFLICT (unit_code, dossier_code, received_at) DO UPDATE SET
         status = excluded.status, outcome = excluded.outcome, pause_count = excluded.pause_count,
         channel = excluded.channel, full_process = excluded.full_process, digitized = excluded.digitized,
         e_result = excluded.e_result, fee_required = excluded.fee_required,
         paid_online = excluded.paid_online, synced = excluded.synced, field = excluded.field,
         resolution_working_ms = excluded.resolution_working_ms, working_class = excluded.working_class`,
      [JSON.stringify(facts)],
    );
  }

  /** Anomalies are derived from the whole timeline, so each re-derivation replaces the dossier's set. */
  private async replaceAnomalies(writes: DossierWrite[]): Promise<void> {
    await this.runner.query(
      `DELETE FROM dossier_anomalies a USING unnest($1::text[], $2::text[]) AS k(unit_code, code)
       WHERE a.unit_code = k.unit_code AND a.dossier_code = k.code`,
      [writes.map((w) => w.state.unitCode), writes.map((w) => w.state.dossierCode)],
    );
    const anomalies = writes.flatMap((w) => w.anomalies.map((a) => ({ ...a, state: w.state })));
    if (anomalies.length === 0) return;
    await this.runner.query(
      `INSERT INTO dossier_anomalies (unit_code, dossier_code, event_id, kind, at, detail)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[])
       ON CONFLICT DO NOTHING`,
      [
        anomalies.map((a) => a.state.unitCode),
        anomalies.map((a) => a.state.dossierCode),
        anomalies.map((a) => a.eventId),
        anomalies.map((a) => a.kind),
        anomalies.map((a) => a.at),
        anomalies.map((a) => a.detail),
      ],
    );
  }

  async appendAudit(entry: IngestAuditEntry): Promise<void> {
    await this.runner.query(
      `INSERT INTO ingest_audit (key_id, route, unit_codes, accepted, duplicate, rejected, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.keyId,
        entry.route,
        entry.unitCodes,
        entry.accepted,
        entry.duplicate,
        entry.rejected,
        entry.status,
      ],
    );
  }
}

@Injectable()
export class IngestRepository {
  /** Whether the event log is written by `COPY`: known once the engine has answered. */
  private copyEvents: Promise<boolean> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly database: DatabaseRepository,
  ) {}

  /**
   * Moves each unit's last event time forward (never back), in a statement of its own after the
   * ingest transaction: every batch of a provincial system touches all 124 units, and inside the
   * transaction these row locks serialised concurrent batches until each commit (191 ms a batch
   * waiting on the real server with 4 senders). Units in code order, so two of these never
   * deadlock. Freshness is derived from the events: were it lost (a crash just after a commit),
   * the unit's next event sets it again.
   */
  async touchUnitFreshness(lastEventAtByUnit: Map<string, number>): Promise<void> {
    if (lastEventAtByUnit.size === 0) return;
    const units = [...lastEventAtByUnit.keys()].sort();
    await this.dataSource.query(
      `INSERT INTO unit_freshness (unit_code, last_event_at)
       SELECT * FROM unnest($1::text[], $2::timestamptz[])
       ON CONFLICT (unit_code) DO UPDATE SET last_event_at = greatest(unit_freshness.last_event_at, excluded.last_event_at)`,
      [units, units.map((unit) => iso(lastEventAtByUnit.get(unit)!))],
    );
  }

  /**
   * Runs the work in one transaction: an event counted as accepted is committed, or nothing is.
   * A deadlock or serialization failure (possible on a real server with a pool) is retried.
   */
  async inTransaction<T>(work: (unitOfWork: IngestUnitOfWork) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(work);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isContention(error)) throw error;
      }
    }
  }

  private async attempt<T>(work: (unitOfWork: IngestUnitOfWork) => Promise<T>): Promise<T> {
    // Asked before the transaction takes its connection: the embedded engine's pool has one.
    this.copyEvents ??= this.database.isEmbeddedEngine().then((embedded) => !embedded);
    const copyEvents = await this.copyEvents.catch((error: unknown) => {
      this.copyEvents = null; // the database was down: ask again next time
      throw error;
    });
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      const result = await work(new IngestUnitOfWork(runner, copyEvents));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }
}

/** An event's identity: its id within its unit (unit codes are 5 digits, so the key is unambiguous). */
export function eventKey(unitCode: string, id: string): string {
  return `${unitCode}/${id}`;
}
