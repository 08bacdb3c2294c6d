import { backlogHistorySchema, dailyFlowSchema } from '@ioc/shared';
import { memo, useMemo } from 'react';
import { resourcePanelState } from '../../api/resourcePanelState';
import { useResource } from '../../api/useResource';
import { useI18n } from '../../i18n/I18nContext';
import { EChart } from '../../ui/charts/EChart';
import { Panel } from '../../ui/Panel';
import { useRemPx } from '../../ui/useRemPx';
import { prepareBacklogTrend, prepareDailyFlow, type TrendLabels } from './prepareTrends';
import styles from './Trends.module.css';

/** The trends change slowly: fetched again every five minutes, as the backlog is sampled. */
const REFRESH_MS = 5 * 60_000;
export const BACKLOG_TREND_DAYS = 90;
export const DAILY_FLOW_DAYS = 30;

/**
 * Is anything getting worse? Open and overdue work over 90 days, and what came in and went out
 * each day. Fed by REST, not by the live deltas: memoised so the screen's deltas pass it by.
 */
export const Trends = memo(function Trends({ unitCode }: { unitCode: string | null }) {
  const { t } = useI18n();
  const rem = useRemPx();
  const unitQuery = unitCode === null ? '' : `&unit=${unitCode}`;
  const history = useResource(
    `/api/v1/backlog-history?days=${BACKLOG_TREND_DAYS}${unitQuery}`,
    backlogHistorySchema,
    {
      refreshMs: REFRESH_MS,
    },
  );
  const flow = useResource(`/api/v1/daily-flow?days=${DAILY_FLOW_DAYS}${unitQuery}`, dailyFlowSchema, {
    refreshMs: REFRESH_MS,
  });
  const labels: TrendLabels = useMemo(
    () => ({
      backlog: t('trends.backlog'),
      overdue: t('trends.overdue'),
      received: t('trends.received'),
      resolved: t('trends.resolved'),
    }),
    [t],
  );
  const backlogOption = useMemo(
    () => (history.data ? prepareBacklogTrend(history.data, labels, rem) : null),
    [history.data, labels, rem],
  );
  const flowOption = useMemo(
    () => (flow.data ? prepareDailyFlow(flow.data, labels, rem) : null),
    [flow.data, labels, rem],
  );
  const retry = () => {
    history.retry();
    flow.retry();
  };
  return (
    <Panel
      title={t('trends.title')}
      aside={t('trends.subtitle', { days: BACKLOG_TREND_DAYS, flowDays: DAILY_FLOW_DAYS })}
      state={resourcePanelState<unknown>([history, flow], retry)}
      testId="trends"
    >
      <div className={styles.charts}>
        <div
          className={styles.chart}
          data-testid="backlog-trend"
          data-points={history.data?.points.length ?? 0}
        >
          {backlogOption && history.data && history.data.points.length >= 2 ? (
            <EChart option={backlogOption} ariaLabel={t('trends.backlogAria')} />
          ) : (
            <p className={styles.empty}>{t('trends.noSamples')}</p>
          )}
        </div>
        <div className={styles.chart} data-testid="daily-flow" data-days={flow.data?.days.length ?? 0}>
          {flowOption && <EChart option={flowOption} ariaLabel={t('trends.flowAria')} />}
        </div>
      </div>
    </Panel>
  );
});
