import { formatPoints, formatPointsChange, type ReportCharts } from '@ioc/shared';
import type { ChartOption } from '../../ui/charts/chartOption';
import { theme } from '../../ui/theme';
import { shortUnitName } from '../../units/unitName';
import type { MapScale, RegionView, UnitMapView } from '../unit-map/prepareUnitMap';

function axis(rem: number) {
  return { color: theme.color.textMuted, fontSize: Math.round(theme.fontSize.chartAxis * rem) };
}

/** The units by index, best on top: every unit a bar, those without a score left out (nothing to draw). */
export function prepareIndexByUnit(charts: ReportCharts, rem: number): ChartOption {
  const scored = charts.indexByUnit.filter((unit) => unit.total !== null).reverse();
  return {
    animation: false,
    grid: { left: rem * 0.5, right: rem * 2.5, top: rem * 0.5, bottom: rem * 0.5, containLabel: true },
    xAxis: {
      type: 'value',
      min: 0,
      max: 100,
      axisLabel: axis(rem),
      splitLine: { lineStyle: { color: theme.color.chartGridLine } },
    },
    yAxis: {
      type: 'category',
      data: scored.map((unit) => shortUnitName(unit.unitName)),
      axisLabel: { ...axis(rem), interval: 0 },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        data: scored.map((unit) => ({
          value: unit.total,
          itemStyle: { color: unit.lowVolume ? theme.color.noData : theme.color.withinDeadline },
        })),
        barMaxWidth: rem * 0.8,
        label: {
          show: true,
          position: 'right',
          color: theme.color.text,
          fontSize: Math.round(theme.fontSize.chartLabel * rem),
          formatter: (p: unknown) => formatPoints((p as { value: number }).value),
        },
      },
    ],
  };
}

/** The scope's on-time share over the 12 months ending with the period, in percent. */
export function prepareOnTimeByMonth(charts: ReportCharts, label: string, rem: number): ChartOption {
  return {
    animation: false,
    grid: { left: rem * 0.5, right: rem, top: rem * 1.5, bottom: rem * 0.5, containLabel: true },
    xAxis: {
      type: 'category',
      data: charts.onTimeByMonth.map((m) => `${m.month.slice(5, 7)}/${m.month.slice(2, 4)}`),
      axisLabel: axis(rem),
    },
    yAxis: {
      type: 'value',
      max: 100,
      axisLabel: { ...axis(rem), formatter: '{value}%' },
      splitLine: { lineStyle: { color: theme.color.chartGridLine } },
    },
    tooltip: { trigger: 'axis' },
    series: [
      {
        name: label,
        type: 'line',
        data: charts.onTimeByMonth.map((m) =>
          m.onTimeShare === null ? null : Math.round(m.onTimeShare * 1000) / 10,
        ),
        connectNulls: false,
        lineStyle: { width: rem * 0.15, color: theme.color.resolved },
        itemStyle: { color: theme.color.resolved },
        label: {
          show: true,
          color: theme.color.text,
          fontSize: Math.round(theme.fontSize.chartLabel * rem),
          formatter: '{c}%',
        },
      },
    ],
  };
}

/** Bands of an index change, in points: a fall is what needs attention (band 4), a rise is calm. */
const CHANGE_EDGES = [-2, -0.5, 0.5, 2] as const;
const CHANGE_SCALE: MapScale = {
  labels: [
    `≥ ${formatPointsChange(2)}`,
    `${formatPointsChange(0.5)} – ${formatPointsChange(2)}`,
    `${formatPointsChange(-0.5)} – ${formatPointsChange(0.5)}`,
    `${formatPointsChange(-2)} – ${formatPointsChange(-0.5)}`,
    `< ${formatPointsChange(-2)}`,
  ],
  bandOf: (change) => 4 - CHANGE_EDGES.filter((edge) => change >= edge).length,
};

/** The map of the units coloured by how their index moved since the previous period. */
export function prepareIndexChangeMap(charts: ReportCharts): UnitMapView {
  const regions: RegionView[] = charts.indexChangeByUnit.map((unit) => ({
    code: unit.unitCode,
    name: shortUnitName(unit.unitName),
    state: unit.total === null ? 'no-data' : unit.change === null ? 'no-value' : 'value',
    silent: false,
    band: unit.change === null ? null : CHANGE_SCALE.bandOf(unit.change),
    value: unit.change,
    text: formatPointsChange(unit.change),
  }));
  return { regions, scale: CHANGE_SCALE };
}
