import type { BacklogHistory, DailyFlow } from '@ioc/shared';
import { VIETNAM_UTC_OFFSET_MS } from '@ioc/shared';
import { formatCount } from '../../format/figures';
import type { ChartOption } from '../../ui/charts/chartOption';
import { theme } from '../../ui/theme';

export interface TrendLabels {
  backlog: string;
  overdue: string;
  received: string;
  resolved: string;
}

const pad2 = (value: number) => String(value).padStart(2, '0');

/** `dd/MM` of an instant, in Vietnam time. */
function dayLabel(instantMs: number): string {
  const local = new Date(instantMs + VIETNAM_UTC_OFFSET_MS);
  return `${pad2(local.getUTCDate())}/${pad2(local.getUTCMonth() + 1)}`;
}

function axisText(rem: number) {
  return { color: theme.color.textMuted, fontSize: Math.round(theme.fontSize.chartAxis * rem) };
}

function base(rem: number): ChartOption {
  return {
    animationDuration: theme.chart.animationMs,
    textStyle: { fontFamily: theme.font.family },
    grid: { left: rem * 0.5, right: rem * 0.75, top: rem * 2, bottom: rem * 0.25, containLabel: true },
    legend: {
      top: 0,
      left: 0,
      itemWidth: rem,
      itemHeight: rem * 0.6,
      textStyle: { color: theme.color.text, fontSize: Math.round(theme.fontSize.chartLegend * rem) },
    },
    tooltip: {
      trigger: 'axis',
      backgroundColor: theme.color.surfaceRaised,
      borderColor: theme.color.border,
      textStyle: { color: theme.color.text, fontSize: Math.round(theme.fontSize.chartLabel * rem) },
    },
  };
}

/** Open and overdue dossiers over time, from the 5-minute samples (the highest of each bucket). */
export function prepareBacklogTrend(history: BacklogHistory, labels: TrendLabels, rem: number): ChartOption {
  const backlog = history.points.map((point) => [Date.parse(point.at), point.backlog]);
  const overdue = history.points.map((point) => [Date.parse(point.at), point.overdue]);
  return {
    ...base(rem),
    xAxis: {
      type: 'time',
      // A label a day at most, four or so across the chart: they never run into each other.
      minInterval: 86_400_000,
      splitNumber: 4,
      axisLabel: { ...axisText(rem), formatter: (value: number) => dayLabel(value), hideOverlap: true },
      axisLine: { lineStyle: { color: theme.color.border } },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      axisLabel: { ...axisText(rem), formatter: (value: number) => formatCount(value) },
      splitLine: { lineStyle: { color: theme.color.chartGridLine } },
    },
    series: [
      {
        name: labels.backlog,
        type: 'line',
        data: backlog,
        showSymbol: false,
        lineStyle: { width: rem * 0.15, color: theme.color.withinDeadline },
        itemStyle: { color: theme.color.withinDeadline },
        areaStyle: { color: theme.color.withinDeadline, opacity: 0.15 },
      },
      {
        name: labels.overdue,
        type: 'line',
        data: overdue,
        showSymbol: false,
        lineStyle: { width: rem * 0.15, color: theme.color.overdue },
        itemStyle: { color: theme.color.overdue },
      },
    ],
  };
}

/** Dossiers received and resolved per Vietnam day: is the backlog fed faster than it drains? */
export function prepareDailyFlow(flow: DailyFlow, labels: TrendLabels, rem: number): ChartOption {
  const days = flow.days.map((day) => `${day.day.slice(8, 10)}/${day.day.slice(5, 7)}`);
  const barWidth = Math.max(2, Math.round(rem * 0.4));
  return {
    ...base(rem),
    xAxis: {
      type: 'category',
      data: days,
      axisLabel: { ...axisText(rem), hideOverlap: true },
      axisLine: { lineStyle: { color: theme.color.border } },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      axisLabel: { ...axisText(rem), formatter: (value: number) => formatCount(value) },
      splitLine: { lineStyle: { color: theme.color.chartGridLine } },
    },
    series: [
      {
        name: labels.received,
        type: 'bar',
        data: flow.days.map((day) => day.received),
        barMaxWidth: barWidth,
        itemStyle: { color: theme.color.received },
      },
      {
        name: labels.resolved,
        type: 'bar',
        data: flow.days.map((day) => day.resolved),
        barMaxWidth: barWidth,
        itemStyle: { color: theme.color.resolved },
      },
    ],
  };
}
