import React, { useEffect, useMemo, useRef, useState } from 'react';

import { axisTicks, fieldLabel } from '../chart/axes';
import { fitText, prepareCanvas } from '../chart/canvas';
import {
  IChartPalette,
  readChartPalette,
  runColor,
  runColorCss
} from '../chart/colors';
import {
  axisPixelX,
  distanceToPolyline,
  IParallelData,
  IParallelLine
} from '../chart/parallel-coordinates';
import { formatMetricValue } from '../format';
import { ChartTooltip } from './chart-tooltip';
import { useCanvasDraw, useChartFrame } from './use-chart-frame';

/** Space around the axes, in CSS pixels: titles above, tick labels beside. */
const MARGIN = { top: 30, right: 56, bottom: 12, left: 56 };

/** Props of {@link ParallelCoordinatesChart}. */
export interface IParallelCoordinatesChartProps {
  data: IParallelData;
  label: string;
  height?: number;
  /** Called when a run's line is clicked. */
  onOpenRun?: (runId: string) => void;
}

type Points = ({ x: number; y: number } | null)[];

/** Pixel positions of every line's vertices. */
function layout(data: IParallelData, width: number, height: number): Points[] {
  const count = data.axes.length;
  const right = width - MARGIN.right;
  const bottom = height - MARGIN.bottom;
  return data.lines.map(line =>
    line.fractions.map((fraction, index) =>
      fraction === null
        ? null
        : {
            x: axisPixelX(index, count, MARGIN.left, right),
            y: bottom - fraction * (bottom - MARGIN.top)
          }
    )
  );
}

function strokeLine(context: CanvasRenderingContext2D, points: Points): void {
  context.beginPath();
  let drawing = false;
  for (const point of points) {
    if (!point) {
      drawing = false;
      continue;
    }
    if (drawing) {
      context.lineTo(point.x, point.y);
    } else {
      context.moveTo(point.x, point.y);
      drawing = true;
    }
  }
  context.stroke();
}

/**
 * Parallel coordinates on a canvas: one axis per param and one for the metric, one line
 * per run in its run colour. Lines with higher metrics are drawn last, on top. Hovering
 * names the nearest line's run.
 */
export function ParallelCoordinatesChart(
  props: IParallelCoordinatesChartProps
): JSX.Element {
  const { data, label, height = 300, onOpenRun } = props;
  const container = useRef<HTMLDivElement>(null);
  const base = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const { width, theme } = useChartFrame(container);
  const [hover, setHover] = useState<number | null>(null);
  const [mouse, setMouse] = useState({ x: 0, y: 0 });
  const vertices = useMemo(
    () => (width > 0 ? layout(data, width, height) : []),
    [data, width, height]
  );

  useCanvasDraw(
    base,
    width,
    height,
    (context, palette) => {
      // Lowest metric first, so the best runs end up on top; runs without it below all.
      const order = data.lines
        .map((line, index) => ({ line, index }))
        .sort(
          (a, b) =>
            (a.line.metric ?? Number.NEGATIVE_INFINITY) -
            (b.line.metric ?? Number.NEGATIVE_INFINITY)
        );
      context.lineWidth = data.lines.length > 100 ? 1 : 1.5;
      context.globalAlpha = data.lines.length > 100 ? 0.55 : 0.85;
      for (const { line, index } of order) {
        context.strokeStyle = runColor(line.index, palette);
        strokeLine(context, vertices[index]);
      }
      context.globalAlpha = 1;
      drawAxes(context, palette, data, width, height);
    },
    [data, vertices, width, height, theme]
  );

  useEffect(() => {
    const canvas = overlay.current;
    if (!canvas || width <= 0) {
      return;
    }
    const context = prepareCanvas(canvas, width, height);
    if (!context || hover === null || !vertices[hover]) {
      return;
    }
    const palette = readChartPalette(canvas);
    context.strokeStyle = palette.highlight;
    context.lineWidth = 4;
    strokeLine(context, vertices[hover]);
    context.strokeStyle = runColor(data.lines[hover].index, palette);
    context.lineWidth = 2;
    strokeLine(context, vertices[hover]);
  }, [hover, vertices, data, width, height]);

  const lineAt = (
    event: React.MouseEvent<HTMLCanvasElement>
  ): number | null => {
    const bounds = event.currentTarget.getBoundingClientRect();
    const x = event.clientX - bounds.left;
    const y = event.clientY - bounds.top;
    let best: number | null = null;
    let bestDistance = 6;
    vertices.forEach((points, index) => {
      const distance = distanceToPolyline(x, y, points);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = index;
      }
    });
    return best;
  };

  const hovered: IParallelLine | null =
    hover === null ? null : data.lines[hover];
  return (
    <div
      ref={container}
      className="jp-mlstudio-chart jp-mlstudio-parallel-chart"
      style={{ height }}
      data-line-count={data.lines.length}
      data-axis-count={data.axes.length}
    >
      <canvas ref={base} role="img" aria-label={label} />
      <canvas
        ref={overlay}
        className="jp-mlstudio-chart-overlay"
        style={{ cursor: hover !== null && onOpenRun ? 'pointer' : 'default' }}
        onMouseMove={event => {
          const bounds = event.currentTarget.getBoundingClientRect();
          setMouse({
            x: event.clientX - bounds.left,
            y: event.clientY - bounds.top
          });
          setHover(lineAt(event));
        }}
        onMouseLeave={() => setHover(null)}
        onClick={event => {
          const index = lineAt(event);
          if (index !== null) {
            onOpenRun?.(data.lines[index].runId);
          }
        }}
      />
      {hovered ? (
        <ChartTooltip
          left={mouse.x + 12}
          top={mouse.y - 30}
          chartWidth={width}
          room={200}
        >
          <span
            className="jp-mlstudio-swatch"
            style={{ background: runColorCss(hovered.index) }}
          />
          {hovered.name}
          {': '}
          {hovered.metric === null ? '–' : formatMetricValue(hovered.metric)}
        </ChartTooltip>
      ) : null}
    </div>
  );
}

function drawAxes(
  context: CanvasRenderingContext2D,
  palette: IChartPalette,
  data: IParallelData,
  width: number,
  height: number
): void {
  const count = data.axes.length;
  const right = width - MARGIN.right;
  const bottom = height - MARGIN.bottom;
  const spacing = count > 1 ? (right - MARGIN.left) / (count - 1) : width;
  context.font = palette.font;
  data.axes.forEach((axis, index) => {
    const x = Math.round(axisPixelX(index, count, MARGIN.left, right)) + 0.5;
    context.strokeStyle = palette.axis;
    context.lineWidth = 1;
    context.beginPath();
    context.moveTo(x, MARGIN.top);
    context.lineTo(x, bottom);
    context.stroke();
    // Title above the axis.
    context.fillStyle = palette.highlight;
    context.textAlign = 'center';
    context.textBaseline = 'bottom';
    const title =
      axis.field.kind === 'metric' ? fieldLabel(axis.field) : axis.field.key;
    context.fillText(
      fitText(context, title, Math.max(40, spacing - 6)),
      x,
      MARGIN.top - 10
    );
    // Ticks: labels on the axis's left, with a halo so lines do not hide them.
    context.fillStyle = palette.text;
    context.textAlign = 'right';
    context.textBaseline = 'middle';
    const ticks = axisTicks(
      axis,
      Math.max(2, (bottom - MARGIN.top) / 36),
      formatMetricValue
    );
    for (const tick of ticks) {
      const y = bottom - tick.fraction * (bottom - MARGIN.top);
      context.beginPath();
      context.moveTo(x - 3, y);
      context.lineTo(x + 3, y);
      context.stroke();
      const text = fitText(
        context,
        tick.label,
        Math.max(30, Math.min(90, spacing / 2 - 8))
      );
      context.lineWidth = 3;
      context.strokeStyle = palette.background;
      context.strokeText(text, x - 5, y);
      context.fillText(text, x - 5, y);
      context.lineWidth = 1;
      context.strokeStyle = palette.axis;
    }
  });
}
