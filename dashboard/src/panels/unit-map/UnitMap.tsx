import { LinesChart } from 'echarts/charts';
import { GeoComponent, TooltipComponent } from 'echarts/components';
import { registerMap, use as registerChartParts } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { useNavigate } from '../../router/useAppLocation';
import { EChart } from '../../ui/charts/EChart';
import { useRemPx } from '../../ui/useRemPx';
import { formerProvinceBySlug, type FormerProvinceSlug } from '../../units/formerProvinces';
import { useUnitDirectory } from '../../units/UnitsContext';
import { groupOutlines, subsetOf, type UnitFeatureCollection } from './mapGeometry';
import { prepareMapOption } from './mapOption';
import type { RegionView, UnitMapView } from './prepareUnitMap';
import styles from './UnitMap.module.css';

// The map's parts are registered only when the map screen loads.
registerChartParts([GeoComponent, TooltipComponent, LinesChart, SVGRenderer]);

interface LoadedMap {
  name: string;
  outlines: ReturnType<typeof groupOutlines>;
}

/** GeoJSON of the 124 units (vietnamese-provinces-database, MIT: LICENSE-vietnamese-provinces-database.txt). */
const geometry: Promise<UnitFeatureCollection> = import('./lamdong-units.json').then(
  (module) => module.default as unknown as UnitFeatureCollection,
);
const registered = new Map<string, LoadedMap>();

/** Registers the map of an area once (the province, or one former province alone, filling the panel). */
function useRegisteredMap(area: FormerProvinceSlug | null): LoadedMap | null {
  const { units } = useUnitDirectory();
  const name = `lamdong-${area ?? 'all'}`;
  const [map, setMap] = useState<LoadedMap | null>(registered.get(name) ?? null);
  useEffect(() => {
    let cancelled = false;
    void geometry.then((all) => {
      let loaded = registered.get(name);
      if (!loaded) {
        const province = area === null ? null : formerProvinceBySlug(area)?.name;
        const members = units.filter((unit) => province === null || unit.formerProvince === province);
        const features = province === null ? all : subsetOf(all, new Set(members.map((unit) => unit.code)));
        const formerProvince = new Map(units.map((unit) => [unit.code, unit.formerProvince]));
        registerMap(name, features);
        loaded = {
          name,
          outlines: groupOutlines(features, (code) => formerProvince.get(code)),
        };
        registered.set(name, loaded);
      }
      if (!cancelled) setMap(loaded);
    });
    return () => {
      cancelled = true;
    };
  }, [name, area, units]);
  return map?.name === name ? map : null;
}

export interface UnitMapProps {
  /** Each unit's region: its band, figure and state (`prepareUnitMap`, or a report's own). */
  view: UnitMapView;
  area: FormerProvinceSlug | null;
  figureLabel: string;
}

/** The units on the map, coloured by the chosen figure; a click opens the unit. */
export function UnitMap({ view: computed, area, figureLabel }: UnitMapProps) {
  const { t } = useI18n();
  const rem = useRemPx();
  const navigate = useNavigate();
  const map = useRegisteredMap(area);
  // The regions are recomputed with every delta, but the map is drawn again (124 SVG paths) only
  // when what it shows changed: a colour, a figure, a silent unit.
  const signature = computed.regions
    .map((r) => `${r.code}:${r.band}:${r.state}:${r.silent}:${r.text}`)
    .join('|');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the signature stands for the regions
  const view = useMemo(() => computed, [signature, computed.scale.labels.join('|')]);
  const option = useMemo(() => {
    if (!map) return null;
    const tooltipOf = (region: RegionView) =>
      `<b>${region.name}</b><br/>${figureLabel}: ${region.state === 'no-data' ? t('grid.noData') : region.text}` +
      (region.silent ? `<br/>${t('grid.silent')}` : '');
    return prepareMapOption(view, map.name, map.outlines, tooltipOf, rem);
  }, [map, view, figureLabel, t, rem]);
  return (
    <div className={styles.map} data-testid="unit-map" data-regions={view.regions.length}>
      {option && (
        <EChart
          option={option}
          renderer="svg"
          ariaLabel={t('map.aria', { figure: figureLabel })}
          onClick={(click) => {
            if (click.name && /^\d{5}$/.test(click.name)) navigate({ screen: 'unit', unitCode: click.name });
          }}
        />
      )}
    </div>
  );
}
