import { rankingSchema, type Ranking } from '@ioc/shared';
import { useMemo } from 'react';
import { useResource } from '../../api/useResource';
import { useNow } from '../../clock/useNow';
import { useI18n } from '../../i18n/I18nContext';
import { useWholePanelState } from '../../live/panelState';
import { useLiveScope } from '../../live/useLive';
import { prepareRanking } from '../../panels/ranking/prepareRanking';
import { AreaTable, RankingFooter, UnitTables } from '../../panels/ranking/RankingTables';
import { rankingQueryOf } from '../../router/routes';
import { useDisplay } from '../../router/useAppLocation';
import { Panel, type PanelState } from '../../ui/Panel';
import { RouteLink } from '../../ui/RouteLink';
import { RANKING_PAGE_SIZE } from './rankingPages';
import layout from '../../ui/layout.module.css';
import styles from './RankingScreen.module.css';
import { neighbourMonths, vietnamMonth } from './periodNavigation';

const RANKING_COLUMNS = 2;

/** The live current month, or a period of the URL from the API. */
function useRanking(period: string | null): { ranking: Ranking | null; state: PanelState } {
  const live = useLiveScope('ranking');
  const liveState = useWholePanelState(live);
  const fetched = useResource(
    period === null ? null : `/api/v1/rankings?${rankingQueryOf(period)}`,
    rankingSchema,
  );
  if (period === null) return { ranking: live.update?.ranking ?? null, state: liveState };
  if (fetched.status === 'loading') return { ranking: null, state: { kind: 'loading' } };
  if (fetched.data === null)
    return { ranking: null, state: { kind: 'error', message: fetched.error ?? '', onRetry: fetched.retry } };
  return { ranking: fetched.data, state: { kind: 'ready' } };
}

/** The service index of all 124 units, page by page, with the province and former provinces above. */
export default function RankingScreen({ period, page }: { period: string | null; page: number }) {
  const { t } = useI18n();
  const { kiosk } = useDisplay();
  // The current month moves at midnight: a minute's precision is plenty.
  const now = useNow(60_000);
  const { ranking, state } = useRanking(period);
  const view = useMemo(
    () => (ranking ? prepareRanking(ranking, page, RANKING_PAGE_SIZE, RANKING_COLUMNS) : null),
    [ranking, page],
  );
  const label = view?.period ?? period ?? '';
  const months = neighbourMonths(ranking?.period.label ?? period, vietnamMonth(now));
  const title =
    period === null ? t('ranking.titleLive', { period: label }) : t('ranking.title', { period: label });
  const pages = view?.pages ?? 1;

  return (
    <main className={layout.screen} data-testid="ranking-screen" data-period={label}>
      {!kiosk && (
        <nav className={styles.controls} aria-label={t('ranking.periodNav')} data-testid="ranking-controls">
          {months.previous && (
            <RouteLink route={months.previous} className={styles.control} testId="ranking-previous">
              ◀ {t('ranking.previous')}
            </RouteLink>
          )}
          <RouteLink
            route={{ screen: 'ranking', period: null, page: 1 }}
            className={styles.control}
            aria-current={period === null}
          >
            {t('ranking.current')}
          </RouteLink>
          {months.next && (
            <RouteLink route={months.next} className={styles.control} testId="ranking-next">
              {t('ranking.next')} ▶
            </RouteLink>
          )}
          <span className={styles.spacer} />
          {Array.from({ length: pages }, (_, index) => (
            <RouteLink
              key={index}
              route={{ screen: 'ranking', period, page: index + 1 }}
              className={styles.control}
              aria-current={(view?.page ?? 1) === index + 1}
              testId={`ranking-page-${index + 1}`}
            >
              {t('ranking.page', { page: index + 1 })}
            </RouteLink>
          ))}
        </nav>
      )}
      <Panel title={title} aside={t('ranking.subtitle')} state={state} testId="ranking-areas-panel">
        {view && <AreaTable view={view} />}
      </Panel>
      <Panel
        title={t('ranking.units')}
        aside={
          view
            ? t('ranking.range', {
                first: view.first,
                last: view.last,
                total: view.units,
                page: view.page,
                pages: view.pages,
              })
            : undefined
        }
        state={state}
        className={styles.units}
        testId="ranking-units-panel"
      >
        {view && <UnitTables view={view} />}
      </Panel>
      {view && <RankingFooter view={view} />}
    </main>
  );
}
