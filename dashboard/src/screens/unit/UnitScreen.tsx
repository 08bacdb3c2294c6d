import { kpiComparisonSchema, type LiveFigures } from '@ioc/shared';
import { useMemo } from 'react';
import { canSeeDossiers } from '../../access/capabilities';
import { useSignedIn } from '../../access/PrincipalContext';
import { useResource } from '../../api/useResource';
import { useNow } from '../../clock/useNow';
import { vietnamDate } from '../../format/vietnamTime';
import { kpiListRoute } from '../../panels/dossier-list/listRoutes';
import type { KpiTileId } from '../../panels/kpi-tiles/prepareKpiTiles';
import { useI18n } from '../../i18n/I18nContext';
import { figuresByCode, unitFiguresOf } from '../../live/entries';
import { useFiguresPanelState, useWholePanelState } from '../../live/panelState';
import { useLiveScope } from '../../live/useLive';
import { AlertBanner } from '../../panels/alert-banner/AlertBanner';
import { Feedback } from '../../panels/feedback/Feedback';
import { KpiTiles } from '../../panels/kpi-tiles/KpiTiles';
import { Trends } from '../../panels/trends/Trends';
import { UnitFields } from '../../panels/unit-fields/UnitFields';
import { UnitIndexPanel } from '../../panels/unit-index/UnitIndexPanel';
import { RouteLink } from '../../ui/RouteLink';
import { StatusView } from '../../ui/StatusView';
import { FORMER_PROVINCES } from '../../units/formerProvinces';
import { useUnitDirectory } from '../../units/UnitsContext';
import layout from '../../ui/layout.module.css';
import styles from './UnitScreen.module.css';

const COMPARISON_REFRESH_MS = 60_000;

/** One unit: its figures live (scope `unit:X`), per field, its index this month, its trends. */
export default function UnitScreen({ unitCode }: { unitCode: string }) {
  const { t } = useI18n();
  const { byCode } = useUnitDirectory();
  const unit = byCode.get(unitCode);
  if (!unit)
    return <StatusView error headline={t('unit.unknown', { code: unitCode })} testId="unit-unknown" />;
  return <KnownUnitScreen unitCode={unitCode} />;
}

function KnownUnitScreen({ unitCode }: { unitCode: string }) {
  const { t, language } = useI18n();
  const unit = useUnitDirectory().byCode.get(unitCode)!;
  const scope = useLiveScope(`unit:${unitCode}`);
  const ranking = useLiveScope('ranking');
  const comparison = useResource(`/api/v1/kpi-comparison?unit=${unitCode}`, kpiComparisonSchema, {
    refreshMs: COMPARISON_REFRESH_MS,
  });
  const entries = scope.data?.entries;
  const figures = useMemo(() => (entries ? unitFiguresOf(entries, unitCode) : null), [entries, unitCode]);
  const fields = useMemo(
    () => (entries ? figuresByCode(entries, 'field') : new Map<string, LiveFigures>()),
    [entries],
  );
  const indexEntry = ranking.update?.ranking.units.find((entry) => entry.unitCode === unitCode) ?? null;
  const rankedUnits = ranking.update?.ranking.units.filter((entry) => entry.rank !== null).length ?? 0;
  const { principal } = useSignedIn();
  const showDossiers = canSeeDossiers(principal);
  const today = vietnamDate(useNow(60_000));
  const linkOf = useMemo(
    () => (showDossiers ? (id: KpiTileId) => kpiListRoute(id, unitCode, today) : undefined),
    [showDossiers, unitCode, today],
  );
  const state = useFiguresPanelState(scope);
  const rankingState = useWholePanelState(ranking);
  const area = FORMER_PROVINCES.find((province) => province.name === unit.formerProvince);

  return (
    <main className={layout.screen} data-testid="unit-screen" data-unit-code={unitCode}>
      <AlertBanner />
      <div className={styles.heading}>
        <ol className={styles.breadcrumb} aria-label={t('unit.breadcrumb')}>
          <li>
            <RouteLink route={{ screen: 'operations' }} className={styles.crumb}>
              {t('ranking.province')}
            </RouteLink>
          </li>
          <li>
            {area ? (
              <RouteLink
                route={{ screen: 'map', figure: 'overdue-share', area: area.slug }}
                className={styles.crumb}
              >
                {t('grid.formerProvince', { province: unit.formerProvince })}
              </RouteLink>
            ) : (
              t('grid.formerProvince', { province: unit.formerProvince })
            )}
          </li>
        </ol>
        <h2 className={styles.name} data-testid="unit-name">
          {unit.name}
        </h2>
        <span className={styles.meta}>
          {language === 'vi' ? unit.type : unit.typeEn} · {unit.code} ·{' '}
          {t('unit.mergedFrom', { units: unit.mergedFrom })}
        </span>
        {showDossiers && (
          <RouteLink
            route={{ screen: 'processing-times', query: { unit: unitCode } }}
            className={styles.toTimes}
            testId="unit-processing-times"
          >
            {t('processing.link')}
          </RouteLink>
        )}
      </div>
      {figures === null ? (
        <StatusView
          headline={t('status.connecting')}
          detail={scope.refusal ?? t('status.connectingDetail')}
        />
      ) : (
        <>
          <KpiTiles figures={figures} comparison={comparison.data} linkOf={linkOf} testIdPrefix="unit-kpi" />
          <div className={styles.main}>
            <div className={styles.column}>
              <UnitFields fields={fields} state={state} unitCode={showDossiers ? unitCode : null} />
              <UnitIndexPanel
                entry={indexEntry}
                period={ranking.update?.ranking.period.label ?? ''}
                rankedUnits={rankedUnits}
                state={rankingState}
                whyLost={
                  showDossiers && ranking.update
                    ? {
                        screen: 'lost-points',
                        unitCode,
                        indicator: null,
                        period: ranking.update.ranking.period.label,
                        page: 1,
                      }
                    : null
                }
              />
            </div>
            <div className={styles.side}>
              <Feedback figures={figures} state={state} testId="unit-feedback" />
              <Trends unitCode={unitCode} />
            </div>
          </div>
        </>
      )}
    </main>
  );
}
