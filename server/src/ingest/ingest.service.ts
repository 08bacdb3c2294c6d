import {
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
  ServiceUnavailableException,
} from '@nestjs/common';
import {
  deriveDossierState,
  earliestAcceptedAt,
  isFeedbackEvent,
  MAX_FUTURE_SKEW_MS,
  validateIngestEvent,
  type DerivationContext,
  type DossierEvent,
  type FeedbackEvent,
  type IngestEvent,
  type IngestRoute,
  type IngestRejection,
  type IngestResult,
} from '@ioc/shared';
import { ITEMS_PER_SLICE, yieldToEventLoop } from '../common/event-loop';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { DataVersionService } from '../database/data-version.service';
import { ReferenceService } from '../reference/reference.service';
import type { IngestPrincipal } from '../keys/keys.service';
import { LiveMetricsService } from '../live/live-metrics.service';
import { MetricsService } from '../metrics/metrics.service';
import { UnparseableLine } from './ingest-body';
import {
  DossierCreatedConcurrently,
  eventKey,
  isContention,
  IngestRepository,
  type DossierWrite,
  type IngestUnitOfWork,
} from './ingest.repository';
import { UnitRateLimiter } from './unit-rate-limiter';

interface AcceptedItem {
  index: number;
  event: IngestEvent;
}

const dossierKey = (unitCode: string, dossierCode: string) => `${unitCode}\u0000${dossierCode}`;
const MAX_REFOLD_ROUNDS = 5;

/** 429: the whole request is held back; the body says which unit and when to retry. */
export class UnitRateExceededException extends HttpException {
  constructor(
    unitCode: string,
    readonly retryAfterSeconds: number,
  ) {
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        message: `unit '${unitCode}' is over its rate: nothing was stored, retry after ${retryAfterSeconds} s`,
        retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);
  private readonly rateLimiter: UnitRateLimiter;

  constructor(
    private readonly repository: IngestRepository,
    private readonly reference: ReferenceService,
    private readonly liveMetrics: LiveMetricsService,
    private readonly dataVersion: DataVersionService,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rateLimiter = new UnitRateLimiter(config.unitRateLimit);
  }

  /**
   * A request refused before any event was judged (400, 429) still leaves its audit row.
   * Best effort: when the database is down the refusal itself is all that can be done.
   */
  async auditRefusal(principal: IngestPrincipal, route: string, status: number, items = 0): Promise<void> {
    await this.repository
      .inTransaction((unitOfWork) =>
        unitOfWork.appendAudit({
          keyId: principal.keyId,
          route,
          unitCodes: principal.unitCode ? [principal.unitCode] : [],
          accepted: 0,
          duplicate: 0,
          rejected: items,
          status,
        }),
      )
      .catch((error: unknown) =>
        this.logger.warn(`audit of a refused request not written: ${(error as Error).message}`),
      );
  }

  /**
   * Validates every item, stores the valid ones once (idempotent on `id`), re-derives the
   * state of each touched dossier from its whole timeline, and commits it all together.
   */
  async ingest(
    principal: IngestPrincipal,
    items: unknown[],
    route: IngestRoute,
    now = Date.now(),
  ): Promise<IngestResult> {
    const earliest = earliestAcceptedAt(route, now);
    const rejected: IngestRejection[] = [];
    const valid: AcceptedItem[] = [];
    const idsInRequest = new Set<string>();
    let duplicateInRequest = 0;
    for (const [index, item] of items.entries()) {
      if (index % ITEMS_PER_SLICE === ITEMS_PER_SLICE - 1) await yieldToEventLoop();
      const checked = this.check(item, principal, now, earliest);
      if (!checked.ok) {
        rejected.push({
          index,
          ...(checked.id === undefined ? {} : { id: checked.id }),
          reason: checked.reason,
        });
      } else if (idsInRequest.has(eventKey(checked.event.unit, checked.event.id))) {
        duplicateInRequest += 1;
      } else {
        idsInRequest.add(eventKey(checked.event.unit, checked.event.id));
        valid.push({ index, event: checked.event });
      }
    }

    const eventsByUnit = new Map<string, number>();
    for (const { event } of valid) eventsByUnit.set(event.unit, (eventsByUnit.get(event.unit) ?? 0) + 1);
    const rate = this.rateLimiter.take(eventsByUnit);
    if (!rate.ok) {
      await this.auditRefusal(principal, route, HttpStatus.TOO_MANY_REQUESTS, items.length);
      throw new UnitRateExceededException(rate.unitCode, rate.retryAfterSeconds);
    }

    const stored = await this.repository
      .inTransaction(async (unitOfWork) => {
        const fresh = await unitOfWork.claimEventIds(valid.map((v) => v.event));
        const freshEvents = valid
          .filter((v) => fresh.has(eventKey(v.event.unit, v.event.id)))
          .map((v) => v.event);
        await this.store(unitOfWork, freshEvents, principal.keyId);
        const counts = {
          accepted: freshEvents.length,
          duplicate: duplicateInRequest + valid.length - fresh.size,
        };
        await unitOfWork.appendAudit({
          keyId: principal.keyId,
          route,
          unitCodes: [...new Set(valid.map((v) => v.event.unit))].sort(),
          ...counts,
          rejected: rejected.length,
          status: 200,
        });
        return { ...counts, lastEventAtByUnit: lastEventAtByUnit(freshEvents) };
      })
      .catch((error: unknown) => {
        // Nothing of the request was stored: its retry must not find the unit over its rate.
        this.rateLimiter.giveBack(eventsByUnit);
        if (isContention(error)) {
          throw new ServiceUnavailableException(
            'concurrent requests about the same dossiers: nothing was stored, send again',
          );
        }
        throw error;
      });
    await this.repository
      .touchUnitFreshness(stored.lastEventAtByUnit)
      .catch((error: unknown) => this.logger.warn(`unit freshness not updated: ${(error as Error).message}`));
    this.dataVersion.markCommitted();
    this.liveMetrics.markUnitsChanged(new Set(stored.lastEventAtByUnit.keys()));
    this.metrics.countIngest(
      stored.accepted,
      stored.duplicate,
      rejected.map((r) => r.reason),
    );
    return { accepted: stored.accepted, duplicate: stored.duplicate, rejected };
  }

  private async store(
    unitOfWork: IngestUnitOfWork,
    events: IngestEvent[],
    keyId: string | null,
  ): Promise<void> {
    const feedback: FeedbackEvent[] = [];
    const dossierEvents: DossierEvent[] = [];
    for (const event of events) {
      if (isFeedbackEvent(event)) feedback.push(event);
      else dossierEvents.push(event);
    }
    await unitOfWork.insertFeedback(feedback, keyId);
    await unitOfWork.insertDossierEvents(dossierEvents, keyId);
    // A dossier another request created meanwhile is locked and folded again with its events;
    // a few rounds at most (each waits for that request's commit), then the whole transaction is
    // run again.
    let pending = dossierEvents;
    for (let round = 0; pending.length > 0; round++) {
      if (round === MAX_REFOLD_ROUNDS) throw new DossierCreatedConcurrently();
      const concurrent = await unitOfWork.writeDossiers(await this.rederive(unitOfWork, pending));
      const refold = new Set(concurrent.map((k) => dossierKey(k.unitCode, k.dossierCode)));
      pending = pending.filter((e) => refold.has(dossierKey(e.unit, e.dossier.code)));
    }
  }

  /** New events joined to each dossier's stored timeline, folded again from the start. */
  private async rederive(unitOfWork: IngestUnitOfWork, events: DossierEvent[]): Promise<DossierWrite[]> {
    const arriving = new Map<string, DossierEvent[]>();
    for (const event of events)
      getOrCreate(arriving, dossierKey(event.unit, event.dossier.code), () => []).push(event);
    const timelines = new Map(arriving);
    const stored = await unitOfWork.lockDossierTimelines(
      [...new Map(events.map((e) => [dossierKey(e.unit, e.dossier.code), e])).values()].map((e) => ({
        unitCode: e.unit,
        dossierCode: e.dossier.code,
      })),
    );
    const printedDueAt = new Map<string, number>();
    const storedReceivedAt = new Map<string, number>();
    for (const row of stored) {
      const key = dossierKey(row.unitCode, row.dossierCode);
      timelines.set(key, [...row.timeline, ...(arriving.get(key) ?? [])]);
      if (row.statutoryDueAt) printedDueAt.set(key, row.statutoryDueAt.getTime());
      if (row.receivedAt) storedReceivedAt.set(key, row.receivedAt.getTime());
    }
    const storedKeys = new Set(stored.map((row) => dossierKey(row.unitCode, row.dossierCode)));
    const writes: DossierWrite[] = [];
    for (const [key, timeline] of timelines) {
      if (writes.length % ITEMS_PER_SLICE === ITEMS_PER_SLICE - 1) await yieldToEventLoop();
      const context: DerivationContext = {
        calendar: this.reference.calendar,
        // Computed once, at the first derivation: a calendar edit never moves a printed deadline.
        statutoryDueAt: (receivedAtMs, procedureCode) =>
          printedDueAt.get(key) ?? this.reference.statutoryDueAt(receivedAtMs, procedureCode),
      };
      const derived = deriveDossierState(timeline, context);
      writes.push({
        stored: storedKeys.has(key),
        arriving: arriving.get(key)!,
        ...derived,
        storedReceivedAt: storedReceivedAt.get(key) ?? null,
      });
    }
    return writes;
  }

  private check(
    item: unknown,
    principal: IngestPrincipal,
    now: number,
    earliest: { at: number; reason: string },
  ): { ok: true; event: IngestEvent } | { ok: false; id?: string; reason: string } {
    if (item instanceof UnparseableLine) return { ok: false, reason: item.reason };
    const validation = validateIngestEvent(item);
    const id = readId(item);
    if (!validation.ok) return { ok: false, id, reason: validation.reason };
    const { event } = validation;
    const reject = (reason: string) => ({ ok: false as const, id: event.id, reason });
    if (!this.reference.hasUnit(event.unit)) return reject(`unit: '${event.unit}' is unknown`);
    if (principal.unitCode !== null && principal.unitCode !== event.unit) {
      return reject(`unit: this key may only send events of unit '${principal.unitCode}'`);
    }
    const at = Date.parse(event.at);
    if (at > now + MAX_FUTURE_SKEW_MS) return reject('at: is more than 5 minutes in the future');
    if (at < earliest.at) return reject(`at: ${earliest.reason}`);
    if (event.type === 'dossier.received') {
      const procedure = this.reference.procedure(event.dossier.procedure);
      if (!procedure)
        return reject(`dossier.procedure: '${event.dossier.procedure}' is not in the procedure catalogue`);
      // The field becomes a live scope and a label on the wall: only the catalogue's fields. A
      // unit may file a procedure under another field than the catalogue's (an import's label).
      if (!this.reference.hasProcedureField(event.dossier.field)) {
        return reject(
          `dossier.field: '${event.dossier.field}' is not a field of the procedure catalogue (${this.reference.procedureFields().join(', ')})`,
        );
      }
      if (event.dossier.dueAt === undefined && procedure.processingTime === null) {
        return reject(
          `dossier.dueAt: required, because procedure '${procedure.code}' has no statutory processing time in the catalogue`,
        );
      }
      if (event.dossier.dueAt !== undefined && Date.parse(event.dossier.dueAt) <= at) {
        return reject('dossier.dueAt: must be after at');
      }
    }
    return { ok: true, event };
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}

/** The latest event time of each unit among these events. */
function lastEventAtByUnit(events: readonly IngestEvent[]): Map<string, number> {
  const latest = new Map<string, number>();
  for (const event of events) {
    const at = Date.parse(event.at);
    latest.set(event.unit, Math.max(at, latest.get(event.unit) ?? at));
  }
  return latest;
}

function readId(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  const id = (item as { id?: unknown }).id;
  return typeof id === 'string' && id.length <= 128 ? id : undefined;
}
