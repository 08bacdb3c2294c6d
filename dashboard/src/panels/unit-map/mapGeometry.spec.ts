import { describe, expect, it } from '@jest/globals';
import {
  groupOutlines,
  subsetOf,
  type Position,
  type UnitFeature,
  type UnitFeatureCollection,
} from './mapGeometry';
import provinceMap from './lamdong-units.json';

const square = (code: string, x: number, y: number): UnitFeature => ({
  type: 'Feature',
  properties: { code, name: code },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + 1, y],
        [x + 1, y + 1],
        [x, y + 1],
        [x, y],
      ],
    ],
  },
});

/** Four unit squares in a row: A B | C D, two groups. */
const row: UnitFeatureCollection = {
  type: 'FeatureCollection',
  features: [square('A', 0, 0), square('B', 1, 0), square('C', 2, 0), square('D', 3, 0)],
};
const groups: Record<string, string> = { A: 'west', B: 'west', C: 'east', D: 'east' };

const lengthOf = (line: Position[]) =>
  line
    .slice(1)
    .reduce((sum, point, i) => sum + Math.hypot(point[0] - line[i]![0], point[1] - line[i]![1]), 0);

describe('groupOutlines', () => {
  it('keeps the outer border and the border between groups, not the borders inside a group', () => {
    const lines = groupOutlines(row, (code) => groups[code]);
    const total = lines.reduce((sum, line) => sum + lengthOf(line), 0);
    // Outer rectangle 4×1 (perimeter 10) plus the one west|east border of length 1.
    expect(total).toBeCloseTo(11, 9);
    const drawsX = (x: number) =>
      lines.some((line) => line.slice(1).some((p, i) => p[0] === x && line[i]![0] === x));
    expect(drawsX(2)).toBe(true);
    expect(drawsX(1)).toBe(false);
    expect(drawsX(3)).toBe(false);
  });

  it('chains the kept edges into few polylines', () => {
    const lines = groupOutlines(row, (code) => groups[code]);
    expect(lines.length).toBeLessThanOrEqual(3);
  });

  it("outlines the real map: one group is the province's outer border, closed rings only", () => {
    const map = provinceMap as unknown as UnitFeatureCollection;
    expect(map.features).toHaveLength(124);
    const outer = groupOutlines(map, () => 'Lâm Đồng');
    // The mainland and the islands of Phú Quý: a handful of rings, each closed.
    expect(outer.length).toBeLessThan(10);
    for (const ring of outer) expect(ring[0]).toEqual(ring[ring.length - 1]);
    const everyBorder = groupOutlines(map, (code) => code);
    const points = (lines: Position[][]) => lines.reduce((sum, line) => sum + line.length, 0);
    expect(points(outer)).toBeLessThan(points(everyBorder) / 3);
  });
});

describe('subsetOf', () => {
  it('keeps only the asked units, a multipolygon whole', () => {
    const multi: UnitFeature = {
      type: 'Feature',
      properties: { code: 'M', name: 'M' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          square('x', 0, 0).geometry.coordinates as Position[][],
          square('y', 5, 5).geometry.coordinates as Position[][],
        ],
      },
    };
    const collection: UnitFeatureCollection = {
      type: 'FeatureCollection',
      features: [...row.features, multi],
    };
    expect(subsetOf(collection, new Set(['A', 'M'])).features.map((f) => f.properties.code)).toEqual([
      'A',
      'M',
    ]);
  });
});
