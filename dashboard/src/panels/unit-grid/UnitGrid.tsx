import type { Unit } from '@ioc/shared';
import type { UnitLiveMetrics } from '../../live/unitMetrics';
import { useMemo, type CSSProperties } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { theme } from '../../theme';
import { Panel } from '../../wall/Panel';
import { prepareUnitGrid, tileTitle, type UnitTileState, type UnitTileView } from './prepareUnitGrid';

// Scrolls only on a screen smaller than the wall's; at 1920×1080 every tile is in view.
const scroller: CSSProperties = { position: 'absolute', inset: 0, overflowY: 'auto' };
const groupsRow = (columns: readonly number[]): CSSProperties => ({
  display: 'grid',
  gridTemplateColumns: columns.map((count) => `minmax(0, ${count}fr)`).join(' '),
  gap: theme.space.lg,
  alignItems: 'start',
});
const groupTitle: CSSProperties = {
  margin: `0 0 ${theme.space.sm}px`,
  fontSize: theme.fontSize.groupTitle,
  fontWeight: theme.font.weightBold,
  color: theme.color.textMuted,
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};
const tileGrid = (columns: number): CSSProperties => ({
  display: 'grid',
  gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
  gap: theme.space.sm,
});
const tileBase: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  justifyContent: 'space-between',
  minWidth: 0,
  minHeight: theme.size.tileMinHeight,
  padding: `${theme.space.xxs}px ${theme.space.sm}px`,
  borderRadius: theme.size.radius,
  background: theme.color.surfaceRaised,
  border: `${theme.size.borderWidth}px solid ${theme.color.border}`,
};
const tileByState: Record<UnitTileState, CSSProperties> = {
  normal: tileBase,
  overdue: {
    ...tileBase,
    background: theme.color.overdueTint,
    border: `${theme.size.alertBorderWidth}px solid ${theme.color.overdue}`,
  },
  // Amber and dashed: figures still shown, but they may be stale. Relative: the badge is placed on it.
  silent: {
    ...tileBase,
    position: 'relative',
    background: theme.color.silentTint,
    border: `${theme.size.silentBorderWidth}px dashed ${theme.color.silent}`,
  },
  'no-data': {
    ...tileBase,
    background: theme.color.noDataTint,
    border: `${theme.size.borderWidth}px dashed ${theme.color.noData}`,
  },
};
// Astride the bottom border, below the figures' baseline: a tile has no spare room for words.
const silentBadge: CSSProperties = {
  position: 'absolute',
  bottom: -theme.size.tileBadgeHeight / 2,
  left: theme.space.xs,
  height: theme.size.tileBadgeHeight,
  lineHeight: `${theme.size.tileBadgeHeight}px`,
  padding: `0 ${theme.space.xs}px`,
  borderRadius: theme.size.tileBadgeHeight / 2,
  fontSize: theme.fontSize.tileBadge,
  fontWeight: theme.font.weightBold,
  whiteSpace: 'nowrap',
  background: theme.color.silent,
  color: theme.color.onAlert,
};
const name: CSSProperties = {
  fontSize: theme.fontSize.tileName,
  color: theme.color.text,
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};
const noDataName: CSSProperties = { ...name, color: theme.color.noData };
const figures: CSSProperties = {
  display: 'flex',
  alignItems: 'baseline',
  justifyContent: 'space-between',
  gap: theme.space.xs,
};
const backlog: CSSProperties = {
  fontSize: theme.fontSize.tileValue,
  fontWeight: theme.font.weightBold,
  fontVariantNumeric: 'tabular-nums',
  lineHeight: theme.lineHeight.tight,
  color: theme.color.text,
};
const overdue: CSSProperties = {
  padding: `0 ${theme.space.xs}px`,
  borderRadius: theme.size.radius / 2,
  fontSize: theme.fontSize.tileDetail,
  fontWeight: theme.font.weightBold,
  fontVariantNumeric: 'tabular-nums',
  background: theme.color.overdue,
  color: theme.color.onAlert,
  whiteSpace: 'nowrap',
};
// Smaller so that "chưa có dữ liệu" fits in full on two lines, in the height of a backlog figure.
const noData: CSSProperties = {
  fontSize: theme.fontSize.tileNoData,
  lineHeight: theme.lineHeight.tight,
  color: theme.color.noData,
  fontStyle: 'italic',
};
const aside: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: theme.space.lg,
  fontSize: theme.fontSize.panelDetail,
  color: theme.color.textMuted,
};
const legendSwatch = (border: string): CSSProperties => ({
  display: 'inline-block',
  width: theme.fontSize.panelDetail,
  height: theme.fontSize.panelDetail,
  marginRight: theme.space.xs,
  verticalAlign: 'middle',
  borderRadius: theme.size.radius / 2,
  border,
});
const overdueSwatch = legendSwatch(`${theme.size.alertBorderWidth}px solid ${theme.color.overdue}`);
const silentSwatch = legendSwatch(`${theme.size.silentBorderWidth}px dashed ${theme.color.silent}`);
const noDataSwatch = legendSwatch(`${theme.size.borderWidth}px dashed ${theme.color.noData}`);

function UnitTile({ tile }: { tile: UnitTileView }) {
  const { t } = useI18n();
  return (
    <div
      data-unit-code={tile.code}
      data-state={tile.state}
      style={tileByState[tile.state]}
      title={tileTitle(tile, t)}
    >
      {tile.state === 'silent' && (
        <span data-testid={`unit-silent-${tile.code}`} style={silentBadge}>
          {t('grid.silent')}
        </span>
      )}
      <div style={tile.state === 'no-data' ? noDataName : name}>{tile.shortName}</div>
      {tile.backlog === null ? (
        <div style={noData}>{t('grid.noData')}</div>
      ) : (
        <div style={figures}>
          <span data-testid={`unit-backlog-${tile.code}`} style={backlog}>
            {tile.backlog}
          </span>
          {/* Just the number, in red: a tile is too narrow for words; the legend says what it means. */}
          {tile.overdue !== null && (
            <span style={overdue} title={t('grid.overdue', { count: tile.overdue })}>
              {tile.overdue}
            </span>
          )}
        </div>
      )}
    </div>
  );
}

export interface UnitGridProps {
  units: readonly Unit[];
  metrics: ReadonlyMap<string, UnitLiveMetrics>;
  style?: CSSProperties;
}

export function UnitGrid({ units, metrics, style }: UnitGridProps) {
  const { t } = useI18n();
  const view = useMemo(() => prepareUnitGrid(units, metrics, theme.size.unitGridColumns), [units, metrics]);
  const legend = (
    <div style={aside}>
      <span>
        <span style={overdueSwatch} />
        {t('grid.legendOverdue')}
      </span>
      <span>
        <span style={silentSwatch} />
        {t('grid.legendSilent')}
      </span>
      <span>
        <span style={noDataSwatch} />
        {t('grid.legendNoData')}
      </span>
      <span data-testid="unit-grid-counts">
        {t('grid.unitCounts', { noData: view.noDataCount, total: view.total, silent: view.silentCount })}
      </span>
    </div>
  );
  return (
    <Panel title={t('grid.title')} aside={legend} style={style}>
      <div style={scroller}>
        <div style={groupsRow(view.groups.map((group) => group.columns))}>
          {view.groups.map((group) => (
            <section key={group.formerProvince} aria-label={group.formerProvince}>
              <h3 style={groupTitle}>{t('grid.formerProvince', { province: group.formerProvince })}</h3>
              <div style={tileGrid(group.columns)}>
                {group.tiles.map((tile) => (
                  <UnitTile key={tile.code} tile={tile} />
                ))}
              </div>
            </section>
          ))}
        </div>
      </div>
    </Panel>
  );
}
