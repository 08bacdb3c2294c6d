import { init, type EChartsCoreOption, type EChartsType } from 'echarts/core';
import { useEffect, useRef } from 'react';
import styles from './EChart.module.css';
import './registerCharts';

export interface EChartClick {
  /** The data item's name (a unit code on the map), when the click hit one. */
  name: string | undefined;
  seriesIndex: number | undefined;
  dataIndex: number | undefined;
}

export interface EChartProps<O extends EChartsCoreOption> {
  /** Memoise it upstream: a new object is what triggers `setOption`. */
  option: O;
  ariaLabel: string;
  /** SVG draws every region as an element (crisp at 4K, countable by tests); canvas is the default. */
  renderer?: 'canvas' | 'svg';
  onClick?: (click: EChartClick) => void;
  testId?: string;
}

/**
 * The one ECharts wrapper of the app: created on mount, disposed on unmount (no chart outlives
 * its panel on a wall that runs for days), `setOption` only when the option object changed,
 * resized with its box. Chart types are registered by the modules that use them (tree-shaken).
 */
export function EChart<O extends EChartsCoreOption>({
  option,
  ariaLabel,
  renderer = 'canvas',
  onClick,
  testId,
}: EChartProps<O>) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = init(container, null, { renderer });
    chartRef.current = chart;
    chart.on('click', (params) => {
      const { name, seriesIndex, dataIndex } = params as {
        name?: string;
        seriesIndex?: number;
        dataIndex?: number;
      };
      clickRef.current?.({ name, seriesIndex, dataIndex });
    });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [renderer]);

  useEffect(() => {
    // notMerge: an option describes the whole chart, so a series that went away goes away.
    chartRef.current?.setOption(option, { notMerge: true, lazyUpdate: true });
  }, [option, renderer]);

  return (
    <div ref={containerRef} className={styles.chart} role="img" aria-label={ariaLabel} data-testid={testId} />
  );
}
