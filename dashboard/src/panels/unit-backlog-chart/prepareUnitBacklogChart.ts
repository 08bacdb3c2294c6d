import type { Unit } from '@ioc/shared';
import type { UnitLiveMetrics } from '../../live/unitMetrics';
import type { DefaultLabelFormatterCallbackParams, TooltipComponentFormatterCallbackParams } from 'echarts';
import type { ChartOption } from '../../charts/chartOption';
import { formatCount } from '../../format/figures';
import { formatVietnamDayTime } from '../../format/vietnamTime';
import type { Translate } from '../../i18n/messages';
import { theme } from '../../theme';
import { compareUnitNames, shortUnitName } from '../../units/unitName';

export interface UnitBacklogRow {
  code: string;
  name: string;
  shortName: string;
  backlog: number;
  overdue: number;
  /** The part of the backlog that is not overdue (including dossiers paused for a supplement). */
  withinDeadline: number;
  /** False when the unit never sent an event: "no data", not zero. */
  hasData: boolean;
  /** Sent events before, but none for a working stretch of office hours: its figures may be stale. */
  silent: boolean;
  /** ISO instant of the unit's last event; null when it never sent one. */
  lastEventAt: string | null;
}

/** Every unit, most backlog first; ties put the most overdue first, then the name. */
export function rankUnitsByBacklog(
  units: readonly Unit[],
  metrics: ReadonlyMap<string, UnitLiveMetrics>,
): UnitBacklogRow[] {
  return units
    .map((unit): UnitBacklogRow => {
      const live = metrics.get(unit.code);
      const backlog = live?.backlog ?? 0;
      const overdue = live?.overdue ?? 0;
      return {
        code: unit.code,
        name: unit.name,
        shortName: shortUnitName(unit.name),
        backlog,
        overdue,
        withinDeadline: Math.max(0, backlog - overdue),
        hasData: live !== undefined && live.lastEventAt !== null,
        silent: live !== undefined && live.lastEventAt !== null && live.silent,
        lastEventAt: live?.lastEventAt ?? null,
      };
    })
    .sort((a, b) => b.backlog - a.backlog || b.overdue - a.overdue || compareUnitNames(a.name, b.name));
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** A unit's name on the axis: amber when silent, grey when it never sent anything, so a bar is read with care. */
export function axisLabelColor(row: UnitBacklogRow): string {
  if (!row.hasData) return theme.color.noData;
  return row.silent ? theme.color.silent : theme.color.text;
}

/** A stacked horizontal bar per unit (within deadline + overdue in red), the top units in view. */
export function prepareUnitBacklogChart(
  units: readonly Unit[],
  metrics: ReadonlyMap<string, UnitLiveMetrics>,
  t: Translate,
): ChartOption {
  const rows = rankUnitsByBacklog(units, metrics);
  const rowAt = (params: DefaultLabelFormatterCallbackParams): UnitBacklogRow | undefined =>
    rows[params.dataIndex];

  const tooltip = (params: TooltipComponentFormatterCallbackParams): string => {
    const first = Array.isArray(params) ? params[0] : params;
    const row = first && rowAt(first);
    if (!row) return '';
    if (!row.hasData)
      return [
        `<b>${escapeHtml(row.name)}</b>`,
        `<span style="color:${theme.color.noData}">${escapeHtml(t('chart.noData'))}</span>`,
      ].join('<br/>');
    const silence =
      row.silent && row.lastEventAt !== null
        ? [
            `<span style="color:${theme.color.silent}">${escapeHtml(
              t('chart.silent', { time: formatVietnamDayTime(Date.parse(row.lastEventAt)) }),
            )}</span>`,
          ]
        : [];
    return [
      `<b>${escapeHtml(row.name)}</b>`,
      ...silence,
      `${escapeHtml(t('chart.backlog'))}: <b>${formatCount(row.backlog)}</b>`,
      `${escapeHtml(t('chart.withinDeadline'))}: ${formatCount(row.withinDeadline)}`,
      `<span style="color:${theme.color.overdue}">${escapeHtml(t('chart.overdue'))}: <b>${formatCount(row.overdue)}</b></span>`,
    ].join('<br/>');
  };

  const axisText = { color: theme.color.textMuted, fontSize: theme.fontSize.chartAxis };

  return {
    animationDurationUpdate: theme.chart.animationMs,
    textStyle: { fontFamily: theme.font.family, color: theme.color.text },
    legend: {
      top: 0,
      left: 0,
      itemGap: theme.space.lg,
      textStyle: { color: theme.color.text, fontSize: theme.fontSize.chartLegend },
      data: [t('chart.withinDeadline'), t('chart.overdue')],
    },
    grid: {
      top: theme.space.xl + theme.space.md,
      left: 0,
      right: theme.size.chartDataZoomWidth + theme.space.xl + theme.space.lg,
      bottom: 0,
      containLabel: true,
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow', shadowStyle: { color: theme.color.chartAxisPointer } },
      backgroundColor: theme.color.surfaceRaised,
      borderColor: theme.color.border,
      textStyle: { color: theme.color.text, fontSize: theme.fontSize.chartTooltip },
      formatter: tooltip,
    },
    xAxis: {
      type: 'value',
      minInterval: 1,
      // Few, well-spaced ticks: the bar labels carry the exact figures.
      splitNumber: 3,
      axisLabel: { ...axisText, hideOverlap: true, formatter: (value: number) => formatCount(value) },
      splitLine: { lineStyle: { color: theme.color.chartGridLine } },
    },
    yAxis: {
      type: 'category',
      // Largest backlog at the top, where the eye starts.
      inverse: true,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: theme.color.border } },
      axisLabel: { ...axisText, color: theme.color.text, interval: 0 },
      // A no-data unit's name is greyed, so a zero bar is not read as "all done"; a silent one is amber.
      data: rows.map((row) => ({ value: row.shortName, textStyle: { color: axisLabelColor(row) } })),
    },
    dataZoom: [
      {
        type: 'slider',
        yAxisIndex: 0,
        startValue: 0,
        endValue: theme.chart.visibleBars - 1,
        right: theme.space.sm,
        width: theme.size.chartDataZoomWidth,
        showDetail: false,
        brushSelect: false,
        borderColor: theme.color.border,
        fillerColor: theme.color.chartDataZoomFill,
        backgroundColor: theme.color.surface,
        dataBackground: { lineStyle: { opacity: 0 }, areaStyle: { opacity: 0 } },
      },
      { type: 'inside', yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true },
    ],
    series: [
      {
        type: 'bar',
        name: t('chart.withinDeadline'),
        stack: 'backlog',
        barMaxWidth: theme.size.chartBarMaxWidth,
        itemStyle: { color: theme.color.withinDeadline },
        data: rows.map((row) => row.withinDeadline),
      },
      {
        type: 'bar',
        name: t('chart.overdue'),
        stack: 'backlog',
        barMaxWidth: theme.size.chartBarMaxWidth,
        itemStyle: { color: theme.color.overdue },
        // The total sits at the end of the stack, so the ranking can be read without the axis;
        // a silent unit keeps its (possibly stale) total, its amber name says so.
        label: {
          show: true,
          position: 'right',
          color: theme.color.text,
          fontSize: theme.fontSize.chartLabel,
          formatter: (params: DefaultLabelFormatterCallbackParams) => {
            const row = rowAt(params);
            return row?.hasData ? formatCount(row.backlog) : '';
          },
        },
        data: rows.map((row) => row.overdue),
      },
    ],
  };
}
