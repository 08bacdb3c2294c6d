import { VIETNAM_UTC_OFFSET_MS } from '../calendar/working-calendar';
import type { Period } from '../service-index/period';
import { WORKING_DAY_MINUTES, type WorkingTimeMedian } from './working-time';

/**
 * The one formatter of the meeting report (vi-VN): the PDF prints these strings, the screens
 * show them, and the tests read them back from the PDF. Written out rather than left to
 * `Intl`, so that the server's and every browser's output are the same to the character:
 * `.` groups thousands, `,` is the decimal mark, `−` (U+2212) the minus, `—` a figure that does
 * not exist (no dossier: nothing to count), never `0`. The words (periods, processing times) also
 * come in English for the dashboard's second language; the numbers keep one style in both, so
 * that a figure on an English screen reads exactly as in the filed PDF.
 */

/** The report's languages: Vietnamese first (the PDF and XLSX), English for the dashboard. */
export type ReportLanguage = 'vi' | 'en';

export const NO_FIGURE = '—';
const MINUS = '−';

function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** `value` with `decimals` decimals (half away from zero), vi-VN. */
export function formatNumber(value: number | null, decimals = 0): string {
  if (value === null || !Number.isFinite(value)) return NO_FIGURE;
  const factor = 10 ** decimals;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  const [whole, fraction] = rounded.toFixed(decimals).split('.');
  const sign = value < 0 && rounded !== 0 ? MINUS : '';
  return `${sign}${group(whole!)}${fraction ? `,${fraction}` : ''}`;
}

export const formatInteger = (value: number | null): string => formatNumber(value, 0);

/** Index points: two decimals (`75,50`). */
export const formatPoints = (value: number | null): string => formatNumber(value, 2);

/** A share in [0, 1] as a percentage with one decimal (`80,0%`). */
export function formatShare(value: number | null): string {
  return value === null ? NO_FIGURE : `${formatNumber(value * 100, 1)}%`;
}

/** `+1,25` / `−0,50` / `0,00`: a signed change with `decimals` decimals. */
export function formatSigned(value: number | null, decimals: number): string {
  if (value === null) return NO_FIGURE;
  const text = formatNumber(value, decimals);
  return value > 0 && text !== formatNumber(0, decimals) ? `+${text}` : text;
}

/** A change of the index, in points (`+1,25`). */
export const formatPointsChange = (value: number | null): string => formatSigned(value, 2);

/** A change of a share, in percentage points (`+5,0`). */
export const formatShareChange = (value: number | null): string =>
  value === null ? NO_FIGURE : formatSigned(value * 100, 1);

/** A relative change (`+12,5%`). */
export const formatRelativeChange = (value: number | null): string =>
  value === null ? NO_FIGURE : `${formatSigned(value * 100, 1)}%`;

/** Places gained or lost in the ranking (`+3`, `−2`, `0`). */
export const formatRankChange = (value: number | null): string => formatSigned(value, 0);

/** The average rating (`4,52`). */
export const formatAverage = (value: number | null): string => formatNumber(value, 2);

const WORKING_TIME_WORDS = {
  vi: { over: 'trên 30 ngày', under: 'dưới 30 phút', hours: 'giờ', days: 'ngày' },
  en: { over: 'over 30 days', under: 'under 30 min', hours: 'h', days: 'd' },
} as const;

/**
 * A median processing time in office time: hours under a working day (`3 giờ`, `dưới 30 phút`),
 * working days beyond (`1,5 ngày`, `12 ngày`), `trên 30 ngày` past the last class.
 */
export function formatWorkingTime(median: WorkingTimeMedian | null, language: ReportLanguage = 'vi'): string {
  const words = WORKING_TIME_WORDS[language];
  if (median === null) return NO_FIGURE;
  if (median.over) return words.over;
  if (median.minutes === 0) return words.under;
  if (median.minutes < WORKING_DAY_MINUTES) return `${formatNumber(median.minutes / 60, 0)} ${words.hours}`;
  const days = median.minutes / WORKING_DAY_MINUTES;
  return `${formatNumber(days, Number.isInteger(days) ? 0 : 1)} ${words.days}`;
}

/** A median processing time in working hours, as a number (the spreadsheet's cell). */
export function workingTimeHours(median: WorkingTimeMedian | null): number | null {
  return median === null ? null : median.minutes / 60;
}

const vietnamParts = (iso: string) => new Date(Date.parse(iso) + VIETNAM_UTC_OFFSET_MS).toISOString();

/** `2026-10-05` as `05/10/2026`. */
export function formatDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** An instant as Vietnam time, `06/12/2026 14:05`. */
export function formatDateTime(iso: string): string {
  const local = vietnamParts(iso);
  return `${formatDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'];

/** A period as a report's title names it: `Tháng 10/2026`, `Quý IV/2026`, `Năm 2026`, … (`Month 10/2026` in English). */
export function formatPeriod(period: Period, language: ReportLanguage = 'vi'): string {
  const year = period.from.slice(0, 4);
  const from = formatDate(period.from);
  const to = formatDate(period.to);
  const en = language === 'en';
  switch (period.kind) {
    case 'day':
      return `${en ? 'Day' : 'Ngày'} ${from}`;
    case 'week':
      return `${en ? 'Week' : 'Tuần'} ${period.label.slice(6)}/${period.label.slice(0, 4)} (${from} – ${to})`;
    case 'month':
      return `${en ? 'Month' : 'Tháng'} ${period.from.slice(5, 7)}/${year}`;
    case 'quarter':
      return `${en ? 'Quarter' : 'Quý'} ${ROMAN_QUARTERS[Number(period.label.slice(6)) - 1]}/${year}`;
    case 'year':
      return `${en ? 'Year' : 'Năm'} ${year}`;
    case 'ytd':
      return en ? `Year to date, ${from} to ${to}` : `Lũy kế từ ${from} đến ${to}`;
    case 'custom':
      return en ? `${from} to ${to}` : `Từ ${from} đến ${to}`;
  }
}
