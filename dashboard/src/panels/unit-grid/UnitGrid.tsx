import type { Unit } from '@ioc/shared';
import { memo, useMemo, type CSSProperties } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { UnitLiveMetrics } from '../../live/entries';
import { Panel, type PanelState } from '../../ui/Panel';
import { RouteLink } from '../../ui/RouteLink';
import { BAND_CLASSES, NO_DATA_CLASS, NOTHING_OPEN_CLASS } from '../../ui/bands';
import { theme } from '../../ui/theme';
import { prepareUnitGrid, tileTitle, type UnitTileView } from './prepareUnitGrid';
import styles from './UnitGrid.module.css';

/** Tile columns shared by the three former provinces, side by side: 124 tiles in 10 rows. */
const GRID_COLUMNS = 14;

function tileClass(tile: UnitTileView): string {
  if (tile.state === 'no-data') return `${styles.tile} ${NO_DATA_CLASS}`;
  const colour = tile.band === null ? NOTHING_OPEN_CLASS : BAND_CLASSES[tile.band];
  return `${styles.tile} ${colour} ${tile.state === 'silent' ? styles.silent : ''}`;
}

/** Tiles are flat views: equal fields, equal tile. */
function sameTile(a: UnitTileView, b: UnitTileView): boolean {
  return (Object.keys(a) as (keyof UnitTileView)[]).every((key) => a[key] === b[key]);
}

/**
 * One unit: its name whole, its open dossiers, its overdue ones; a click opens the unit. A delta
 * moves a few units: only their tiles render again, not the 124.
 */
const UnitTile = memo(
  function UnitTile({ tile }: { tile: UnitTileView }) {
    const { t } = useI18n();
    return (
      <RouteLink
        route={{ screen: 'unit', unitCode: tile.code }}
        className={tileClass(tile)}
        title={tileTitle(tile, t)}
        data-unit-code={tile.code}
        data-state={tile.state}
        data-band={tile.band ?? ''}
      >
        <span className={styles.name} data-testid={`unit-name-${tile.code}`}>
          {tile.shortName}
        </span>
        <span className={styles.figures}>
          {tile.state === 'no-data' ? (
            <span className={styles.noDataText}>{t('grid.noData')}</span>
          ) : (
            <>
              <span className={styles.backlog} data-testid={`unit-backlog-${tile.code}`}>
                {tile.backlog}
              </span>
              {tile.state === 'silent' && <span className={styles.silentBadge}>{t('grid.silent')}</span>}
              {tile.overdue !== null && (
                <span
                  className={styles.overdue}
                  data-testid={`unit-overdue-${tile.code}`}
                  title={tile.overdueShare ?? undefined}
                >
                  {tile.overdue}
                </span>
              )}
            </>
          )}
        </span>
      </RouteLink>
    );
  },
  (before, after) => sameTile(before.tile, after.tile),
);

/** The colour scale, read left to right: what a tile's colour means. */
export function OverdueShareLegend() {
  const { t } = useI18n();
  return (
    <span className={styles.legend} data-testid="overdue-share-legend">
      {t('grid.legendShare')}
      {theme.overdueShareBands.map((band, index) => (
        <span key={band.label} className={`${styles.swatch} ${BAND_CLASSES[index]}`}>
          {band.label}
        </span>
      ))}
    </span>
  );
}

export interface UnitGridProps {
  units: readonly Unit[];
  metrics: ReadonlyMap<string, UnitLiveMetrics>;
  state: PanelState;
}

/** All 124 units at once, by former province, coloured by the share of their open work that is overdue. */
export function UnitGrid({ units, metrics, state }: UnitGridProps) {
  const { t } = useI18n();
  const view = useMemo(() => prepareUnitGrid(units, metrics, GRID_COLUMNS), [units, metrics]);
  const groupsStyle: CSSProperties = {
    gridTemplateColumns: view.groups.map((group) => `minmax(0, ${group.columns}fr)`).join(' '),
  };
  const tilesStyle = (columns: number): CSSProperties => ({
    gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
    gridTemplateRows: `repeat(${view.rows}, minmax(0, 1fr))`,
  });
  return (
    <Panel title={t('grid.title')} aside={<OverdueShareLegend />} state={state} testId="unit-grid">
      <div className={styles.groups} style={groupsStyle}>
        {view.groups.map((group) => (
          <section key={group.formerProvince} className={styles.group} aria-label={group.formerProvince}>
            <h3 className={styles.groupTitle}>
              {t('grid.formerProvince', { province: group.formerProvince })}
            </h3>
            <div className={styles.tiles} style={tilesStyle(group.columns)}>
              {group.tiles.map((tile) => (
                <UnitTile key={tile.code} tile={tile} />
              ))}
            </div>
          </section>
        ))}
      </div>
    </Panel>
  );
}
