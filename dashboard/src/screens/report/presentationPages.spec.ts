import { describe, expect, it } from '@jest/globals';
import type { MeetingReport } from '@ioc/shared';
import { INDEX_BARS_PER_PAGE, presentationPages, UNITS_PER_PAGE } from './presentationPages';

/** A report of `units` units, of which `scored` have an index. */
const report = (units: number, movers: number, fields: number, scored = units) =>
  ({
    units: Array.from({ length: units }, (_, i) => ({ code: String(20000 + i) })),
    movers: { risers: Array.from({ length: movers }), fallers: [] },
    byField: Array.from({ length: fields }),
    charts: {
      indexByUnit: Array.from({ length: units }, (_, i) => ({
        unitCode: String(20000 + i),
        total: i < scored ? 90 - i / 10 : null,
      })),
    },
  }) as unknown as MeetingReport;

describe('the projector pages', () => {
  it('shows every unit a page at a time, in order, after the cover, the headline and the areas', () => {
    const pages = presentationPages(report(124, 2, 9));
    expect(pages.slice(0, 3).map((p) => p.kind)).toEqual(['cover', 'headline', 'areas']);
    const unitPages = pages.filter((p) => p.kind === 'units');
    expect(unitPages).toHaveLength(Math.ceil(124 / UNITS_PER_PAGE));
    expect(unitPages.flatMap((p) => (p.kind === 'units' ? p.rows.map((r) => r.code) : []))).toHaveLength(124);
    expect(unitPages.at(-1)).toMatchObject({ first: 6 * UNITS_PER_PAGE + 1, last: 124 });
    expect(pages.slice(-8).map((p) => p.kind)).toEqual([
      'movers',
      'fields',
      'index',
      'index',
      'index',
      'index',
      'on-time',
      'map',
    ]);
  });

  it('draws every scored unit’s bar once, best first, a page at a time', () => {
    const indexPages = presentationPages(report(124, 0, 0, 100)).filter((p) => p.kind === 'index');
    expect(indexPages).toHaveLength(Math.ceil(100 / INDEX_BARS_PER_PAGE));
    const drawn = indexPages.flatMap((p) => (p.kind === 'index' ? p.units.map((u) => u.unitCode) : []));
    expect(drawn).toEqual(Array.from({ length: 100 }, (_, i) => String(20000 + i)));
    expect(indexPages.at(-1)).toMatchObject({ first: 3 * INDEX_BARS_PER_PAGE + 1, last: 100, total: 100 });
  });

  it('leaves out what a reader may not see, and bars where nothing is scored', () => {
    expect(presentationPages(report(1, 0, 0, 0)).map((p) => p.kind)).toEqual([
      'cover',
      'headline',
      'areas',
      'units',
      'on-time',
      'map',
    ]);
  });
});
