import type { Translate } from '../i18n/messages';
import { formatVietnamDate } from './vietnamTime';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Past this, a date says more than a count of days. */
const DAYS_BEFORE_DATE = 30;

/**
 * How long ago an instant was, as people say it: "vừa xong", "5 phút trước", "3 giờ trước",
 * "2 ngày trước", then the Vietnam date. Rounded down, so "5 phút" means at least five. An instant
 * a little ahead of this browser's clock (the server's clock leads) is "just now".
 */
export function formatAgo(instantMs: number, nowMs: number, t: Translate): string {
  const elapsed = Math.max(0, nowMs - instantMs);
  if (elapsed < MINUTE_MS) return t('ago.justNow');
  if (elapsed < HOUR_MS) return t('ago.minutes', { count: Math.floor(elapsed / MINUTE_MS) });
  if (elapsed < DAY_MS) return t('ago.hours', { count: Math.floor(elapsed / HOUR_MS) });
  const days = Math.floor(elapsed / DAY_MS);
  return days < DAYS_BEFORE_DATE ? t('ago.days', { count: days }) : formatVietnamDate(instantMs);
}
