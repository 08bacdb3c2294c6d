import { VIETNAM_UTC_OFFSET_MS } from '@ioc/shared';
import type { Route } from '../../router/routes';

/** `YYYY-MM` of an instant in Vietnam. */
export function vietnamMonth(instantMs: number): string {
  return new Date(instantMs + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 7);
}

const labelOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/**
 * Where the ranking's month arrows lead from a month label (`2026-11`): the month before and the
 * month after, the current month being the live one (`period` null) and nothing after it. Other
 * periods (a quarter, a year) have no arrows.
 */
export function neighbourMonths(
  label: string | null | undefined,
  currentMonth: string,
): { previous: Route | null; next: Route | null } {
  const match = /^(\d{4})-(\d{2})$/.exec(label ?? '');
  if (!match) return { previous: null, next: null };
  const index = Number(match[1]) * 12 + Number(match[2]) - 1;
  const route = (month: string): Route => ({
    screen: 'ranking',
    period: month === currentMonth ? null : month,
    page: 1,
  });
  const next = labelOf(index + 1);
  return { previous: route(labelOf(index - 1)), next: next > currentMonth ? null : route(next) };
}
