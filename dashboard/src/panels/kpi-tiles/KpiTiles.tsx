import type { LiveFigures } from '@ioc/shared';
import { useMemo, type CSSProperties } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { theme } from '../../theme';
import { prepareKpiTiles, type KpiTileView } from './prepareKpiTiles';

const row: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'repeat(7, minmax(0, 1fr))',
  gap: theme.space.lg,
};
const tileBase: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  justifyContent: 'space-between',
  gap: theme.space.xs,
  minHeight: theme.size.kpiMinHeight,
  padding: `${theme.space.md}px ${theme.space.lg}px`,
  background: theme.color.surface,
  borderRadius: theme.size.radius,
  border: `${theme.size.borderWidth}px solid ${theme.color.border}`,
};
const alertTile: CSSProperties = {
  ...tileBase,
  background: theme.color.overdueTint,
  border: `${theme.size.alertBorderWidth}px solid ${theme.color.overdue}`,
};
const label: CSSProperties = { fontSize: theme.fontSize.kpiLabel, color: theme.color.textMuted };
const valueLine: CSSProperties = { display: 'flex', alignItems: 'baseline', gap: theme.space.sm };
const valueBase: CSSProperties = {
  fontSize: theme.fontSize.kpiValue,
  fontWeight: theme.font.weightBold,
  fontVariantNumeric: 'tabular-nums',
  lineHeight: theme.lineHeight.solid,
  color: theme.color.text,
};
const alertValue: CSSProperties = { ...valueBase, color: theme.color.overdue };
const unitStyle: CSSProperties = { fontSize: theme.fontSize.kpiDetail, color: theme.color.textMuted };
const detail: CSSProperties = { fontSize: theme.fontSize.kpiDetail, color: theme.color.textMuted };

function KpiTile({ tile }: { tile: KpiTileView }) {
  const { t } = useI18n();
  return (
    <div style={tile.alert ? alertTile : tileBase}>
      <div style={label}>{t(tile.label)}</div>
      <div style={valueLine}>
        <span data-testid={`kpi-${tile.id}`} style={tile.alert ? alertValue : valueBase}>
          {tile.value}
        </span>
        {tile.unit && <span style={unitStyle}>{t(tile.unit)}</span>}
      </div>
      {tile.detail && <div style={detail}>{t(tile.detail.key, tile.detail.params)}</div>}
    </div>
  );
}

export function KpiTiles({ province }: { province: LiveFigures }) {
  const tiles = useMemo(() => prepareKpiTiles(province), [province]);
  return (
    <div style={row}>
      {tiles.map((tile) => (
        <KpiTile key={tile.id} tile={tile} />
      ))}
    </div>
  );
}
