import { z } from 'zod';
import { UNIT_CODE_PATTERN } from '../units/unit';

/** `POST /api/v1/admin/keys`: a unit's key (`unit`) or a provincial key (no `unit`). */
export const createIngestKeyRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  unit: z.string().regex(UNIT_CODE_PATTERN, 'must be a 5-digit unit code').nullable().optional(),
});
export type CreateIngestKeyRequest = z.infer<typeof createIngestKeyRequestSchema>;

/** An ingest key as `GET /api/v1/admin/keys` lists it (never the key itself). */
export const ingestKeySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The unit the key may send for; null: a provincial key (every unit). */
  unitCode: z.string().nullable(),
  /** The first characters of the key, to recognise it; the key itself is never stored. */
  keyPrefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type IngestKeySummary = z.infer<typeof ingestKeySummarySchema>;

/** The answer of a key creation: the only time the key is shown. */
export const createdIngestKeySchema = ingestKeySummarySchema.extend({ key: z.string() });
export type CreatedIngestKey = z.infer<typeof createdIngestKeySchema>;

/** `PUT /api/v1/admin/calendar/:date`: a day off or a make-up (worked) Saturday. */
export const calendarDayInputSchema = z.strictObject({
  kind: z.enum(['day-off', 'worked-saturday']),
  name: z.string().trim().min(1).max(200),
  provisional: z.boolean().default(false),
});
export type CalendarDayInput = z.infer<typeof calendarDayInputSchema>;

export const CALENDAR_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
