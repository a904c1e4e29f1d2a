import React, { useEffect, useRef, useState } from 'react';

import { fitText, prepareCanvas, readChartPalette } from '../chart/canvas';
import { curvesDomain } from '../chart/curves';
import { downsample } from '../chart/downsample';
import { IDomain, linearScale, niceTicks } from '../chart/scale';
import { formatDuration, formatMetricValue } from '../format';
import type { ISeriesPoint } from '../models/metric-series';
import { useChartFrame } from './use-chart-frame';

/** Space around the plot for the axes' labels, in CSS pixels. */
const MARGIN = { top: 8, right: 12, bottom: 22, left: 56 };

/** One run's curve. */
export interface ICurve {
  id: string;
  name: string;
  color: string;
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
}

/** What hovering needs of a drawing. */
interface IDrawing {
  drawn: { curve: ICurve; points: ISeriesPoint[] }[];
  toPixelX: (x: number) => number;
  toPixelY: (y: number) => number;
  fromPixelX: (pixel: number) => number;
}

function nearestIndex(points: readonly ISeriesPoint[], x: number): number {
  let low = 0;
  let high = points.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (points[middle].step < x) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  if (
    low > 0 &&
    Math.abs(points[low - 1].step - x) <= Math.abs(points[low].step - x)
  ) {
    return low - 1;
  }
  return low;
}

/**
 * Curves of several runs on one canvas. Each curve is downsampled to what the plot's
 * width can show (keeping extremes), drawing happens once per animation frame, and the
 * hovered curve is drawn on a second canvas, so hovering over hundreds of curves does
 * not redraw them all.
 */
export function MultiLineChart(props: IMultiLineChartProps): JSX.Element {
  const { curves, version, budget, xIsTime, label, height = 220 } = props;
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

  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (base.current && width > 0) {
        drawing.current = drawCurves(
          base.current,
          curves,
          width,
          height,
          budget,
          xIsTime
        );
        setDrawnCount(
          drawing.current?.drawn.filter(item => item.points.length > 0)
            .length ?? 0
        );
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [curves, version, width, height, budget, xIsTime, theme]);

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
    const drawn = current.drawn.find(item => item.curve.id === hover.curve.id);
    if (drawn) {
      context.strokeStyle = hover.curve.color;
      context.lineWidth = 2.5;
      strokePoints(context, drawn.points, current.toPixelX, current.toPixelY);
    }
    context.fillStyle = hover.curve.color;
    context.beginPath();
    context.arc(hover.left, hover.top, 3.5, 0, 2 * Math.PI);
    context.fill();
  }, [hover, width, height]);

  const onMouseMove = (event: React.MouseEvent<HTMLCanvasElement>): void => {
    const current = drawing.current;
    if (!current) {
      return;
    }
    const bounds = event.currentTarget.getBoundingClientRect();
    const mouseX = event.clientX - bounds.left;
    const mouseY = event.clientY - bounds.top;
    const x = current.fromPixelX(mouseX);
    let best: typeof hover = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const { curve, points } of current.drawn) {
      if (points.length === 0) {
        continue;
      }
      const point = points[nearestIndex(points, x)];
      const left = current.toPixelX(point.step);
      const top = current.toPixelY(point.value);
      const distance = Math.hypot((left - mouseX) / 4, top - mouseY);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = { curve, point, left, top };
      }
    }
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
        <div
          className="jp-mlstudio-chart-tooltip"
          style={{
            left: Math.min(hover.left + 10, Math.max(0, width - 200)),
            top: Math.max(0, hover.top - 34)
          }}
        >
          <span
            className="jp-mlstudio-swatch"
            style={{ background: hover.curve.color }}
          />
          {hover.curve.name}
          <br />
          {`${xIsTime ? formatDuration(hover.point.step * 1000) : `step ${hover.point.step}`}: ${formatMetricValue(hover.point.value)}`}
        </div>
      ) : null}
    </div>
  );
}

function strokePoints(
  context: CanvasRenderingContext2D,
  points: readonly ISeriesPoint[],
  toPixelX: (x: number) => number,
  toPixelY: (y: number) => number
): void {
  context.beginPath();
  let drawing = false;
  for (const point of points) {
    if (!Number.isFinite(point.value)) {
      drawing = false;
      continue;
    }
    const px = toPixelX(point.step);
    const py = toPixelY(point.value);
    if (drawing) {
      context.lineTo(px, py);
    } else {
      context.moveTo(px, py);
      drawing = true;
    }
  }
  context.stroke();
}

function drawAxes(
  context: CanvasRenderingContext2D,
  palette: ReturnType<typeof readChartPalette>,
  x: IDomain,
  y: IDomain,
  plot: { width: number; height: number },
  xIsTime: boolean
): void {
  const toPixelX = linearScale(x, MARGIN.left, MARGIN.left + plot.width);
  const toPixelY = linearScale(y, MARGIN.top + plot.height, MARGIN.top);
  context.font = palette.font;
  context.lineWidth = 1;
  context.strokeStyle = palette.grid;
  context.fillStyle = palette.text;
  context.textBaseline = 'middle';
  context.textAlign = 'right';
  for (const tick of niceTicks(y, Math.max(2, plot.height / 40))) {
    const pixel = Math.round(toPixelY(tick)) + 0.5;
    context.beginPath();
    context.moveTo(MARGIN.left, pixel);
    context.lineTo(MARGIN.left + plot.width, pixel);
    context.stroke();
    context.fillText(formatMetricValue(tick), MARGIN.left - 6, pixel);
  }
  context.textBaseline = 'top';
  context.textAlign = 'center';
  for (const tick of niceTicks(x, Math.max(2, plot.width / 90), !xIsTime)) {
    const pixel = Math.round(toPixelX(tick)) + 0.5;
    context.beginPath();
    context.moveTo(pixel, MARGIN.top + plot.height);
    context.lineTo(pixel, MARGIN.top + plot.height + 4);
    context.stroke();
    const text = xIsTime ? formatDuration(tick * 1000) : String(tick);
    context.fillText(
      fitText(context, text, 80),
      pixel,
      MARGIN.top + plot.height + 6
    );
  }
}

function drawCurves(
  canvas: HTMLCanvasElement,
  curves: readonly ICurve[],
  width: number,
  height: number,
  budget: number,
  xIsTime: boolean
): IDrawing | null {
  const context = prepareCanvas(canvas, width, height);
  if (!context) {
    return null;
  }
  const palette = readChartPalette(canvas);
  const plot = {
    width: Math.max(10, width - MARGIN.left - MARGIN.right),
    height: Math.max(10, height - MARGIN.top - MARGIN.bottom)
  };
  const perCurve = Math.min(budget, Math.max(2, Math.round(plot.width * 2)));
  const drawn = curves.map(curve => ({
    curve,
    points: downsample(curve.points, perCurve)
  }));
  const domain = curvesDomain(drawn.map(item => item.points));
  if (!domain) {
    return null;
  }
  drawAxes(context, palette, domain.x, domain.y, plot, xIsTime);
  const toPixelX = linearScale(domain.x, MARGIN.left, MARGIN.left + plot.width);
  const toPixelY = linearScale(domain.y, MARGIN.top + plot.height, MARGIN.top);
  context.lineWidth = curves.length > 50 ? 1 : 1.5;
  context.lineJoin = 'round';
  context.globalAlpha = curves.length > 50 ? 0.6 : 0.9;
  for (const { curve, points } of drawn) {
    context.strokeStyle = curve.color;
    strokePoints(context, points, toPixelX, toPixelY);
  }
  context.globalAlpha = 1;
  const scaleX = (domain.x.max - domain.x.min) / plot.width;
  return {
    drawn,
    toPixelX,
    toPixelY,
    fromPixelX: pixel => domain.x.min + (pixel - MARGIN.left) * scaleX
  };
}
