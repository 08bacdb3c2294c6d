import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupOutlines, polygonCount, subsetOf, type Position, type UnitFeature, type UnitFeatureCollection } from './mapGeometry';

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
  line.slice(1).reduce((sum, point, i) => sum + Math.hypot(point[0] - line[i]![0], point[1] - line[i]![1]), 0);

describe('groupOutlines', () => {
  it('keeps the outer border and the border between groups, not the borders inside a group', () => {
    const lines = groupOutlines(row, (code) => groups[code]);
    const total = lines.reduce((sum, line) => sum + lengthOf(line), 0);
    // Outer rectangle 4×1 (perimeter 10) plus the one west|east border of length 1.
    expect(total).toBeCloseTo(11, 9);
    const drawsX = (x: number) => lines.some((line) => line.slice(1).some((p, i) => p[0] === x && line[i]![0] === x));
    expect(drawsX(2)).toBe(true);
    expect(drawsX(1)).toBe(false);
    expect(drawsX(3)).toBe(false);
  });

  it('chains the kept edges into few polylines', () => {
    const lines = groupOutlines(row, (code) => groups[code]);
    expect(lines.length).toBeLessThanOrEqual(3);
  });

  it('outlines the three former provinces of the real map with far fewer points than all borders', () => {
    const map = JSON.parse(readFileSync(join(__dirname, 'lamdong-units.json'), 'utf8')) as UnitFeatureCollection;
    const units = JSON.parse(readFileSync(join(__dirname, '../../../../../shared/data/units.json'), 'utf8')) as {
      code: string;
      formerProvince: string;
    }[];
    const province = new Map(units.map((unit) => [unit.code, unit.formerProvince]));
    const lines = groupOutlines(map, (code) => province.get(code));
    const points = lines.reduce((sum, line) => sum + line.length, 0);
    const allPoints = map.features.reduce(
      (sum, feature) => sum + (feature.geometry.type === 'Polygon' ? feature.geometry.coordinates : feature.geometry.coordinates.flat()).flat().length,
      0,
    );
    expect(map.features).toHaveLength(124);
    expect(points).toBeGreaterThan(100);
    expect(points).toBeLessThan(allPoints / 3);
  });
});

describe('polygonCount and subsetOf', () => {
  it('counts a multipolygon by its parts and keeps only the asked units', () => {
    const multi: UnitFeature = {
      type: 'Feature',
      properties: { code: 'M', name: 'M' },
      geometry: { type: 'MultiPolygon', coordinates: [square('x', 0, 0).geometry.coordinates as Position[][], square('y', 5, 5).geometry.coordinates as Position[][]] },
    };
    const collection: UnitFeatureCollection = { type: 'FeatureCollection', features: [...row.features, multi] };
    expect(polygonCount(collection)).toBe(6);
    expect(subsetOf(collection, new Set(['A', 'M'])).features.map((f) => f.properties.code)).toEqual(['A', 'M']);
  });
});
