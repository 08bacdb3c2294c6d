import {
  formatAverage,
  formatDateTime,
  formatInteger,
  formatPeriod,
  formatPoints,
  formatPointsChange,
  formatRankChange,
  formatRelativeChange,
  formatShare,
  formatShareChange,
  formatWorkingTime,
} from './report-format';

describe('the report formatter (vi-VN)', () => {
  it('groups thousands with a dot, writes decimals with a comma, and "—" for no figure', () => {
    expect(formatInteger(1234567)).toBe('1.234.567');
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(null)).toBe('—');
    expect(formatPoints(75.5)).toBe('75,50');
    expect(formatPoints(1234.567)).toBe('1.234,57');
    expect(formatShare(0.8)).toBe('80,0%');
    expect(formatShare(0.66666)).toBe('66,7%');
    expect(formatShare(null)).toBe('—');
    expect(formatAverage(4.5833)).toBe('4,58');
  });

  it('signs changes with + and the minus sign, and leaves zero unsigned', () => {
    expect(formatPointsChange(1.25)).toBe('+1,25');
    expect(formatPointsChange(-30.5)).toBe('−30,50');
    expect(formatPointsChange(0)).toBe('0,00');
    expect(formatPointsChange(-0.001)).toBe('0,00');
    expect(formatShareChange(-0.3333)).toBe('−33,3');
    expect(formatRelativeChange(0.2)).toBe('+20,0%');
    expect(formatRankChange(3)).toBe('+3');
    expect(formatRankChange(-1)).toBe('−1');
    expect(formatRankChange(null)).toBe('—');
  });

  it('words processing time in office hours and working days', () => {
    expect(formatWorkingTime(null)).toBe('—');
    expect(formatWorkingTime({ minutes: 0, over: false })).toBe('dưới 30 phút');
    expect(formatWorkingTime({ minutes: 180, over: false })).toBe('3 giờ');
    expect(formatWorkingTime({ minutes: 480, over: false })).toBe('1 ngày');
    expect(formatWorkingTime({ minutes: 720, over: false })).toBe('1,5 ngày');
    expect(formatWorkingTime({ minutes: 5760, over: false })).toBe('12 ngày');
    expect(formatWorkingTime({ minutes: 14640, over: true })).toBe('trên 30 ngày');
  });

  it('names periods and instants as a Vietnamese report does', () => {
    expect(formatPeriod({ kind: 'month', label: '2026-10', from: '2026-10-01', to: '2026-10-31' })).toBe(
      'Tháng 10/2026',
    );
    expect(formatPeriod({ kind: 'quarter', label: '2026-Q4', from: '2026-10-01', to: '2026-12-31' })).toBe(
      'Quý IV/2026',
    );
    expect(formatPeriod({ kind: 'year', label: '2026', from: '2026-01-01', to: '2026-12-31' })).toBe(
      'Năm 2026',
    );
    expect(
      formatPeriod({ kind: 'ytd', label: '2026-01-01..2026-10-15', from: '2026-01-01', to: '2026-10-15' }),
    ).toBe('Lũy kế từ 01/01/2026 đến 15/10/2026');
    expect(formatDateTime('2026-12-06T21:05:00.000Z')).toBe('07/12/2026 04:05');
  });
});
