import React, { useRef, useState } from 'react';

import type { IChartPalette } from '../chart/colors';
import {
  drawLineAxes,
  ILineLayout,
  layoutLines,
  markLonePoints,
  nearestIndex,
  strokeSeries
} from '../chart/lines';
import { formatMetricValue } from '../format';
import type { ISeriesPoint } from '../models/metric-series';
import { ChartMarker, ChartTooltip } from './chart-tooltip';
import { useCanvasDraw, useChartFrame } from './use-chart-frame';

/** Space around the plot for the axes' labels, in CSS pixels. */
const MARGIN = { top: 8, right: 12, bottom: 22, left: 52 };

/** Props of {@link LineChart}. */
export interface ILineChartProps {
  /** The series, ordered by step. */
  points: readonly ISeriesPoint[];
  /** Changes whenever `points` changes (the array may be mutated in place). */
  version: number;
  /** Most points drawn; longer series are downsampled to this. */
  budget: number;
  /** Accessible name, e.g. the metric's key. */
  label: string;
  /** Height in CSS pixels. Default: 180. */
  height?: number;
}

/**
 * A line chart of one metric on a canvas, steps across and values up.
 *
 * Long series are downsampled to the budget (and to what the plot's width can show),
 * and drawing happens at most once per animation frame, so a series that grows by
 * thousands of points stays smooth.
 */
export function LineChart(props: ILineChartProps): JSX.Element {
  const { points, version, budget, label, height = 180 } = props;
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const layout = useRef<ILineLayout | null>(null);
  const { width, theme } = useChartFrame(container);
  const [drawnCount, setDrawnCount] = useState(0);
  const [hover, setHover] = useState<{
    point: ISeriesPoint;
    left: number;
    top: number;
  } | null>(null);

  useCanvasDraw(
    canvas,
    width,
    height,
    (context, palette) => {
      layout.current = draw(context, palette, points, width, height, budget);
      setDrawnCount(layout.current?.drawn[0].length ?? 0);
    },
    [points, version, width, height, budget, theme]
  );

  const onMouseMove = (event: React.MouseEvent<HTMLCanvasElement>): void => {
    const current = layout.current;
    const drawn = current?.drawn[0] ?? [];
    if (!current || drawn.length === 0) {
      return;
    }
    const bounds = event.currentTarget.getBoundingClientRect();
    const x = current.fromPixelX(event.clientX - bounds.left);
    const point = drawn[nearestIndex(drawn, x)];
    setHover({
      point,
      left: current.toPixelX(point.step),
      top: current.toPixelY(point.value)
    });
  };

  return (
    <div
      ref={container}
      className="jp-mlstudio-chart"
      style={{ height }}
      data-point-count={points.length}
      data-drawn-count={drawnCount}
    >
      <canvas
        ref={canvas}
        role="img"
        aria-label={label}
        onMouseMove={onMouseMove}
        onMouseLeave={() => setHover(null)}
      />
      {hover ? (
        <>
          <ChartMarker left={hover.left} top={hover.top} />
          <ChartTooltip
            left={hover.left + 8}
            top={hover.top - 28}
            chartWidth={width}
            room={120}
          >
            {`step ${hover.point.step}: ${formatMetricValue(hover.point.value)}`}
          </ChartTooltip>
        </>
      ) : null}
    </div>
  );
}

/** Draw the series; returns its layout, or null when nothing can be drawn. */
function draw(
  context: CanvasRenderingContext2D,
  palette: IChartPalette,
  points: readonly ISeriesPoint[],
  width: number,
  height: number,
  budget: number
): ILineLayout | null {
  const layout = layoutLines([points], width, height, MARGIN, budget);
  if (!layout) {
    return null;
  }
  drawLineAxes(context, palette, layout, { tickSpacing: 80, isTime: false });
  const drawn = layout.drawn[0];
  context.strokeStyle = palette.series;
  context.lineWidth = 1.5;
  context.lineJoin = 'round';
  strokeSeries(context, drawn, layout);
  context.fillStyle = palette.series;
  markLonePoints(context, drawn, layout);
  // The newest point, where a live series grows.
  const last = drawn[drawn.length - 1];
  context.beginPath();
  context.arc(
    layout.toPixelX(last.step),
    layout.toPixelY(last.value),
    2.5,
    0,
    2 * Math.PI
  );
  context.fill();
  return layout;
}
