import React, { useEffect, useLayoutEffect, useRef, useState } from 'react';

import { downsample } from '../chart/downsample';
import {
  drawableDomain,
  IDomain,
  linearScale,
  niceTicks
} from '../chart/scale';
import { formatMetricValue } from '../format';
import type { ISeriesPoint } from '../models/metric-series';

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

/** Colours of the chart, read from JupyterLab's theme variables. */
interface IPalette {
  line: string;
  grid: string;
  text: string;
  font: string;
}

function readPalette(node: Element): IPalette {
  const style = getComputedStyle(node);
  const variable = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback;
  return {
    line: variable('--jp-brand-color1', '#1976d2'),
    grid: variable('--jp-border-color2', '#e0e0e0'),
    text: variable('--jp-ui-font-color2', '#616161'),
    font: `10px ${variable('--jp-ui-font-family', 'sans-serif')}`
  };
}

/** The point of `drawn` (ordered by step) nearest to `step`. */
function nearest(
  drawn: readonly ISeriesPoint[],
  step: number
): ISeriesPoint | null {
  if (drawn.length === 0) {
    return null;
  }
  let low = 0;
  let high = drawn.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (drawn[middle].step < step) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  const before = drawn[Math.max(0, low - 1)];
  const after = drawn[low];
  return Math.abs(before.step - step) <= Math.abs(after.step - step)
    ? before
    : after;
}

/** What a drawing needs to answer hovering: scales and the drawn points. */
interface IDrawing {
  drawn: ISeriesPoint[];
  x: IDomain;
  toPixelX: (step: number) => number;
  toPixelY: (value: number) => number;
  fromPixelX: (pixel: number) => number;
}

/**
 * A line chart of one metric on a canvas, steps across and values up.
 *
 * Long series are downsampled to the budget (and to twice the plot's width in pixels,
 * which is all a screen can show), and drawing happens at most once per animation
 * frame, so a series that grows by thousands of points stays smooth.
 */
export function LineChart(props: ILineChartProps): JSX.Element {
  const { points, version, budget, label, height = 180 } = props;
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<IDrawing | null>(null);
  const [width, setWidth] = useState(0);
  const [theme, setTheme] = useState(0);
  const [drawnCount, setDrawnCount] = useState(0);
  const [hover, setHover] = useState<{
    point: ISeriesPoint;
    left: number;
    top: number;
  } | null>(null);

  useLayoutEffect(() => {
    const node = container.current;
    if (!node) {
      return;
    }
    setWidth(node.clientWidth);
    if (typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(() => setWidth(node.clientWidth));
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  // A theme change swaps the colours; redraw with the new ones.
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(value => value + 1));
    observer.observe(document.body, {
      attributes: true,
      attributeFilter: ['data-jp-theme-name', 'data-jp-theme-light']
    });
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const node = canvas.current;
      if (!node || width <= 0) {
        return;
      }
      const result = draw(node, points, width, height, budget);
      drawing.current = result;
      setDrawnCount(result?.drawn.length ?? 0);
    });
    return () => cancelAnimationFrame(frame);
  }, [points, version, width, height, budget, theme]);

  const onMouseMove = (event: React.MouseEvent<HTMLCanvasElement>): void => {
    const current = drawing.current;
    if (!current || current.drawn.length === 0) {
      return;
    }
    const bounds = event.currentTarget.getBoundingClientRect();
    const step = current.fromPixelX(event.clientX - bounds.left);
    const point = nearest(current.drawn, step);
    if (point) {
      setHover({
        point,
        left: current.toPixelX(point.step),
        top: current.toPixelY(point.value)
      });
    }
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
          <div
            className="jp-mlstudio-chart-marker"
            style={{ left: hover.left - 3, top: hover.top - 3 }}
          />
          <div
            className="jp-mlstudio-chart-tooltip"
            style={{
              left: Math.min(hover.left + 8, Math.max(0, width - 120)),
              top: Math.max(0, hover.top - 28)
            }}
          >
            {`step ${hover.point.step}: ${formatMetricValue(hover.point.value)}`}
          </div>
        </>
      ) : null}
    </div>
  );
}

/** Draw the series; returns what hovering needs, or null when nothing can be drawn. */
function draw(
  canvas: HTMLCanvasElement,
  points: readonly ISeriesPoint[],
  width: number,
  height: number,
  budget: number
): IDrawing | null {
  const ratio = window.devicePixelRatio || 1;
  if (
    canvas.width !== Math.round(width * ratio) ||
    canvas.height !== Math.round(height * ratio)
  ) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const context = canvas.getContext('2d');
  if (!context) {
    return null;
  }
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  const palette = readPalette(canvas);
  const plotWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotHeight = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const drawn = downsample(
    points,
    Math.min(budget, Math.max(2, Math.round(plotWidth * 2)))
  );
  if (drawn.length === 0) {
    return null;
  }

  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const point of drawn) {
    low = Math.min(low, point.value);
    high = Math.max(high, point.value);
  }
  const y = drawableDomain(low, high);
  const pad = (y.max - y.min) * 0.05;
  const yDomain = { min: y.min - pad, max: y.max + pad };
  const xDomain = drawableDomain(drawn[0].step, drawn[drawn.length - 1].step);
  const toPixelX = linearScale(xDomain, MARGIN.left, MARGIN.left + plotWidth);
  const toPixelY = linearScale(yDomain, MARGIN.top + plotHeight, MARGIN.top);

  // Grid and labels.
  context.font = palette.font;
  context.lineWidth = 1;
  context.strokeStyle = palette.grid;
  context.fillStyle = palette.text;
  context.textBaseline = 'middle';
  context.textAlign = 'right';
  for (const tick of niceTicks(yDomain, Math.max(2, plotHeight / 40))) {
    const pixel = Math.round(toPixelY(tick)) + 0.5;
    context.beginPath();
    context.moveTo(MARGIN.left, pixel);
    context.lineTo(MARGIN.left + plotWidth, pixel);
    context.stroke();
    context.fillText(formatMetricValue(tick), MARGIN.left - 6, pixel);
  }
  context.textBaseline = 'top';
  context.textAlign = 'center';
  for (const tick of niceTicks(xDomain, Math.max(2, plotWidth / 80), true)) {
    const pixel = Math.round(toPixelX(tick)) + 0.5;
    context.beginPath();
    context.moveTo(pixel, MARGIN.top + plotHeight);
    context.lineTo(pixel, MARGIN.top + plotHeight + 4);
    context.stroke();
    context.fillText(String(tick), pixel, MARGIN.top + plotHeight + 6);
  }

  // The series.
  context.strokeStyle = palette.line;
  context.lineWidth = 1.5;
  context.lineJoin = 'round';
  context.beginPath();
  drawn.forEach((point, index) => {
    const px = toPixelX(point.step);
    const py = toPixelY(point.value);
    if (index === 0) {
      context.moveTo(px, py);
    } else {
      context.lineTo(px, py);
    }
  });
  context.stroke();
  const last = drawn[drawn.length - 1];
  context.fillStyle = palette.line;
  context.beginPath();
  context.arc(toPixelX(last.step), toPixelY(last.value), 2.5, 0, 2 * Math.PI);
  context.fill();

  const scaleX = (xDomain.max - xDomain.min) / plotWidth;
  return {
    drawn,
    x: xDomain,
    toPixelX,
    toPixelY,
    fromPixelX: pixel => xDomain.min + (pixel - MARGIN.left) * scaleX
  };
}
