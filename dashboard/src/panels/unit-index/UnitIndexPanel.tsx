import type { RankingEntry } from '@ioc/shared';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { Panel, type PanelState } from '../../ui/Panel';
import type { Route } from '../../router/routes';
import { RouteLink } from '../../ui/RouteLink';
import { formatPoints } from '../ranking/prepareRanking';
import styles from './UnitIndexPanel.module.css';

/** The unit's line of the live ranking: its service index this month, its rank, its groups. */
export function UnitIndexPanel({
  entry,
  period,
  rankedUnits,
  state,
  whyLost,
}: {
  entry: RankingEntry | null;
  period: string;
  rankedUnits: number;
  state: PanelState;
  /** Where the points it lost are listed, dossier by dossier (null for a reader who may not see dossiers). */
  whyLost: Route | null;
}) {
  const { t } = useI18n();
  const shown: PanelState =
    state.kind === 'ready' && entry === null ? { kind: 'empty', message: t('unit.noIndex') } : state;
  const change = entry?.rankChange ?? null;
  return (
    <Panel title={t('unit.index', { period })} state={shown} testId="unit-index">
      {entry && (
        <div className={styles.layout}>
          <div className={styles.headline}>
            <span className={styles.total} data-testid="unit-index-total">
              {formatPoints(entry.total)}
            </span>
            <span className={styles.muted}>/ 100</span>
            <span className={styles.rank}>
              {entry.rank === null
                ? t(entry.total === null ? 'ranking.noDossiersTag' : 'ranking.lowVolumeTag')
                : t('unit.rank', { rank: entry.rank, of: rankedUnits })}
            </span>
            {change !== null && change !== 0 && (
              <span className={change > 0 ? styles.up : styles.down}>
                {change > 0 ? `▲${change}` : `▼${-change}`}
              </span>
            )}
            <RouteLink route={{ screen: 'ranking', period: null, page: 1 }} className={styles.muted}>
              {t('unit.toRanking')}
            </RouteLink>
            {whyLost && entry.total !== null && (
              <RouteLink route={whyLost} className={styles.muted} testId="unit-why-lost">
                {t('unit.whyLost')}
              </RouteLink>
            )}
          </div>
          <div className={styles.groups}>
            {entry.groups.map((group) => (
              <span key={group.id} className={styles.group}>
                <span>{t(`group.${group.id}` as MessageKey)}</span>
                <span className={styles.points}>
                  {entry.total === null ? '—' : formatPoints(group.points)} / {formatPoints(group.maxPoints)}
                </span>
              </span>
            ))}
          </div>
        </div>
      )}
    </Panel>
  );
}
