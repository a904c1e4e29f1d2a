import React, { useEffect, useRef, useState } from 'react';

import { prepareCanvas } from '../chart/canvas';
import { IChartPalette, runColor } from '../chart/colors';
import {
  drawLineAxes,
  ILineLayout,
  layoutLines,
  markLonePoints,
  nearestIndex,
  strokeSeries
} from '../chart/lines';
import { formatDuration, formatMetricValue } from '../format';
import type { ISeriesPoint } from '../models/metric-series';
import { ChartTooltip } from './chart-tooltip';
import { useCanvasDraw, useChartFrame } from './use-chart-frame';

/** Space around the plot for the axes' labels, in CSS pixels. */
const MARGIN = { top: 8, right: 12, bottom: 22, left: 56 };

/** One run's curve. */
export interface ICurve {
  id: string;
  name: string;
  /** Its colour when it has no {@link colorIndex}. */
  color: string;
  /**
   * Its run colour (see `runColor`), which follows the theme: drawn in the theme's colour
   * of this index instead of {@link color}.
   */
  colorIndex?: number;
  /** Ordered by x (`step` holds the x value). */
  points: readonly ISeriesPoint[];
}

/** Props of {@link MultiLineChart}. */
export interface IMultiLineChartProps {
  curves: readonly ICurve[];
  /** Changes whenever a curve's points change. */
  version: string | number;
  /** Most points drawn per curve. */
  budget: number;
  /** Whether x is seconds (labels as durations) rather than steps. */
  xIsTime: boolean;
  /** Accessible name. */
  label: string;
  height?: number;
  /** Whether the value axis starts at 0 (values that are never negative). */
  yFromZero?: boolean;
}

/** What hovering needs of a drawing: the curves drawn and their layout. */
interface IDrawing {
  curves: readonly ICurve[];
  layout: ILineLayout;
}

/**
 * Curves of several runs on one canvas. Each curve is downsampled to what the plot's
 * width can show (keeping extremes), drawing happens once per animation frame, and the
 * hovered curve is drawn on a second canvas, so hovering over hundreds of curves does
 * not redraw them all.
 */
export function MultiLineChart(props: IMultiLineChartProps): JSX.Element {
  const {
    curves,
    version,
    budget,
    xIsTime,
    label,
    height = 220,
    yFromZero = false
  } = props;
  const container = useRef<HTMLDivElement>(null);
  const base = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<IDrawing | null>(null);
  const { width, theme } = useChartFrame(container);
  const [drawnCount, setDrawnCount] = useState(0);
  const [hover, setHover] = useState<{
    curve: ICurve;
    point: ISeriesPoint;
    left: number;
    top: number;
  } | null>(null);

  useCanvasDraw(
    base,
    width,
    height,
    (context, palette) => {
      const layout = drawCurves(
        context,
        palette,
        curves,
        width,
        height,
        budget,
        xIsTime,
        yFromZero
      );
      drawing.current = layout ? { curves, layout } : null;
      setDrawnCount(
        layout?.drawn.filter(points => points.length > 0).length ?? 0
      );
    },
    [curves, version, width, height, budget, xIsTime, yFromZero, theme]
  );

  useEffect(() => {
    const canvas = overlay.current;
    if (!canvas || width <= 0) {
      return;
    }
    const context = prepareCanvas(canvas, width, height);
    const current = drawing.current;
    if (!context || !hover || !current) {
      return;
    }
    const index = current.curves.findIndex(
      curve => curve.id === hover.curve.id
    );
    const color = curveColor(hover.curve);
    if (index !== -1) {
      context.strokeStyle = color;
      context.lineWidth = 2.5;
      strokeSeries(context, current.layout.drawn[index], current.layout);
    }
    context.fillStyle = color;
    context.beginPath();
    context.arc(hover.left, hover.top, 3.5, 0, 2 * Math.PI);
    context.fill();
  }, [hover, width, height]);

  const onMouseMove = (event: React.MouseEvent<HTMLCanvasElement>): void => {
    const current = drawing.current;
    if (!current) {
      return;
    }
    const { curves: drawnCurves, layout } = current;
    const bounds = event.currentTarget.getBoundingClientRect();
    const mouseX = event.clientX - bounds.left;
    const mouseY = event.clientY - bounds.top;
    const x = layout.fromPixelX(mouseX);
    let best: typeof hover = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    layout.drawn.forEach((points, index) => {
      if (points.length === 0) {
        return;
      }
      const point = points[nearestIndex(points, x)];
      const left = layout.toPixelX(point.step);
      const top = layout.toPixelY(point.value);
      const distance = Math.hypot((left - mouseX) / 4, top - mouseY);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = { curve: drawnCurves[index], point, left, top };
      }
    });
    setHover(best);
  };

  return (
    <div
      ref={container}
      className="jp-mlstudio-chart jp-mlstudio-multi-chart"
      style={{ height }}
      data-curve-count={curves.length}
      data-drawn-count={drawnCount}
    >
      <canvas ref={base} role="img" aria-label={label} />
      <canvas
        ref={overlay}
        className="jp-mlstudio-chart-overlay"
        onMouseMove={onMouseMove}
        onMouseLeave={() => setHover(null)}
      />
      {hover ? (
        <ChartTooltip
          left={hover.left + 10}
          top={hover.top - 34}
          chartWidth={width}
          room={200}
        >
          <span
            className="jp-mlstudio-swatch"
            style={{ background: curveColor(hover.curve) }}
          />
          {hover.curve.name}
          <br />
          {`${xIsTime ? formatDuration(hover.point.step * 1000) : `step ${hover.point.step}`}: ${formatMetricValue(hover.point.value)}`}
        </ChartTooltip>
      ) : null}
    </div>
  );
}

/** Draw every curve; returns the layout, or null when nothing can be drawn. */
function drawCurves(
  context: CanvasRenderingContext2D,
  palette: IChartPalette,
  curves: readonly ICurve[],
  width: number,
  height: number,
  budget: number,
  xIsTime: boolean,
  yFromZero: boolean
): ILineLayout | null {
  const layout = layoutLines(
    curves.map(curve => curve.points),
    width,
    height,
    MARGIN,
    budget,
    yFromZero
  );
  if (!layout) {
    return null;
  }
  drawLineAxes(context, palette, layout, { tickSpacing: 90, isTime: xIsTime });
  context.lineWidth = curves.length > 50 ? 1 : 1.5;
  context.lineJoin = 'round';
  context.globalAlpha = curves.length > 50 ? 0.6 : 0.9;
  curves.forEach((curve, index) => {
    const color = curveColor(curve, palette);
    context.strokeStyle = color;
    context.fillStyle = color;
    strokeSeries(context, layout.drawn[index], layout);
    markLonePoints(context, layout.drawn[index], layout);
  });
  context.globalAlpha = 1;
  return layout;
}

/** The colour a curve is drawn in, for the theme in effect. */
export function curveColor(curve: ICurve, palette?: IChartPalette): string {
  return curve.colorIndex === undefined
    ? curve.color
    : runColor(curve.colorIndex, palette);
}
