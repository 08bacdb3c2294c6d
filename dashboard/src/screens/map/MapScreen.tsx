import type { LiveFigures } from '@ioc/shared';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/messages';
import { figuresByCode, overdueShare, unitMetricsOf, type UnitLiveMetrics } from '../../live/entries';
import { useFiguresPanelState } from '../../live/panelState';
import { useLiveScope } from '../../live/useLive';
import { AlertBanner } from '../../panels/alert-banner/AlertBanner';
import { Trends } from '../../panels/trends/Trends';
import {
  MAP_FIGURE_DEFINITIONS,
  prepareUnitMap,
  unitsNeedingAttention,
} from '../../panels/unit-map/prepareUnitMap';
import { UnitMap } from '../../panels/unit-map/UnitMap';
import { MAP_FIGURES, type MapFigure } from '../../router/routes';
import { useDisplay } from '../../router/useAppLocation';
import { Panel } from '../../ui/Panel';
import { RouteLink } from '../../ui/RouteLink';
import { formatCount, formatRating, formatShare } from '../../format/figures';
import { FORMER_PROVINCES, formerProvinceBySlug, type FormerProvinceSlug } from '../../units/formerProvinces';
import { useUnitDirectory } from '../../units/UnitsContext';
import layout from '../../ui/layout.module.css';
import { BAND_CLASSES, NO_DATA_CLASS, NOTHING_OPEN_CLASS } from '../../ui/bands';
import dataTable from '../../ui/dataTable.module.css';
import styles from './MapScreen.module.css';

const FIGURE_KEYS: Record<MapFigure, MessageKey> = {
  'overdue-share': 'map.figure.overdue-share',
  overdue: 'map.figure.overdue',
  backlog: 'map.figure.backlog',
  'received-today': 'map.figure.received-today',
  'on-time-30d': 'map.figure.on-time-30d',
  'rating-30d': 'map.figure.rating-30d',
};
const TOP_UNITS = 10;

/** The province (or one former province) on the map, coloured by a figure chosen in the URL. */
export default function MapScreen({ figure, area }: { figure: MapFigure; area: FormerProvinceSlug | null }) {
  const { t } = useI18n();
  const { kiosk } = useDisplay();
  const { units } = useUnitDirectory();
  const province = useLiveScope('province');
  const entries = province.data?.entries;
  const metrics = useMemo(
    () => (entries ? unitMetricsOf(entries) : new Map<string, UnitLiveMetrics>()),
    [entries],
  );
  const areas = useMemo(
    () => (entries ? figuresByCode(entries, 'former-province') : new Map<string, LiveFigures>()),
    [entries],
  );
  const areaName = area === null ? null : (formerProvinceBySlug(area)?.name ?? null);
  const figureLabel = t(FIGURE_KEYS[figure]);
  const view = useMemo(
    () =>
      prepareUnitMap(
        areaName === null ? units : units.filter((unit) => unit.formerProvince === areaName),
        metrics,
        figure,
      ),
    [units, metrics, figure, areaName],
  );
  const worst = useMemo(() => unitsNeedingAttention(view, figure, TOP_UNITS), [view, figure]);
  const state = useFiguresPanelState(province);
  const title = areaName === null ? t('map.title') : t('map.titleArea', { province: areaName });

  return (
    <main className={layout.screen} data-testid="map-screen">
      <AlertBanner />
      <div className={styles.main}>
        <Panel title={`${title} — ${figureLabel}`} state={state} testId="map-panel">
          <UnitMap view={view} area={area} figureLabel={figureLabel} />
        </Panel>
        <div className={styles.side}>
          <Panel title={t('map.legend')} testId="map-legend">
            {!kiosk && (
              <nav className={styles.picker} aria-label={t('map.figure')} data-testid="map-figures">
                {MAP_FIGURES.map((option) => (
                  <RouteLink
                    key={option}
                    route={{ screen: 'map', figure: option, area }}
                    className={styles.choice}
                    aria-current={option === figure}
                  >
                    {t(FIGURE_KEYS[option])}
                  </RouteLink>
                ))}
              </nav>
            )}
            <div className={styles.legend}>
              {view.scale.labels.map((label, band) => (
                <span key={label}>
                  <span className={`${styles.swatch} ${BAND_CLASSES[band]}`} />
                  {label}
                </span>
              ))}
              <span>
                <span className={`${styles.swatch} ${NOTHING_OPEN_CLASS}`} />
                {t(figure === 'overdue-share' ? 'map.nothingOpen' : 'map.noValue')}
              </span>
              <span>
                <span className={`${styles.swatch} ${NO_DATA_CLASS}`} />
                {t('grid.noData')}
              </span>
              <span>
                <span className={`${styles.swatch} ${styles.silent}`} />
                {t('grid.silent')}
              </span>
            </div>
          </Panel>
          <Panel title={t('map.areas')} state={state} testId="map-areas">
            <table className={dataTable.table}>
              <thead>
                <tr>
                  <th>{t('map.area')}</th>
                  <th>{t('map.figure.backlog')}</th>
                  <th>{t('map.figure.overdue')}</th>
                  <th>{t('map.figure.overdue-share')}</th>
                  <th>{t('map.figure.received-today')}</th>
                  <th>{t('map.figure.on-time-30d')}</th>
                  <th>{t('map.figure.rating-30d')}</th>
                </tr>
              </thead>
              <tbody>
                {FORMER_PROVINCES.map((former) => {
                  const figures = areas.get(former.name);
                  return (
                    <tr key={former.slug} className={former.slug === area ? styles.current : undefined}>
                      <td>
                        <RouteLink
                          route={{ screen: 'map', figure, area: former.slug }}
                          className={styles.areaLink}
                        >
                          {former.name}
                        </RouteLink>
                      </td>
                      <td>{figures ? formatCount(figures.backlog) : '—'}</td>
                      <td>{figures ? formatCount(figures.overdue) : '—'}</td>
                      <td>{figures ? formatShare(overdueShare(figures)) : '—'}</td>
                      <td>{figures ? formatCount(figures.receivedToday) : '—'}</td>
                      <td>{figures ? formatShare(figures.onTimeRate30d) : '—'}</td>
                      <td>{figures ? formatRating(figures.ratingAverage30d) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Panel>
          <Panel title={t('map.worst', { figure: figureLabel })} state={state} testId="map-worst">
            <ol className={styles.top}>
              {worst.map((region) => (
                <li key={region.code}>
                  <RouteLink route={{ screen: 'unit', unitCode: region.code }} className={styles.topItem}>
                    <span className={styles.topName}>{region.name}</span>
                    <span className={styles.topValue}>
                      {MAP_FIGURE_DEFINITIONS[figure].format(region.value)}
                    </span>
                  </RouteLink>
                </li>
              ))}
            </ol>
          </Panel>
          <Trends unitCode={null} />
        </div>
      </div>
    </main>
  );
}
