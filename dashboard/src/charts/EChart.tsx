import { BarChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';
import type { ChartOption } from './chartOption';

// Only what the wall draws is bundled; a new chart type is registered here and added to ChartOption.
use([BarChart, GridComponent, TooltipComponent, DataZoomComponent, LegendComponent, CanvasRenderer]);

const fill: CSSProperties = { width: '100%', height: '100%' };

export interface EChartProps {
  /** Memoise it upstream: a new object is what triggers `setOption`. */
  option: ChartOption;
  ariaLabel: string;
}

/** The one ECharts wrapper of the app: created on mount, disposed on unmount, resized with its box. */
export function EChart({ option, ariaLabel }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = init(container, null, { renderer: 'canvas' });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option);
  }, [option]);

  return <div ref={containerRef} style={fill} role="img" aria-label={ariaLabel} />;
}
