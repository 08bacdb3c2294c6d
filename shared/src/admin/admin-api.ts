import { z } from 'zod';
import { UNIT_CODE_PATTERN } from '../units/unit';

/** `POST /api/v1/admin/keys`: a unit's key (`unit`) or a provincial key (no `unit`). */
export const createIngestKeyRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  unit: z.string().regex(UNIT_CODE_PATTERN, 'must be a 5-digit unit code').nullable().optional(),
});
export type CreateIngestKeyRequest = z.infer<typeof createIngestKeyRequestSchema>;

export interface IngestKeySummary {
  id: string;
  name: string;
  unitCode: string | null;
  /** The first characters of the key, to recognise it; the key itself is never stored. */
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** The answer of a key creation: the only time the key is shown. */
export interface CreatedIngestKey extends IngestKeySummary {
  key: string;
}

/** `PUT /api/v1/admin/calendar/:date`: a day off or a make-up (worked) Saturday. */
export const calendarDayInputSchema = z.strictObject({
  kind: z.enum(['day-off', 'worked-saturday']),
  name: z.string().trim().min(1).max(200),
  provisional: z.boolean().default(false),
});
export type CalendarDayInput = z.infer<typeof calendarDayInputSchema>;

export const CALENDAR_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
