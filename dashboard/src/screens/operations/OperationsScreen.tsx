import { kpiComparisonSchema } from '@ioc/shared';
import { useMemo } from 'react';
import { canSeeDossiers } from '../../access/capabilities';
import { useSignedIn } from '../../access/PrincipalContext';
import { useResource } from '../../api/useResource';
import { useNow } from '../../clock/useNow';
import { vietnamDate } from '../../format/vietnamTime';
import { kpiListRoute } from '../../panels/dossier-list/listRoutes';
import type { KpiTileId } from '../../panels/kpi-tiles/prepareKpiTiles';
import { useI18n } from '../../i18n/I18nContext';
import { provinceFiguresOf, unitMetricsOf, type UnitLiveMetrics } from '../../live/entries';
import { useFiguresPanelState, useWholePanelState } from '../../live/panelState';
import { useLiveScope } from '../../live/useLive';
import { AlertBanner } from '../../panels/alert-banner/AlertBanner';
import { Feedback } from '../../panels/feedback/Feedback';
import { KpiTiles } from '../../panels/kpi-tiles/KpiTiles';
import { LateDossiers } from '../../panels/late-dossiers/LateDossiers';
import { Trends } from '../../panels/trends/Trends';
import { UnitGrid } from '../../panels/unit-grid/UnitGrid';
import { StatusView } from '../../ui/StatusView';
import { useUnitDirectory } from '../../units/UnitsContext';
import layout from '../../ui/layout.module.css';
import styles from './OperationsScreen.module.css';

/** The comparison's moments move with the clock: fetched again every minute. */
const COMPARISON_REFRESH_MS = 60_000;

/**
 * The wall's first screen: what needs a leader now, the province's headline figures, all 124
 * units coloured by how much of their work is overdue, who is late, what citizens say, trends.
 */
export function OperationsScreen() {
  const { t } = useI18n();
  const { units } = useUnitDirectory();
  const province = useLiveScope('province');
  const feed = useLiveScope('feed');
  const comparison = useResource('/api/v1/kpi-comparison', kpiComparisonSchema, {
    refreshMs: COMPARISON_REFRESH_MS,
  });
  const entries = province.data?.entries;
  const metrics = useMemo(
    () => (entries ? unitMetricsOf(entries) : new Map<string, UnitLiveMetrics>()),
    [entries],
  );
  const figures = useMemo(() => (entries ? provinceFiguresOf(entries) : null), [entries]);
  const { principal } = useSignedIn();
  const today = vietnamDate(useNow(60_000));
  const linkOf = useMemo(
    () => (canSeeDossiers(principal) ? (id: KpiTileId) => kpiListRoute(id, null, today) : undefined),
    [principal, today],
  );
  const figuresState = useFiguresPanelState(province);
  const feedState = useWholePanelState(feed);

  if (figures === null) {
    return (
      <StatusView
        headline={t('status.connecting')}
        detail={province.refusal ?? t('status.connectingDetail')}
        testId="connecting-view"
      />
    );
  }
  return (
    <main className={layout.screen} data-testid="operations-screen">
      <AlertBanner />
      <KpiTiles figures={figures} comparison={comparison.data} linkOf={linkOf} />
      <div className={styles.main}>
        <UnitGrid units={units} metrics={metrics} state={figuresState} />
        <div className={styles.side}>
          <LateDossiers feed={feed.update?.feed ?? null} metrics={metrics} state={feedState} />
          <Feedback
            figures={figures}
            lowRatings={feed.update?.feed.lowRatings ?? null}
            commentsWithheld={feed.update?.feed.commentsWithheld ?? false}
            state={figuresState}
          />
          <Trends unitCode={null} />
        </div>
      </div>
    </main>
  );
}
