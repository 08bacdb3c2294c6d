import { describe, expect, it } from '@jest/globals';
import type { BarSeriesOption } from 'echarts/charts';
import type { DefaultLabelFormatterCallbackParams, TooltipComponentFormatterCallbackParams } from 'echarts';
import { createTranslator } from '../../i18n/messages';
import { buildMetrics, buildUnit, metricsByCode } from '../../testing/builders';
import { theme } from '../../theme';
import { axisLabelColor, prepareUnitBacklogChart, rankUnitsByBacklog } from './prepareUnitBacklogChart';

const units = [
  buildUnit({ code: '22918', name: 'Phường Mũi Né' }),
  buildUnit({ code: '24778', name: 'Phường Xuân Hương - Đà Lạt' }),
  buildUnit({ code: '25001', name: 'Xã Đam Rông 1' }),
  buildUnit({ code: '25002', name: 'Đặc khu Phú Quý' }),
  buildUnit({ code: '25003', name: 'Xã Lặng Im' }),
];
const metrics = metricsByCode(
  buildMetrics({ unitCode: '22918', backlog: 12, overdue: 5 }),
  buildMetrics({ unitCode: '24778', backlog: 40, overdue: 0 }),
  buildMetrics({ unitCode: '25001', backlog: 12, overdue: 7 }),
  buildMetrics({ unitCode: '25002', lastEventAt: null }),
  // Silent since 14:05 on 23/11, Vietnam time, with 3 dossiers open, 1 overdue.
  buildMetrics({
    unitCode: '25003',
    backlog: 3,
    overdue: 1,
    lastEventAt: '2025-11-23T07:05:00.000Z',
    silent: true,
  }),
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
      '25003',
      '25002',
    ]);
  });

  it('splits each backlog into within-deadline and overdue parts', () => {
    const mui = rankUnitsByBacklog(units, metrics).find((row) => row.code === '22918');
    expect(mui).toMatchObject({ backlog: 12, overdue: 5, withinDeadline: 7 });
  });

  it('tells a unit with no data and a silent unit from a unit with nothing in progress', () => {
    const rows = rankUnitsByBacklog(
      [
        buildUnit({ code: '22918' }),
        buildUnit({ code: '22924' }),
        buildUnit({ code: '22933' }),
        buildUnit({ code: '22939' }),
      ],
      metricsByCode(
        buildMetrics({ unitCode: '22918', backlog: 0 }),
        buildMetrics({ unitCode: '22924', lastEventAt: null }),
        buildMetrics({ unitCode: '22939', backlog: 0, silent: true }),
      ),
    );
    expect(Object.fromEntries(rows.map((row) => [row.code, [row.hasData, row.silent]]))).toEqual({
      '22918': [true, false],
      '22924': [false, false],
      '22933': [false, false],
      '22939': [true, true],
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
      'Lặng Im',
      'Phú Quý',
    ]);
    expect(option.yAxis).toMatchObject({ type: 'category', inverse: true });
  });

  it('stacks the within-deadline part and the overdue part, overdue in red', () => {
    const { withinDeadline, overdue } = chart();
    expect(withinDeadline.stack).toBe(overdue.stack);
    expect(withinDeadline.data).toEqual([40, 5, 7, 2, 0]);
    expect(overdue.data).toEqual([0, 7, 5, 1, 0]);
    expect(overdue.itemStyle?.color).toBe(theme.color.overdue);
  });

  it('greys the name of a unit that never sent an event, and writes a silent one in amber', () => {
    const { yAxis } = chart();
    expect(yAxis.data.map((item) => item.textStyle.color)).toEqual([
      theme.color.text,
      theme.color.text,
      theme.color.text,
      theme.color.silent,
      theme.color.noData,
    ]);
    expect(
      new Set([theme.color.text, theme.color.silent, theme.color.noData, theme.color.overdue]).size,
    ).toBe(4);
  });

  it('colours an axis label by the unit data state, "no data" first', () => {
    const [row] = rankUnitsByBacklog(units, metrics);
    if (!row) throw new Error('expected a row');
    expect(axisLabelColor({ ...row, hasData: true, silent: false })).toBe(theme.color.text);
    expect(axisLabelColor({ ...row, hasData: true, silent: true })).toBe(theme.color.silent);
    expect(axisLabelColor({ ...row, hasData: false, silent: false })).toBe(theme.color.noData);
  });

  it('labels each bar with its total backlog, a silent unit too, and a unit with no data with nothing', () => {
    const { overdue } = chart();
    const label = overdue.label as { formatter: (params: DefaultLabelFormatterCallbackParams) => string };
    expect([0, 1, 2, 3, 4].map((index) => label.formatter(dataParams(index)))).toEqual([
      '40',
      '12',
      '12',
      '3',
      '',
    ]);
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
    expect(html).not.toContain(vi('chart.silent', { time: '' }).trim());
    expect(tooltip.formatter([dataParams(4)])).toContain(vi('chart.noData'));
  });

  it('says in the tooltip that a unit is silent and when it last sent an event, figures still given', () => {
    const { tooltip } = chart();
    const html = tooltip.formatter([dataParams(3)]);
    expect(html).toContain('Xã Lặng Im');
    expect(html).toContain(
      `<span style="color:${theme.color.silent}">Mất tín hiệu — sự kiện cuối 14:05 23/11</span>`,
    );
    expect(html).toContain(`${vi('chart.backlog')}: <b>3</b>`);
    expect(html).not.toContain(vi('chart.noData'));
    const en = prepareUnitBacklogChart(units, metrics, createTranslator('en')).tooltip as {
      formatter: (params: TooltipComponentFormatterCallbackParams) => string;
    };
    expect(en.formatter([dataParams(3)])).toContain('Silent — last event 14:05 23/11');
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
