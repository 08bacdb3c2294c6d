import { describe, expect, it } from '@jest/globals';
import type { PeriodFigures, ReportRow, RowChange } from '@ioc/shared';
import { prepareReportRow, sortReportRows } from './prepareReport';

const figures = (overrides: Partial<PeriodFigures> = {}): PeriodFigures => ({
  received: 0,
  resolved: 0,
  onTimeShare: null,
  overdueAtEnd: 0,
  medianWorkingTime: null,
  onlineShare: null,
  ratings: null,
  satisfactionAverage: null,
  poorRatingShare: null,
  ...overrides,
});
const noChange: RowChange = { received: null, onTimeShare: null, overdueAtEnd: 0, index: null, rank: null };

function row(
  code: string,
  name: string,
  total: number | null,
  overrides: Partial<ReportRow> = {},
): ReportRow {
  const index = total === null ? null : { total, groups: [], rank: null, lowVolume: false, dossiers: 40 };
  return {
    scope: 'unit',
    code,
    name,
    formerProvince: 'Lâm Đồng',
    overdueNow: 0,
    current: { figures: figures({ received: 40 }), index },
    previous: { figures: figures(), index: null },
    lastYear: { figures: figures(), index: null },
    change: { previous: noChange, lastYear: noChange },
    ...overrides,
  };
}

describe('a report row on the screen', () => {
  it('writes what does not exist as "—", never 0, and a count of none as 0', () => {
    const view = prepareReportRow(row('24781', 'Phường Xuân Hương - Đà Lạt', null), 'previous', 'vi');
    expect(view.cells.index).toBe('—');
    expect(view.cells.onTimeShare).toBe('—');
    expect(view.cells.medianWorkingTime).toBe('—');
    expect(view.cells.overdueAtEnd).toBe('0');
    expect(view.noScore).toBe(true);
    expect(view.direction).toBe('none');
  });

  it('shows the change against the chosen comparison, in the PDF’s own format', () => {
    const moved = row('24781', 'Xuân Hương', 81.5, {
      current: {
        figures: figures({
          received: 1234,
          onTimeShare: 0.955,
          medianWorkingTime: { minutes: 720, over: false },
        }),
        index: { total: 81.5, groups: [], rank: 3, lowVolume: false, dossiers: 1234 },
      },
      change: {
        previous: { received: 0.125, onTimeShare: -0.02, overdueAtEnd: 4, index: -1.25, rank: -2 },
        lastYear: { received: null, onTimeShare: null, overdueAtEnd: 0, index: 3, rank: null },
      },
    });
    const previous = prepareReportRow(moved, 'previous', 'vi');
    expect(previous.cells).toMatchObject({
      received: '1.234',
      onTimeShare: '95,5%',
      index: '81,50',
      rank: '3',
    });
    expect(previous.cells.medianWorkingTime).toBe('1,5 ngày');
    expect(previous.change).toEqual({
      received: '+12,5%',
      onTimeShare: '−2,0',
      overdueAtEnd: '+4',
      index: '−1,25',
      rank: '−2',
    });
    expect(previous.direction).toBe('down');
    const lastYear = prepareReportRow(moved, 'lastYear', 'en');
    expect(lastYear.change.index).toBe('+3,00');
    expect(lastYear.change.received).toBe('—');
    expect(lastYear.direction).toBe('up');
    expect(lastYear.cells.medianWorkingTime).toBe('1,5 d');
  });

  it('sorts by a column either way, units without the figure last', () => {
    const rows = [
      row('1', 'Bảo Lộc', 70),
      row('2', 'Anh Dũng', null),
      row('3', 'Đà Lạt', 90),
      row('4', 'An Lạc', 70),
    ];
    expect(sortReportRows(rows, 'index', true).map((r) => r.code)).toEqual(['3', '4', '1', '2']);
    expect(sortReportRows(rows, 'index', false).map((r) => r.code)).toEqual(['4', '1', '3', '2']);
  });
});
