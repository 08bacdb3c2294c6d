import type { Unit } from '@ioc/shared';
import type { UnitLiveMetrics } from '../../live/unitMetrics';
import { useMemo, type CSSProperties } from 'react';
import { EChart } from '../../charts/EChart';
import { useI18n } from '../../i18n/I18nContext';
import { theme } from '../../theme';
import { Panel } from '../../wall/Panel';
import { prepareUnitBacklogChart } from './prepareUnitBacklogChart';

const subtitle: CSSProperties = { fontSize: theme.fontSize.panelDetail, color: theme.color.textMuted };
const chartBox: CSSProperties = { position: 'absolute', inset: 0 };

export interface UnitBacklogChartProps {
  units: readonly Unit[];
  metrics: ReadonlyMap<string, UnitLiveMetrics>;
  style?: CSSProperties;
}

export function UnitBacklogChart({ units, metrics, style }: UnitBacklogChartProps) {
  const { t } = useI18n();
  const option = useMemo(() => prepareUnitBacklogChart(units, metrics, t), [units, metrics, t]);
  return (
    <Panel title={t('chart.title')} aside={<span style={subtitle}>{t('chart.subtitle')}</span>} style={style}>
      {/* Absolutely placed so the canvas takes the panel's height instead of pushing it. */}
      <div style={chartBox}>
        <EChart option={option} ariaLabel={t('chart.title')} />
      </div>
    </Panel>
  );
}
