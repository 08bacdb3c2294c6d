import { VIETNAM_UTC_OFFSET_MS } from '@ioc/shared';
import type { AuditFilter } from '../../../router/routes';
import type { Problem } from '../problem';

/** Entries per page: a screen or two of rows; "older" fetches the next. */
export const AUDIT_PAGE_SIZE = 50;

const VIETNAM_OFFSET = '+07:00';

/** The first instant of a Vietnam day: `2026-11-05` → `2026-11-05T00:00:00+07:00`. */
export function vietnamDayStart(day: string): string {
  return `${day}T00:00:00${VIETNAM_OFFSET}`;
}

/** The day after `yyyy-mm-dd`, across months and years. */
export function nextDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, date! + 1)).toISOString().slice(0, 10);
}

/** Today in Vietnam (`yyyy-mm-dd`): the latest day the date pickers offer. */
export function vietnamToday(now: number): string {
  return new Date(now + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** A range whose start is after its end would list nothing: said rather than sent. */
export function auditFilterProblem(filter: AuditFilter): Problem | null {
  return filter.from !== null && filter.to !== null && filter.from > filter.to
    ? { key: 'audit.rangeReversed' }
    : null;
}

/**
 * The audit API's query for a filter: both days included (`to` is sent as the start of the
 * next day, which the server excludes), one page before `before`.
 */
export function auditUrl(filter: AuditFilter, limit = AUDIT_PAGE_SIZE): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (filter.action !== null) query.set('action', filter.action);
  if (filter.outcome !== null) query.set('outcome', filter.outcome);
  if (filter.from !== null) query.set('from', vietnamDayStart(filter.from));
  if (filter.to !== null) query.set('to', vietnamDayStart(nextDay(filter.to)));
  if (filter.before !== null) query.set('before', filter.before);
  return `/api/v1/admin/audit?${query.toString()}`;
}
