import type { DossierListFilter, Route } from '../../router/routes';
import type { KpiTileId } from '../kpi-tiles/prepareKpiTiles';

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a Vietnam date `days` before `today` (also `YYYY-MM-DD`). */
function daysBefore(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The list behind a headline figure, filtered the way the figure counts: "Quá hạn" opens the
 * overdue dossiers, "Tiếp nhận hôm nay" today's receipts, "Đúng hạn (30 ngày)" the dossiers
 * resolved in those 30 days... Null for a figure that counts no dossiers (the rating).
 */
export function kpiListRoute(id: KpiTileId, unitCode: string | null, today: string): Route | null {
  const scope: DossierListFilter = unitCode === null ? {} : { unit: unitCode };
  const list = (filter: DossierListFilter): Route => ({
    screen: 'dossiers',
    filter: { ...scope, ...filter },
  });
  switch (id) {
    case 'backlog':
      return list({ status: 'open' });
    case 'overdue':
      return list({ status: 'overdue' });
    case 'dueSoon':
      return list({ status: 'due-soon' });
    case 'receivedToday':
      return list({ received: today });
    case 'resolvedToday':
      return list({ resolved: today, status: 'resolved' });
    case 'onTimeRate30d':
      return list({ resolved: `${daysBefore(today, 29)}..${today}`, status: 'resolved' });
    case 'rating':
      return null;
  }
}

/** A field of a unit: its open work, or its overdue dossiers. */
export function fieldListRoute(unitCode: string, field: string, status: 'open' | 'overdue'): Route {
  return { screen: 'dossiers', filter: { unit: unitCode, field, status } };
}
