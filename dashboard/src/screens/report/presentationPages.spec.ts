import { describe, expect, it } from '@jest/globals';
import type { MeetingReport } from '@ioc/shared';
import { presentationPages, UNITS_PER_PAGE } from './presentationPages';

const report = (units: number, movers: number, fields: number) =>
  ({
    units: Array.from({ length: units }, (_, i) => ({ code: String(20000 + i) })),
    movers: { risers: Array.from({ length: movers }), fallers: [] },
    byField: Array.from({ length: fields }),
  }) as unknown as MeetingReport;

describe('the projector pages', () => {
  it('shows every unit a page at a time, in order, after the cover, the headline and the areas', () => {
    const pages = presentationPages(report(124, 2, 9));
    expect(pages.slice(0, 3).map((p) => p.kind)).toEqual(['cover', 'headline', 'areas']);
    const unitPages = pages.filter((p) => p.kind === 'units');
    expect(unitPages).toHaveLength(Math.ceil(124 / UNITS_PER_PAGE));
    expect(unitPages.flatMap((p) => (p.kind === 'units' ? p.rows.map((r) => r.code) : []))).toHaveLength(124);
    expect(unitPages.at(-1)).toMatchObject({ first: 6 * UNITS_PER_PAGE + 1, last: 124 });
    expect(pages.slice(-4).map((p) => p.kind)).toEqual(['movers', 'fields', 'on-time', 'map']);
  });

  it('leaves out what a reader may not see', () => {
    expect(presentationPages(report(1, 0, 0)).map((p) => p.kind)).toEqual([
      'cover',
      'headline',
      'areas',
      'units',
      'on-time',
      'map',
    ]);
  });
});
