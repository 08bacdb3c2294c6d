import { describe, expect, it } from '@jest/globals';
import type { BarSeriesOption } from 'echarts/charts';
import type { DefaultLabelFormatterCallbackParams, TooltipComponentFormatterCallbackParams } from 'echarts';
import { createTranslator } from '../../i18n/messages';
import { buildMetrics, buildUnit, metricsByCode } from '../../testing/builders';
import { theme } from '../../theme';
import { prepareUnitBacklogChart, rankUnitsByBacklog } from './prepareUnitBacklogChart';

const units = [
  buildUnit({ code: '22918', name: 'Phường Mũi Né' }),
  buildUnit({ code: '24778', name: 'Phường Xuân Hương - Đà Lạt' }),
  buildUnit({ code: '25001', name: 'Xã Đam Rông 1' }),
  buildUnit({ code: '25002', name: 'Đặc khu Phú Quý' }),
];
const metrics = metricsByCode(
  buildMetrics({ unitCode: '22918', backlog: 12, overdue: 5 }),
  buildMetrics({ unitCode: '24778', backlog: 40, overdue: 0 }),
  buildMetrics({ unitCode: '25001', backlog: 12, overdue: 7 }),
  buildMetrics({ unitCode: '25002', lastEventAt: null }),
);
const vi = createTranslator('vi');

const dataParams = (dataIndex: number): DefaultLabelFormatterCallbackParams =>
  ({ dataIndex }) as DefaultLabelFormatterCallbackParams;

function chart(language: 'vi' | 'en' = 'vi') {
  const option = prepareUnitBacklogChart(units, metrics, createTranslator(language));
  const series = option.series as BarSeriesOption[];
  const [withinDeadline, overdue] = series;
  const yAxis = option.yAxis as { data: { value: string; textStyle: { color: string } }[] };
  const tooltip = option.tooltip as {
    formatter: (params: TooltipComponentFormatterCallbackParams) => string;
  };
  if (!withinDeadline || !overdue) throw new Error('expected two series');
  return { option, withinDeadline, overdue, yAxis, tooltip };
}

describe('rankUnitsByBacklog', () => {
  it('puts the largest backlog first, the more overdue first on a tie', () => {
    expect(rankUnitsByBacklog(units, metrics).map((row) => row.code)).toEqual([
      '24778',
      '25001',
      '22918',
      '25002',
    ]);
  });

  it('splits each backlog into within-deadline and overdue parts', () => {
    const mui = rankUnitsByBacklog(units, metrics).find((row) => row.code === '22918');
    expect(mui).toMatchObject({ backlog: 12, overdue: 5, withinDeadline: 7 });
  });

  it('tells a silent unit from a unit with nothing in progress', () => {
    const rows = rankUnitsByBacklog(
      [buildUnit({ code: '22918' }), buildUnit({ code: '22924' }), buildUnit({ code: '22933' })],
      metricsByCode(
        buildMetrics({ unitCode: '22918', backlog: 0 }),
        buildMetrics({ unitCode: '22924', lastEventAt: null }),
      ),
    );
    expect(Object.fromEntries(rows.map((row) => [row.code, row.hasData]))).toEqual({
      '22918': true,
      '22924': false,
      '22933': false,
    });
  });
});

describe('prepareUnitBacklogChart', () => {
  it('draws a bar per unit, short names on the axis, largest on top', () => {
    const { yAxis, option } = chart();
    expect(yAxis.data.map((item) => item.value)).toEqual([
      'Xuân Hương - Đà Lạt',
      'Đam Rông 1',
      'Mũi Né',
      'Phú Quý',
    ]);
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true });
  });

  it('stacks the within-deadline part and the overdue part, overdue in red', () => {
    const { withinDeadline, overdue } = chart();
    expect(withinDeadline.stack).toBe(overdue.stack);
    expect(withinDeadline.data).toEqual([40, 5, 7, 0]);
    expect(overdue.data).toEqual([0, 7, 5, 0]);
    expect(overdue.itemStyle?.color).toBe(theme.color.overdue);
  });

  it('greys the name of a unit that never sent an event', () => {
    const { yAxis } = chart();
    expect(yAxis.data.map((item) => item.textStyle.color)).toEqual([
      theme.color.text,
      theme.color.text,
      theme.color.text,
      theme.color.noData,
    ]);
  });

  it('labels each bar with its total backlog, and a silent unit with nothing', () => {
    const { overdue } = chart();
    const label = overdue.label as { formatter: (params: DefaultLabelFormatterCallbackParams) => string };
    expect([0, 1, 2, 3].map((index) => label.formatter(dataParams(index)))).toEqual(['40', '12', '12', '']);
  });

  it('shows only the top units at once, so 124 names stay legible', () => {
    const { option } = chart();
    expect(option.dataZoom).toContainEqual(
      expect.objectContaining({
        type: 'slider',
        yAxisIndex: 0,
        startValue: 0,
        endValue: theme.chart.visibleBars - 1,
      }),
    );
  });

  it('gives the full name, backlog and overdue in the tooltip', () => {
    const { tooltip } = chart();
    const html = tooltip.formatter([dataParams(1)]);
    expect(html).toContain('Xã Đam Rông 1');
    expect(html).toContain(`${vi('chart.backlog')}: <b>12</b>`);
    expect(html).toContain(`${vi('chart.overdue')}: <b>7</b>`);
    expect(tooltip.formatter([dataParams(3)])).toContain(vi('chart.noData'));
  });

  it('escapes unit names in the tooltip', () => {
    const option = prepareUnitBacklogChart(
      [buildUnit({ code: '22918', name: 'Xã <b>A</b>' })],
      metricsByCode(buildMetrics({ unitCode: '22918' })),
      vi,
    );
    const tooltip = option.tooltip as {
      formatter: (params: TooltipComponentFormatterCallbackParams) => string;
    };
    expect(tooltip.formatter(dataParams(0))).not.toContain('<b>A</b>');
  });

  it('follows the wall language in legend and series names', () => {
    expect(chart('vi').withinDeadline.name).toBe('Trong hạn');
    expect(chart('en').withinDeadline.name).toBe('Within deadline');
    expect(chart('en').option.legend).toMatchObject({ data: ['Within deadline', 'Overdue'] });
  });
});
