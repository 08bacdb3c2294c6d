import { VIETNAM_UTC_OFFSET_MS } from '@ioc/shared';
import type { MessageKey, MessageParams } from '../i18n/messages';
import { MISSING_FIGURE } from './figures';

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface VietnamClockReading {
  /** `HH:mm:ss` */
  time: string;
  /** `dd/MM/yyyy` */
  date: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: Weekday;
}

const pad2 = (value: number): string => String(value).padStart(2, '0');

/**
 * Wall time in Vietnam, computed from the fixed UTC+7 offset rather than the browser's zone:
 * the wall's PC may be set to anything, the leaders read Vietnam time.
 */
export function readVietnamClock(instantMs: number): VietnamClockReading {
  const local = new Date(instantMs + VIETNAM_UTC_OFFSET_MS);
  return {
    time: `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())}:${pad2(local.getUTCSeconds())}`,
    date: `${pad2(local.getUTCDate())}/${pad2(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`,
    // getUTCDay() is 0–6 by definition; the literal type lets callers index a 7-entry table safely.
    weekday: local.getUTCDay() as Weekday,
  };
}

/**
 * `HH:mm dd/MM` in Vietnam time (e.g. "14:05 23/11"), short enough for a tooltip: when a unit last
 * sent an event. A dash when the instant cannot be read.
 */
export function formatVietnamDayTime(instantMs: number): string {
  if (!Number.isFinite(instantMs)) return MISSING_FIGURE;
  const local = new Date(instantMs + VIETNAM_UTC_OFFSET_MS);
  return `${pad2(local.getUTCHours())}:${pad2(local.getUTCMinutes())} ${pad2(local.getUTCDate())}/${pad2(local.getUTCMonth() + 1)}`;
}

/** `dd/MM/yyyy` in Vietnam time; a dash when the instant cannot be read. */
export function formatVietnamDate(instantMs: number): string {
  if (!Number.isFinite(instantMs)) return MISSING_FIGURE;
  return readVietnamClock(instantMs).date;
}

/** `HH:mm:ss dd/MM/yyyy` in Vietnam time (`HH:mm` without seconds): when something happened. */
export function formatVietnamDateTime(instantMs: number, { seconds = false } = {}): string {
  if (!Number.isFinite(instantMs)) return MISSING_FIGURE;
  const { time, date } = readVietnamClock(instantMs);
  return `${seconds ? time : time.slice(0, 5)} ${date}`;
}

/** How long ago, rounded down to the largest whole unit, as a message to translate. */
export function describeElapsed(elapsedMs: number): { key: MessageKey; params: MessageParams } {
  const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
  if (seconds < 60) return { key: 'elapsed.seconds', params: { count: seconds } };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { key: 'elapsed.minutes', params: { count: minutes } };
  return { key: 'elapsed.hours', params: { count: Math.floor(minutes / 60) } };
}

/** Today's Vietnam date, `YYYY-MM-DD`: what "today" means in a filter. */
export function vietnamDate(instantMs: number): string {
  return new Date(instantMs + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);
}
