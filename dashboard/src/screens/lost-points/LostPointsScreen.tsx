import {
  formatInteger,
  formatPeriod,
  lostPointDossiersSchema,
  parsePeriodLabel,
  periodQueryString,
  unitIndexSchema,
} from '@ioc/shared';
import { useMemo } from 'react';
import { useResource } from '../../api/useResource';
import { fieldLabel } from '../../i18n/fieldLabel';
import { useI18n } from '../../i18n/I18nContext';
import { Breadcrumb } from '../../ui/Breadcrumb';
import { RouteLink } from '../../ui/RouteLink';
import { StatusView } from '../../ui/StatusView';
import { useUnitDirectory } from '../../units/UnitsContext';
import layout from '../../ui/layout.module.css';
import table from '../../ui/dataTable.module.css';
import { indicatorChoices, prepareLostDossiers } from './prepareLostPoints';
import styles from './LostPointsScreen.module.css';

/** Rows a page of the list holds. */
export const LOST_POINTS_PAGE = 100;

/**
 * Why a unit lost points in a period (`/units/24781/lost-points?indicator=on-time&period=2026-10`):
 * its indicators, most points lost first, and for the chosen one the dossiers (or ratings) that
 * cost them, each a link to the dossier. What a meeting report's "movers and why" opens.
 */
export default function LostPointsScreen({
  unitCode,
  indicator,
  period: label,
  page,
}: {
  unitCode: string;
  indicator: string | null;
  period: string;
  page: number;
}) {
  const { t, language } = useI18n();
  const { byCode } = useUnitDirectory();
  const period = useMemo(() => parsePeriodLabel(label), [label]);
  const periodQuery = typeof period === 'string' ? null : periodQueryString(period);
  const offset = (page - 1) * LOST_POINTS_PAGE;
  const index = useResource(periodQuery && `/api/v1/units/${unitCode}/index?${periodQuery}`, unitIndexSchema);
  const choices = useMemo(
    () => (index.data ? indicatorChoices(index.data, language) : []),
    [index.data, language],
  );
  // Without one named, the indicator that cost the unit most.
  const shown = indicator ?? choices[0]?.id ?? null;
  const lost = useResource(
    periodQuery !== null && shown !== null
      ? `/api/v1/units/${unitCode}/index/lost-dossiers?${periodQuery}` +
          `&indicator=${encodeURIComponent(shown)}&limit=${LOST_POINTS_PAGE}&offset=${offset}`
      : null,
    lostPointDossiersSchema,
  );
  const rows = useMemo(
    () => (lost.data ? prepareLostDossiers(lost.data.items, offset) : []),
    [lost.data, offset],
  );
  const unitName = byCode.get(unitCode)?.name ?? unitCode;

  if (typeof period === 'string') {
    return <StatusView error headline={t('lost.badPeriod')} detail={period} testId="lost-bad-period" />;
  }
  const chosen = choices.find((choice) => choice.id === shown) ?? null;
  const total = lost.data?.total ?? null;
  const pages = total === null ? 1 : Math.max(1, Math.ceil(total / LOST_POINTS_PAGE));
  const pageRoute = (to: number) =>
    ({ screen: 'lost-points', unitCode, indicator: shown, period: label, page: to }) as const;

  return (
    <main className={layout.screen} data-testid="lost-points-screen">
      <Breadcrumb
        crumbs={[
          { label: t('ranking.province'), route: { screen: 'operations' } },
          { label: unitName, route: { screen: 'unit', unitCode } },
          { label: t('lost.crumb', { period: formatPeriod(period, language) }), route: null },
        ]}
      />
      <div className={styles.layout}>
        <nav className={styles.indicators} aria-label={t('lost.indicators')}>
          {index.status === 'loading' && <StatusView headline={t('panel.loading')} />}
          {index.data === null && index.status === 'error' && (
            <StatusView error headline={t('panel.error')} detail={index.error} onRetry={index.retry} />
          )}
          {choices.map((choice) => (
            <RouteLink
              key={choice.id}
              route={{ screen: 'lost-points', unitCode, indicator: choice.id, period: label, page: 1 }}
              className={styles.indicator}
              aria-current={choice.id === shown ? 'page' : undefined}
              testId={`indicator-${choice.id}`}
            >
              <span className={styles.indicatorName}>{choice.name}</span>
              <span className={styles.muted}>
                {choice.points} · {choice.rate}
              </span>
            </RouteLink>
          ))}
        </nav>
        <section className={styles.list}>
          <h2 className={styles.title} data-testid="lost-title">
            {chosen?.name ?? shown}
            {total !== null && (
              <span className={styles.muted}> — {t('lost.count', { count: formatInteger(total) })}</span>
            )}
          </h2>
          {chosen && (
            <p className={styles.muted}>
              {chosen.group} · {t('lost.points', { points: chosen.points, rate: chosen.rate })}
            </p>
          )}
          {lost.status === 'loading' ? (
            <StatusView headline={t('panel.loading')} />
          ) : lost.data === null ? (
            <StatusView
              error
              headline={t('panel.error')}
              detail={lost.error ?? undefined}
              onRetry={lost.retry}
            />
          ) : rows.length === 0 ? (
            <StatusView headline={t('lost.none')} testId="lost-none" />
          ) : (
            <div className={styles.tableBox}>
              <table className={table.table} data-testid="lost-table">
                <thead>
                  <tr>
                    <th>{t('dossiers.column.code')}</th>
                    <th className={styles.text}>{t('unit.field')}</th>
                    <th>{t('dossiers.column.received')}</th>
                    <th>{t('dossiers.column.due')}</th>
                    <th>{t('lost.column.resolved')}</th>
                    <th className={styles.text}>{t('lost.column.reason')}</th>
                    <th>{t('dossiers.column.rating')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.key} data-dossier={row.dossierCode ?? ''}>
                      <td>
                        {row.dossierCode === null ? (
                          t('lost.ratingOnly')
                        ) : (
                          <RouteLink route={{ screen: 'dossier', unitCode, code: row.dossierCode }}>
                            {row.dossierCode}
                          </RouteLink>
                        )}
                      </td>
                      <td className={styles.text}>{row.field === null ? '' : fieldLabel(row.field, t)}</td>
                      <td>{row.received}</td>
                      <td>{row.due}</td>
                      <td>{row.resolved}</td>
                      <td className={styles.text}>{t(row.reason)}</td>
                      <td>{row.rating}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && (
            <div className={styles.pager}>
              {page > 1 && <RouteLink route={pageRoute(page - 1)}>{t('lost.previousPage')}</RouteLink>}
              <span className={styles.muted}>
                {page} / {pages}
              </span>
              {page < pages && <RouteLink route={pageRoute(page + 1)}>{t('lost.nextPage')}</RouteLink>}
            </div>
          )}
        </section>
      </div>
    </main>
  );
}
