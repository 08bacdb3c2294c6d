import type { WallFeed } from '@ioc/shared';
import { useMemo } from 'react';
import { canSeeDossiers } from '../../access/capabilities';
import { useSignedIn } from '../../access/PrincipalContext';
import { useI18n } from '../../i18n/I18nContext';
import type { UnitLiveMetrics } from '../../live/entries';
import { Panel, type PanelState } from '../../ui/Panel';
import { RouteLink } from '../../ui/RouteLink';
import { useUnitDirectory } from '../../units/UnitsContext';
import fresh from '../../ui/Fresh.module.css';
import styles from './LateDossiers.module.css';
import { prepareTicker, prepareWorstUnits, type TickerItemView } from './prepareLateDossiers';
import { useFreshKeys } from './useFreshKeys';

function Ticker({
  title,
  items,
  testId,
  empty,
}: {
  title: string;
  /** Null while the feed has not arrived. */
  items: TickerItemView[] | null;
  testId: string;
  empty: string;
}) {
  const showDossiers = canSeeDossiers(useSignedIn().principal);
  const arrived = useFreshKeys(items?.map((item) => item.key) ?? null);
  return (
    <div className={styles.ticker}>
      <h3 className={styles.listTitle}>{title}</h3>
      {items === null ? null : items.length === 0 ? (
        <p className={styles.none}>{empty}</p>
      ) : (
        <ul className={styles.list} data-testid={testId}>
          {items.map((item) => (
            <li key={item.key} className={arrived.has(item.key) ? fresh.fresh : undefined}>
              <RouteLink
                route={
                  showDossiers
                    ? { screen: 'dossier', unitCode: item.unitCode, code: item.dossierCode }
                    : { screen: 'unit', unitCode: item.unitCode }
                }
                className={styles.item}
                title={`${item.dossierCode} · ${item.procedure}`}
                data-dossier-code={item.dossierCode}
              >
                <span className={styles.time}>{item.resolved ?? item.due}</span>
                <span className={styles.unit}>{item.unitName}</span>
                <span className={styles.procedure}>{item.procedure}</span>
              </RouteLink>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export interface LateDossiersProps {
  feed: WallFeed | null;
  metrics: ReadonlyMap<string, UnitLiveMetrics>;
  state: PanelState;
}

/** Who is late right now: the dossiers that just turned overdue or were resolved late, and the units most behind. */
export function LateDossiers({ feed, metrics, state }: LateDossiersProps) {
  const { t } = useI18n();
  const { byCode } = useUnitDirectory();
  const turned = useMemo(
    () => (feed ? prepareTicker(feed.turnedOverdue, byCode, t('late.unknownProcedure')) : null),
    [feed, byCode, t],
  );
  const resolved = useMemo(
    () => (feed ? prepareTicker(feed.resolvedLate, byCode, t('late.unknownProcedure')) : null),
    [feed, byCode, t],
  );
  const worst = useMemo(() => prepareWorstUnits(metrics, byCode), [metrics, byCode]);
  return (
    <Panel title={t('late.title')} aside={t('late.subtitle')} state={state} testId="late-dossiers">
      <div className={styles.columns}>
        <Ticker
          title={t('late.turnedOverdue')}
          items={turned}
          testId="turned-overdue"
          empty={t('late.noneTurned')}
        />
        <Ticker
          title={t('late.resolvedLate')}
          items={resolved}
          testId="resolved-late"
          empty={t('late.noneResolved')}
        />
        <div className={styles.worst} data-testid="worst-units">
          <h3 className={`${styles.listTitle} ${styles.worstTitle}`}>{t('late.worstUnits')}</h3>
          {worst.length === 0 && <p className={styles.none}>{t('late.noneOverdue')}</p>}
          {worst.map((unit) => (
            <RouteLink
              key={unit.unitCode}
              route={{ screen: 'unit', unitCode: unit.unitCode }}
              className={styles.worstUnit}
            >
              <span className={styles.worstName}>{unit.unitName}</span>
              <span className={styles.worstCount}>
                {unit.overdue} · {unit.share}
              </span>
              <span className={styles.bar} style={{ width: `${Math.round(unit.bar * 100)}%` }} />
            </RouteLink>
          ))}
        </div>
      </div>
    </Panel>
  );
}
