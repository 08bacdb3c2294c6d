import { z } from 'zod';
import { UNIT_CODE_PATTERN } from '../units/unit';

/**
 * The ingest contract (v1): what a commune center's software sends to `POST /api/v1/events`.
 * One schema per event type; the server and the simulator both build events from these types.
 */
export const MAX_EVENTS_PER_REQUEST = 10_000;
export const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
/**
 * A legacy CSV import: rows below the header, blank lines included (each non-blank row implies
 * at least one event, so a file over the event cap is refused anyway; counting every line makes
 * a file of millions of empty or refused lines cost no more than this).
 */
export const MAX_IMPORT_ROWS = 10_000;
/** An import answer lists this many rejected rows at most and counts the rest (`rejectedRows`). */
export const MAX_REJECTIONS_LISTED = 1_000;
/** Clocks of commune servers drift; an event may be at most this far in the future. */
export const MAX_FUTURE_SKEW_MS = 5 * 60 * 1000;

/**
 * What history ingest takes, so that every accepted event is kept (and counted) for as long as
 * its id stays claimed, and old dates cannot spread the hypertables over decades of near-empty
 * chunks:
 *  - live software (`POST /api/v1/events`) sends the units' own events, from their first day,
 *    1 July 2025, when the two-level government began;
 *  - a legacy import (`POST /api/v1/imports`, any key for its own units) may carry the dossiers
 *    that the predecessor communes handed over still open, received from 1 January 2024 on;
 *  - never older than the raw log's retention (5 years) less a month, or the next retention
 *    run would drop an accepted event while its id stays claimed.
 */
export const UNITS_BEGAN_AT = '2025-07-01T00:00:00+07:00';
export const EARLIEST_IMPORTED_AT = '2024-01-01T00:00:00+07:00';
export const RAW_EVENT_RETENTION_YEARS = 5;
const RETENTION_MARGIN_MS = 30 * 24 * 3600 * 1000;

export type IngestRoute = 'events' | 'imports';

/** The earliest `at` ingest takes on `route` at `now` (epoch ms), and why, for the rejection. */
export function earliestAcceptedAt(route: IngestRoute, now: number): { at: number; reason: string } {
  const retained = new Date(now);
  retained.setUTCFullYear(retained.getUTCFullYear() - RAW_EVENT_RETENTION_YEARS);
  const retentionFloor = retained.getTime() + RETENTION_MARGIN_MS;
  const routeFloor = Date.parse(route === 'events' ? UNITS_BEGAN_AT : EARLIEST_IMPORTED_AT);
  if (retentionFloor > routeFloor) {
    return {
      at: retentionFloor,
      reason: `is older than the raw event log keeps (${RAW_EVENT_RETENTION_YEARS} years, less a month)`,
    };
  }
  return route === 'events'
    ? {
        at: routeFloor,
        reason:
          'is before 1 July 2025, when the units began; dossiers of their predecessors come through POST /api/v1/imports (back to 1 January 2024)',
      }
    : { at: routeFloor, reason: 'is before 1 January 2024, the oldest history an import takes' };
}

export const CHANNELS = ['online', 'direct', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];
export const FEEDBACK_SOURCES = ['kiosk', 'sms', 'portal', 'zalo'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];
export const PAYMENT_METHODS = ['online', 'counter'] as const;

/** Instants the IOC can hold: a public-service record is never from before 2000 or after 2100. */
const EARLIEST_INSTANT_MS = Date.UTC(2000, 0, 1);
const LATEST_INSTANT_MS = Date.UTC(2100, 0, 1);
/**
 * UTC offsets in use run from −12:00 to +14:00. A wider one is well-formed ISO 8601 but not a
 * place on Earth, and PostgreSQL refuses offsets past ±15:59: it must fail the item, not the batch.
 */
const hasRealOffset = (value: string) => {
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(value);
  if (!offset) return true; // `Z`
  const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
  return minutes >= -12 * 60 && minutes <= 14 * 60 && Number(offset[3]) < 60;
};
const isoInstant = (tooLate = 'must be before the year 2100') =>
  z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time with an offset' })
    .refine(hasRealOffset, 'must have a UTC offset between -12:00 and +14:00')
    .refine((value) => Date.parse(value) >= EARLIEST_INSTANT_MS, 'must be after the year 2000')
    .refine((value) => Date.parse(value) < LATEST_INSTANT_MS, tooLate);

/**
 * Text the database can store as sent: no NUL character (PostgreSQL text cannot hold it) and
 * no lone UTF-16 surrogate (it would be stored as U+FFFD, a different string than was sent).
 */
const text = () =>
  z
    .string()
    .refine((value) => !value.includes('\u0000'), 'must not contain the NUL character')
    .refine((value) => !/\p{Cs}/u.test(value), 'must be valid Unicode (no lone surrogate)');

const base = {
  id: text()
    .check(z.minLength(1), z.maxLength(128))
    .regex(/^[^\p{Cc}]+$/u, 'must contain printable characters only'),
  unit: z.string().regex(UNIT_CODE_PATTERN, 'must be a 5-digit unit code'),
  // Past 2100 is "the future" too; nearer future instants are judged against the clock by the server.
  at: isoInstant('is more than 5 minutes in the future'),
};
const dossierCode = text().check(z.minLength(1), z.maxLength(64));
const dossierRef = z.object({ code: dossierCode });
const reason = text().check(z.minLength(1), z.maxLength(2000));

export const dossierReceivedSchema = z.object({
  ...base,
  type: z.literal('dossier.received'),
  dossier: z.object({
    code: dossierCode,
    procedure: text().check(z.minLength(1), z.maxLength(32)),
    field: text().check(z.minLength(1), z.maxLength(64)),
    channel: z.enum(CHANNELS),
    dueAt: isoInstant().optional(),
    digitized: z.boolean().optional(),
    feeRequired: z.boolean().optional(),
  }),
});
export const dossierAssignedSchema = z.object({
  ...base,
  type: z.literal('dossier.assigned'),
  dossier: dossierRef,
  department: text().check(z.minLength(1), z.maxLength(200)),
});
export const dossierPausedSchema = z.object({
  ...base,
  type: z.literal('dossier.paused'),
  dossier: dossierRef,
  reason,
});
export const dossierResumedSchema = z.object({
  ...base,
  type: z.literal('dossier.resumed'),
  dossier: dossierRef,
});
export const dossierResolvedSchema = z.object({
  ...base,
  type: z.literal('dossier.resolved'),
  dossier: dossierRef,
  eResult: z.boolean().optional(),
});
export const dossierPaidSchema = z.object({
  ...base,
  type: z.literal('dossier.paid'),
  dossier: dossierRef,
  method: z.enum(PAYMENT_METHODS),
});
export const dossierSyncedSchema = z.object({
  ...base,
  type: z.literal('dossier.synced'),
  dossier: dossierRef,
});
export const dossierReturnedSchema = z.object({
  ...base,
  type: z.literal('dossier.returned'),
  dossier: dossierRef,
});
export const dossierRejectedSchema = z.object({
  ...base,
  type: z.literal('dossier.rejected'),
  dossier: dossierRef,
  reason,
});
export const dossierWithdrawnSchema = z.object({
  ...base,
  type: z.literal('dossier.withdrawn'),
  dossier: dossierRef,
});
export const dossierApologizedSchema = z.object({
  ...base,
  type: z.literal('dossier.apologized'),
  dossier: dossierRef,
  newDueAt: isoInstant(),
});
export const feedbackSubmittedSchema = z.object({
  ...base,
  type: z.literal('feedback.submitted'),
  rating: z.number().int().min(1).max(5),
  dossier: dossierRef.optional(),
  comment: text().check(z.maxLength(2000)).optional(),
  source: z.enum(FEEDBACK_SOURCES),
});

export const ingestEventSchema = z.discriminatedUnion('type', [
  dossierReceivedSchema,
  dossierAssignedSchema,
  dossierPausedSchema,
  dossierResumedSchema,
  dossierResolvedSchema,
  dossierPaidSchema,
  dossierSyncedSchema,
  dossierReturnedSchema,
  dossierRejectedSchema,
  dossierWithdrawnSchema,
  dossierApologizedSchema,
  feedbackSubmittedSchema,
]);

export type IngestEvent = z.infer<typeof ingestEventSchema>;
export type DossierEvent = Exclude<IngestEvent, { type: 'feedback.submitted' }>;
export type FeedbackEvent = Extract<IngestEvent, { type: 'feedback.submitted' }>;
export type DossierEventType = DossierEvent['type'];
export type IngestEventType = IngestEvent['type'];
export const INGEST_EVENT_TYPES = ingestEventSchema.options.map((o) => o.shape.type.value);

export function isFeedbackEvent(event: IngestEvent): event is FeedbackEvent {
  return event.type === 'feedback.submitted';
}

export type EventValidation = { ok: true; event: IngestEvent } | { ok: false; reason: string };

/** Validates one untrusted item against the contract; the reason names the offending field. */
export function validateIngestEvent(input: unknown): EventValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, reason: 'event must be a JSON object' };
  }
  const parsed = ingestEventSchema.safeParse(input);
  if (parsed.success) return { ok: true, event: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : 'event';
  const message =
    issue?.code === 'invalid_union' && field === 'type'
      ? `must be one of ${INGEST_EVENT_TYPES.join(', ')}`
      : (issue?.message ?? 'is invalid');
  return { ok: false, reason: `${field}: ${message}` };
}

/** The answer of `POST /api/v1/events`; `POST /api/v1/imports` answers the same with rows as items. */
export interface IngestRejection {
  index: number;
  id?: string;
  reason: string;
}
export interface IngestResult {
  accepted: number;
  duplicate: number;
  rejected: IngestRejection[];
}
/** The answer of `POST /api/v1/imports`: `rejected` lists the first rejected rows, `rejectedRows` counts all. */
export interface ImportResult extends IngestResult {
  rejectedRows: number;
}
