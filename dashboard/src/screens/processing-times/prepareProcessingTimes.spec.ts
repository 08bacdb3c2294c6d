import { describe, expect, it } from '@jest/globals';
import type { ProcessingTimes } from '@ioc/shared';
import {
  formatSignedPoints,
  formatSignedShare,
  formatWorkingMinutes,
  periodLabelOf,
  prepareProcessingTimes,
  PROCESSING_ROWS_SHOWN,
} from './prepareProcessingTimes';

type Row = ProcessingTimes['rows'][number];

function aRow(overrides: Partial<Row> = {}): Row {
  return {
    procedureCode: '1.001193',
    procedureName: 'Đăng ký khai sinh',
    unitCode: null,
    field: null,
    total: { resolved: 1234, medianWorkingMinutes: 60, p90WorkingMinutes: 545.5, onTimeShare: 0.954 },
    previousYear: { resolved: 80, medianWorkingMinutes: 120, p90WorkingMinutes: 960, onTimeShare: 0.8 },
    change: { medianRatio: -0.5, onTimeShareDelta: 0.154 },
    months: [],
    ...overrides,
  };
}

describe('processing times as a department head reads them', () => {
  it('writes working time in working days of 8 hours, then hours and minutes', () => {
    expect(formatWorkingMinutes(60, 'vi')).toBe('1 giờ');
    expect(formatWorkingMinutes(545.5, 'vi')).toBe('1 ngày 1 giờ');
    expect(formatWorkingMinutes(2 * 480 + 30, 'vi')).toBe('2 ngày 30 phút');
    expect(formatWorkingMinutes(0.2, 'vi')).toBe('dưới 1 phút');
    expect(formatWorkingMinutes(null, 'vi')).toBe('—');
  });

  it('says a halved median as −50% and a share’s change in points, with real minus signs', () => {
    expect(formatSignedShare(-0.5)).toBe('−50%');
    expect(formatSignedShare(0.25)).toBe('+25%');
    expect(formatSignedShare(0.001)).toBe('±0%');
    expect(formatSignedShare(null)).toBe('—');
    expect(formatSignedPoints(0.154)).toBe('+15');
    expect(formatSignedPoints(-0.031)).toBe('−3');
    expect(formatSignedPoints(null)).toBe('—');
  });

  it('marks a row faster or slower than the year before, and nothing where a year had none', () => {
    const [halved, slower, unknown] = prepareProcessingTimes(
      [
        aRow(),
        aRow({ procedureCode: '2', change: { medianRatio: 0.3, onTimeShareDelta: -0.1 } }),
        aRow({
          procedureCode: '3',
          previousYear: {
            resolved: 0,
            medianWorkingMinutes: null,
            p90WorkingMinutes: null,
            onTimeShare: null,
          },
          change: { medianRatio: null, onTimeShareDelta: null },
        }),
      ],
      'vi',
    );
    expect(halved).toMatchObject({
      resolved: '1.234',
      median: '1 giờ',
      previousMedian: '2 giờ',
      onTime: '95%',
      medianChange: '−50%',
      trend: 'faster',
      onTimeChange: '+15',
    });
    expect(slower).toMatchObject({ trend: 'slower', medianChange: '+30%' });
    expect(unknown).toMatchObject({
      trend: null,
      medianChange: '—',
      previousMedian: '—',
      previousOnTime: '—',
    });
  });

  it('names a whole month, quarter or year as the period labels do, any other span by its days', () => {
    expect(periodLabelOf({ from: '2026-11-01', to: '2026-11-30' })).toBe('2026-11');
    expect(periodLabelOf({ from: '2024-02-01', to: '2024-02-29' })).toBe('2024-02');
    expect(periodLabelOf({ from: '2026-10-01', to: '2026-12-31' })).toBe('2026-Q4');
    expect(periodLabelOf({ from: '2026-01-01', to: '2026-12-31' })).toBe('2026');
    expect(periodLabelOf({ from: '2025-12-01', to: '2026-12-07' })).toBe('2025-12-01..2026-12-07');
    expect(periodLabelOf({ from: '2026-11-01', to: '2026-11-29' })).toBe('2026-11-01..2026-11-29');
    expect(periodLabelOf({ from: '2026-11-01', to: '2026-12-31' })).toBe('2026-11-01..2026-12-31');
  });

  it('lists at most the rows a screen can hold', () => {
    const rows = Array.from({ length: PROCESSING_ROWS_SHOWN + 5 }, (_, i) =>
      aRow({ procedureCode: String(i) }),
    );
    expect(prepareProcessingTimes(rows, 'en')).toHaveLength(PROCESSING_ROWS_SHOWN);
  });
});
