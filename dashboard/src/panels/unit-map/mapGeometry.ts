/** The part of GeoJSON the map reads: polygons of the units, keyed by the `code` property. */
export type Position = [number, number];
export interface UnitFeature {
  type: 'Feature';
  properties: { code: string; name: string };
  geometry:
    { type: 'Polygon'; coordinates: Position[][] } | { type: 'MultiPolygon'; coordinates: Position[][][] };
}
export interface UnitFeatureCollection {
  type: 'FeatureCollection';
  features: UnitFeature[];
}

function ringsOf(feature: UnitFeature): Position[][] {
  return feature.geometry.type === 'Polygon'
    ? feature.geometry.coordinates
    : feature.geometry.coordinates.flat();
}

const pointKey = (point: Position): string => `${point[0]},${point[1]}`;

/**
 * The outlines of groups of units (the former provinces): the borders between units of
 * different groups and the outer border, chained into polylines. The boundaries share their
 * vertices (a topological simplification), so an edge drawn by two units of the same group is
 * inside the group and left out.
 */
export function groupOutlines(
  collection: UnitFeatureCollection,
  groupOf: (code: string) => string | undefined,
): Position[][] {
  const edges = new Map<
    string,
    { from: Position; to: Position; groups: Set<string | undefined>; owners: number }
  >();
  for (const feature of collection.features) {
    const group = groupOf(feature.properties.code);
    for (const ring of ringsOf(feature)) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const from = ring[i]!;
        const to = ring[i + 1]!;
        const [a, b] = [pointKey(from), pointKey(to)];
        if (a === b) continue;
        const key = a < b ? `${a}|${b}` : `${b}|${a}`;
        const edge = edges.get(key) ?? { from, to, groups: new Set(), owners: 0 };
        edge.groups.add(group);
        edge.owners += 1;
        edges.set(key, edge);
      }
    }
  }
  // Kept: the outer border (one owner) and borders between groups.
  const kept = [...edges.values()].filter((edge) => edge.owners === 1 || edge.groups.size > 1);
  const byPoint = new Map<string, number[]>();
  kept.forEach((edge, index) => {
    for (const point of [edge.from, edge.to]) {
      const key = pointKey(point);
      byPoint.set(key, [...(byPoint.get(key) ?? []), index]);
    }
  });
  const used = new Set<number>();
  const lines: Position[][] = [];
  for (let start = 0; start < kept.length; start++) {
    if (used.has(start)) continue;
    used.add(start);
    const first = kept[start]!;
    const line: Position[] = [first.from, first.to];
    // Walk on from the line's end while an unused kept edge continues it.
    for (;;) {
      const end = line[line.length - 1]!;
      const next = (byPoint.get(pointKey(end)) ?? []).find((index) => !used.has(index));
      if (next === undefined) break;
      used.add(next);
      const edge = kept[next]!;
      line.push(pointKey(edge.from) === pointKey(end) ? edge.to : edge.from);
    }
    lines.push(line);
  }
  return lines;
}

/** Only the features of the given units: the map of one former province, filling the panel. */
export function subsetOf(
  collection: UnitFeatureCollection,
  codes: ReadonlySet<string>,
): UnitFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: collection.features.filter((feature) => codes.has(feature.properties.code)),
  };
}
