import { describe, expect, it } from '@jest/globals';
import { prepareBacklogTrend, prepareDailyFlow } from './prepareTrends';

const labels = {
  backlog: 'Đang giải quyết',
  overdue: 'Quá hạn',
  received: 'Tiếp nhận',
  resolved: 'Giải quyết',
};

describe('the trend charts', () => {
  it('draw backlog and overdue from the samples, at their instants', () => {
    const option = prepareBacklogTrend(
      {
        unitCode: null,
        bucketMinutes: 60,
        points: [
          { at: '2026-11-22T00:00:00.000Z', backlog: 100, overdue: 5 },
          { at: '2026-11-22T01:00:00.000Z', backlog: 110, overdue: 7 },
        ],
      },
      labels,
      16,
    );
    const series = option.series as { name: string; data: number[][] }[];
    expect(series.map((s) => s.name)).toEqual(['Đang giải quyết', 'Quá hạn']);
    expect(series[0]!.data).toEqual([
      [Date.parse('2026-11-22T00:00:00.000Z'), 100],
      [Date.parse('2026-11-22T01:00:00.000Z'), 110],
    ]);
    expect(series[1]!.data.map((point) => point[1])).toEqual([5, 7]);
  });

  it('draw received against resolved per day, labelled dd/MM, and scale their text with the screen', () => {
    const flow = {
      unitCode: '24781',
      days: [
        { day: '2026-11-21', received: 40, resolved: 35 },
        { day: '2026-11-22', received: 0, resolved: 2 },
      ],
    };
    const at1080 = prepareDailyFlow(flow, labels, 16);
    const at4k = prepareDailyFlow(flow, labels, 32);
    expect((at1080.xAxis as { data: string[] }).data).toEqual(['21/11', '22/11']);
    expect((at1080.series as { data: number[] }[]).map((s) => s.data)).toEqual([
      [40, 0],
      [35, 2],
    ]);
    const fontOf = (option: typeof at1080) =>
      (option.yAxis as { axisLabel: { fontSize: number } }).axisLabel.fontSize;
    expect(fontOf(at4k)).toBe(2 * fontOf(at1080));
  });
});
