import type { LinesSeriesOption } from 'echarts/charts';
import type { GeoComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { theme } from '../../ui/theme';
import type { Position } from './mapGeometry';
import type { RegionView, UnitMapView } from './prepareUnitMap';

/** What the map registers (UnitMap.tsx): a geo component, the outlines as lines, tooltips. */
export type MapOption = ComposeOption<GeoComponentOption | LinesSeriesOption | TooltipComponentOption>;

function regionStyle(region: RegionView, rem: number) {
  const silentBorder = region.silent
    ? { borderColor: theme.color.silent, borderWidth: rem * 0.18, borderType: 'dashed' as const }
    : {};
  if (region.state === 'no-data') {
    return {
      areaColor: theme.color.noDataSurface,
      borderColor: theme.color.noData,
      borderWidth: rem * 0.06,
      borderType: 'dashed' as const,
    };
  }
  const areaColor =
    region.band === null ? theme.nothingOpenSurface : theme.overdueShareBands[region.band]!.surface;
  return { areaColor, borderColor: theme.color.mapBorder, borderWidth: rem * 0.04, ...silentBorder };
}

/**
 * The units coloured by band, the former provinces outlined on top; regions are named by unit
 * code (GeoJSON property `code`), so a click names the unit.
 */
export function prepareMapOption(
  view: UnitMapView,
  mapName: string,
  outlines: readonly Position[][],
  tooltipOf: (region: RegionView) => string,
  rem: number,
): MapOption {
  const byCode = new Map(view.regions.map((region) => [region.code, region]));
  return {
    animation: false,
    tooltip: {
      trigger: 'item',
      backgroundColor: theme.color.surfaceRaised,
      borderColor: theme.color.border,
      textStyle: { color: theme.color.text, fontSize: Math.round(theme.fontSize.chartLabel * rem * 1.2) },
      formatter: (params: unknown) => {
        const region = byCode.get((params as { name?: string }).name ?? '');
        return region ? tooltipOf(region) : '';
      },
    },
    geo: {
      map: mapName,
      nameProperty: 'code',
      roam: false,
      layoutCenter: ['50%', '50%'],
      layoutSize: '96%',
      aspectScale: Math.cos((11.5 * Math.PI) / 180),
      selectedMode: false,
      label: { show: false },
      itemStyle: { areaColor: theme.color.noDataSurface, borderColor: theme.color.mapBorder },
      emphasis: {
        label: {
          show: true,
          color: theme.color.text,
          fontSize: Math.round(theme.fontSize.chartLabel * rem * 1.2),
          fontWeight: 'bold',
          textBorderColor: theme.color.background,
          textBorderWidth: rem * 0.2,
          formatter: (params: unknown) => byCode.get((params as { name?: string }).name ?? '')?.name ?? '',
        },
        itemStyle: { areaColor: theme.color.accent },
      },
      regions: view.regions.map((region) => ({ name: region.code, itemStyle: regionStyle(region, rem) })),
    },
    series: [
      {
        type: 'lines',
        coordinateSystem: 'geo',
        polyline: true,
        silent: true,
        lineStyle: { color: theme.color.formerProvinceBorder, width: rem * 0.16, opacity: 0.9 },
        data: outlines.map((coords) => ({ coords: coords.map((point) => [point[0], point[1]]) })),
        zlevel: 1,
      },
    ],
  };
}
