import type { LiveFigures, Unit } from '@ioc/shared';
import type { UnitLiveMetrics } from '../live/unitMetrics';
import type { CSSProperties } from 'react';
import { KpiTiles } from '../panels/kpi-tiles/KpiTiles';
import { UnitBacklogChart } from '../panels/unit-backlog-chart/UnitBacklogChart';
import { UnitGrid } from '../panels/unit-grid/UnitGrid';
import { theme } from '../theme';

const content = (live: boolean): CSSProperties => ({
  flex: 1,
  minHeight: 0,
  display: 'flex',
  flexDirection: 'column',
  gap: theme.space.lg,
  padding: theme.space.lg,
  opacity: live ? 1 : theme.staleContentOpacity,
});
const panels: CSSProperties = {
  flex: 1,
  minHeight: 0,
  display: 'grid',
  gridTemplateColumns: `${theme.size.chartColumnWidth}px minmax(0, 1fr)`,
  gap: theme.space.lg,
};

export interface WallProps {
  units: readonly Unit[];
  province: LiveFigures;
  metrics: ReadonlyMap<string, UnitLiveMetrics>;
  /** False fades the figures so that, with the banner, nobody reads them as current. */
  live: boolean;
}

/** The wall's figures: province KPIs on top, the ranking chart and the 124 unit tiles below. */
export function Wall({ units, province, metrics, live }: WallProps) {
  return (
    <main style={content(live)} data-live={live}>
      <KpiTiles province={province} />
      <div style={panels}>
        <UnitBacklogChart units={units} metrics={metrics} />
        <UnitGrid units={units} metrics={metrics} />
      </div>
    </main>
  );
}
