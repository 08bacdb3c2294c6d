import { describe, expect, it } from '@jest/globals';
import { buildMetrics, buildUnit, metricsByCode } from '../../testing/builders';
import { prepareTicker, prepareWorstUnits, TICKER_ITEMS, WORST_UNITS } from './prepareLateDossiers';

const units = new Map(
  [
    buildUnit({ code: '24781', name: 'Phường Xuân Hương - Đà Lạt' }),
    buildUnit({ code: '22918', name: 'Phường Mũi Né' }),
    buildUnit({ code: '24778', name: 'Xã Đạ Huoai' }),
  ].map((unit) => [unit.code, unit]),
);

describe('the late dossiers ticker', () => {
  const dossier = (code: string, resolvedAt: string | null = null) => ({
    unitCode: '24781',
    dossierCode: code,
    procedureCode: 'P1',
    procedureName: code === 'unknown' ? null : 'Đăng ký khai sinh',
    field: 'civil-status',
    receivedAt: '2026-11-20T02:00:00.000Z',
    dueAt: '2026-11-23T07:05:00.000Z',
    resolvedAt,
  });

  it('shows the unit, the procedure and the deadline that passed, in Vietnam time', () => {
    const [item] = prepareTicker([dossier('HS-1')], units, '?');
    expect(item).toMatchObject({
      unitName: 'Xuân Hương - Đà Lạt',
      procedure: 'Đăng ký khai sinh',
      due: '14:05 23/11',
      resolved: null,
    });
    expect(prepareTicker([dossier('HS-2', '2026-11-23T09:30:00.000Z')], units, '?')[0]!.resolved).toBe(
      '16:30 23/11',
    );
  });

  it('names a procedure the catalogue lacks by its code, and keeps the list short', () => {
    expect(prepareTicker([dossier('unknown')], units, '?')[0]!.procedure).toBe('P1');
    expect(
      prepareTicker(
        Array.from({ length: 20 }, (_, i) => dossier(`HS-${i}`)),
        units,
        '?',
      ),
    ).toHaveLength(TICKER_ITEMS);
  });
});

describe('the units with the most overdue work', () => {
  it('ranks by overdue count with its share, and leaves out units with nothing overdue', () => {
    const worst = prepareWorstUnits(
      metricsByCode(
        buildMetrics({ unitCode: '24781', backlog: 100, overdue: 10 }),
        buildMetrics({ unitCode: '22918', backlog: 20, overdue: 20 }),
        buildMetrics({ unitCode: '24778', backlog: 5, overdue: 0 }),
      ),
      units,
    );
    expect(worst.map((unit) => [unit.unitName, unit.overdue, unit.share, unit.bar])).toEqual([
      ['Mũi Né', '20', '100%', 1],
      ['Xuân Hương - Đà Lạt', '10', '10%', 0.5],
    ]);
  });

  it(`shows at most ${WORST_UNITS}`, () => {
    const many = metricsByCode(
      ...Array.from({ length: 20 }, (_, i) =>
        buildMetrics({ unitCode: String(30000 + i), backlog: 50, overdue: i + 1 }),
      ),
    );
    expect(prepareWorstUnits(many, units)).toHaveLength(WORST_UNITS);
  });
});
