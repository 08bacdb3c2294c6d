import type { LiveFigures, Unit } from '@ioc/shared';
import { formatCount, formatRating, formatShare, MISSING_FIGURE } from '../../format/figures';
import { overdueShare, type UnitLiveMetrics } from '../../live/entries';
import type { MapFigure } from '../../router/routes';
import { overdueShareBand, theme } from '../../ui/theme';
import { shortUnitName } from '../../units/unitName';

/**
 * A colour scale of five bands from the theme's palette: band 0 is calm, band 4 needs attention,
 * whichever way the figure runs (a high on-time share is calm, a high overdue count is not).
 */
export interface MapScale {
  labels: string[];
  bandOf(value: number): number;
}

const BANDS = theme.overdueShareBands.length;

/** 1, 2, 5, 10, 20, 50…: the smallest such step at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= raw) ?? 10 * power;
}

/** Fixed thresholds, highest best (on-time share, rating): at or above `thresholds[i]` is band 3−i … */
function fixedScale(thresholds: readonly number[], format: (value: number) => string): MapScale {
  // thresholds ascending, 4 of them; a value below the first is band 4 (worst), at or above the last band 0.
  return {
    labels: [
      `≥ ${format(thresholds[3]!)}`,
      `${format(thresholds[2]!)}–${format(thresholds[3]!)}`,
      `${format(thresholds[1]!)}–${format(thresholds[2]!)}`,
      `${format(thresholds[0]!)}–${format(thresholds[1]!)}`,
      `< ${format(thresholds[0]!)}`,
    ],
    bandOf: (value) => BANDS - 1 - thresholds.filter((threshold) => value >= threshold).length,
  };
}

/** Counts: five equal bands of a round step up to the largest value, so the scale reads at a glance. */
function countScale(values: readonly number[]): MapScale {
  const step = niceStep(Math.max(1, ...values) / BANDS);
  return {
    labels: Array.from({ length: BANDS }, (_, band) =>
      band === BANDS - 1
        ? `≥ ${formatCount(band * step)}`
        : `${formatCount(band * step)}–${formatCount((band + 1) * step - 1)}`,
    ),
    bandOf: (value) => Math.min(BANDS - 1, Math.floor(value / step)),
  };
}

interface FigureDefinition {
  value(unit: LiveFigures): number | null;
  /** Which way needs attention: a high overdue count, a low on-time share. */
  worse: 'higher' | 'lower';
  format(value: number | null): string;
  scale(values: readonly number[]): MapScale;
}

const share = (value: number | null) => formatShare(value);

export const MAP_FIGURE_DEFINITIONS: Record<MapFigure, FigureDefinition> = {
  'overdue-share': {
    value: (unit) => overdueShare(unit),
    worse: 'higher',
    format: share,
    scale: () => ({
      labels: theme.overdueShareBands.map((band) => band.label),
      bandOf: (value) => overdueShareBand(value) ?? 0,
    }),
  },
  overdue: {
    value: (unit) => unit.overdue,
    worse: 'higher',
    format: (v) => (v === null ? MISSING_FIGURE : formatCount(v)),
    scale: countScale,
  },
  backlog: {
    value: (unit) => unit.backlog,
    worse: 'higher',
    format: (v) => (v === null ? MISSING_FIGURE : formatCount(v)),
    scale: countScale,
  },
  'received-today': {
    value: (unit) => unit.receivedToday,
    worse: 'higher',
    format: (v) => (v === null ? MISSING_FIGURE : formatCount(v)),
    scale: countScale,
  },
  'on-time-30d': {
    value: (unit) => unit.onTimeRate30d,
    worse: 'lower',
    format: share,
    scale: () => fixedScale([0.8, 0.9, 0.95, 0.98], (v) => formatShare(v)),
  },
  'rating-30d': {
    value: (unit) => unit.ratingAverage30d,
    worse: 'lower',
    format: (v) => formatRating(v),
    scale: () => fixedScale([3.5, 4, 4.3, 4.6], (v) => formatRating(v)),
  },
};

export type RegionState = 'value' | 'no-value' | 'no-data';

export interface RegionView {
  code: string;
  name: string;
  state: RegionState;
  silent: boolean;
  /** The band's index; null without a value. */
  band: number | null;
  value: number | null;
  text: string;
}

export interface UnitMapView {
  regions: RegionView[];
  scale: MapScale;
}

/** Each unit's figure and band. "No data" (never sent an event) and "no value" (nothing to divide) are not zero. */
export function prepareUnitMap(
  units: readonly Unit[],
  metrics: ReadonlyMap<string, UnitLiveMetrics>,
  figure: MapFigure,
): UnitMapView {
  const definition = MAP_FIGURE_DEFINITIONS[figure];
  const measured = units.map((unit) => {
    const live = metrics.get(unit.code);
    const hasData = live !== undefined && live.lastEventAt !== null;
    return { unit, live, hasData, value: hasData ? definition.value(live) : null };
  });
  const scale = definition.scale(measured.flatMap((item) => (item.value === null ? [] : [item.value])));
  return {
    scale,
    regions: measured.map(({ unit, live, hasData, value }) => ({
      code: unit.code,
      name: shortUnitName(unit.name),
      state: !hasData ? 'no-data' : value === null ? 'no-value' : 'value',
      silent: live?.silent ?? false,
      band: value === null ? null : scale.bandOf(value),
      value,
      text: hasData ? definition.format(value) : MISSING_FIGURE,
    })),
  };
}

/** The units that need attention most on the figure: worst band first, then the worse value; ties by name. */
export function unitsNeedingAttention(view: UnitMapView, figure: MapFigure, count: number): RegionView[] {
  const sign = MAP_FIGURE_DEFINITIONS[figure].worse === 'higher' ? 1 : -1;
  return view.regions
    .filter(
      (region): region is RegionView & { value: number; band: number } =>
        region.value !== null && region.band !== null,
    )
    .sort((a, b) => b.band - a.band || sign * (b.value - a.value) || a.name.localeCompare(b.name, 'vi'))
    .slice(0, count);
}
