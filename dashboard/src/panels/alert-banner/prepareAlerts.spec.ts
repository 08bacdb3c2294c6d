import { describe, expect, it } from '@jest/globals';
import type { WallAlert } from '@ioc/shared';
import { createTranslator } from '../../i18n/messages';
import { buildUnit } from '../../testing/builders';
import { ALERT_LINES, prepareAlerts } from './prepareAlerts';

const units = new Map(
  ['Phường Mũi Né', 'Xã Đạ Huoai', 'Xã Di Linh', 'Xã Bảo Thuận', 'Xã Tà Hine'].map((name, index) => {
    const unit = buildUnit({ code: String(24000 + index), name });
    return [unit.code, unit];
  }),
);
const alert = (overrides: Partial<WallAlert>): WallAlert => ({
  rule: 'silent-units',
  kind: 'unit-silent',
  severity: 'warning',
  unitCodes: [],
  value: 0,
  baseline: null,
  threshold: 1,
  windowMinutes: null,
  since: '2026-11-23T02:00:00.000Z',
  ...overrides,
});
const vi = createTranslator('vi');
const andMore = (count: number) => vi('alert.andMore', { count });
const text = (view: ReturnType<typeof prepareAlerts>) =>
  view.lines.map((line) => vi(line.message.key, line.message.params));

describe('prepareAlerts', () => {
  it('words each kind of alert from its figures, naming the units', () => {
    const view = prepareAlerts(
      [
        alert({ unitCodes: ['24000', '24001', '24002', '24003', '24004'], value: 5 }),
        alert({
          rule: 'overdue-surge-province',
          kind: 'overdue-surge',
          severity: 'critical',
          value: 180,
          baseline: 120,
          threshold: 50,
          windowMinutes: 60,
        }),
        alert({
          rule: 'anomaly-storm',
          kind: 'anomaly-storm',
          unitCodes: ['24002'],
          value: 37,
          threshold: 20,
          windowMinutes: 60,
        }),
      ],
      units,
      andMore,
    );
    expect(text(view)).toEqual([
      'Hồ sơ quá hạn toàn tỉnh tăng +60 trong 60 phút (từ 120 lên 180)',
      // Warnings in force since the same moment: by rule, so the banner does not shuffle.
      '37 sự kiện bất thường trong 60 phút tại Di Linh',
      '5 đơn vị mất tín hiệu trong giờ hành chính: Mũi Né, Đạ Huoai, Di Linh, Bảo Thuận và 1 đơn vị khác',
    ]);
    expect(view.lines[0]!.severity).toBe('critical');
  });

  it('says of a unit surge where it is', () => {
    const view = prepareAlerts(
      [
        alert({
          rule: 'overdue-surge-unit',
          kind: 'overdue-surge',
          unitCodes: ['24001'],
          value: 25,
          baseline: 10,
          windowMinutes: 60,
        }),
      ],
      units,
      andMore,
    );
    expect(text(view)).toEqual(['Quá hạn tăng nhanh tại Đạ Huoai: +15 trong 60 phút (từ 10 lên 25)']);
  });

  it(`shows ${ALERT_LINES} lines at most, critical first, and counts the rest`, () => {
    const many = Array.from({ length: 5 }, (_, i) =>
      alert({
        rule: `r${i}`,
        severity: i === 4 ? 'critical' : 'warning',
        unitCodes: ['24000'],
        since: `2026-11-23T0${i}:00:00.000Z`,
      }),
    );
    const view = prepareAlerts(many, units, andMore);
    expect(view.lines).toHaveLength(ALERT_LINES);
    expect(view.lines[0]!.key).toBe('r4:24000');
    expect(view.more).toBe(2);
    expect(prepareAlerts([], units, andMore)).toEqual({ lines: [], more: 0 });
  });
});
