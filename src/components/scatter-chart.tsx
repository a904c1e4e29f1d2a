import React, { useRef, useState } from 'react';

import { axisTicks, fieldLabel } from '../chart/axes';
import { fitText } from '../chart/canvas';
import { runColor, setAxisStyle } from '../chart/colors';
import {
  IScatterData,
  IScatterPoint,
  nearestPoint
} from '../chart/scatter-data';
import { formatMetricValue } from '../format';
import { ChartMarker, ChartTooltip } from './chart-tooltip';
import { useCanvasDraw, useChartFrame } from './use-chart-frame';

/** Space around the plot, in CSS pixels. */
const MARGIN = { top: 10, right: 16, bottom: 40, left: 72 };

/** Props of {@link ScatterChart}. */
export interface IScatterChartProps {
  data: IScatterData;
  label: string;
  height?: number;
  onOpenRun?: (runId: string) => void;
}

function formatValue(value: string | number): string {
  return typeof value === 'number' ? formatMetricValue(value) : value;
}

/** A scatter of runs on a canvas; hovering names the nearest run, clicking opens it. */
export function ScatterChart(props: IScatterChartProps): JSX.Element {
  const { data, label, height = 300, onOpenRun } = props;
  const container = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { width, theme } = useChartFrame(container);
  const [hover, setHover] = useState<IScatterPoint | null>(null);
  const plotWidth = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotHeight = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  // Points sit inside the plot, not on its edges (categories a little further in).
  const inset = (fraction: number, categorical: boolean): number =>
    categorical ? 0.06 + fraction * 0.88 : 0.03 + fraction * 0.94;
  const toPixel = (point: {
    x: number;
    y: number;
  }): { x: number; y: number } => ({
    x: MARGIN.left + inset(point.x, data.x.type === 'categorical') * plotWidth,
    y:
      MARGIN.top +
      (1 - inset(point.y, data.y.type === 'categorical')) * plotHeight
  });

  useCanvasDraw(
    canvas,
    width,
    height,
    (context, palette) => {
      setAxisStyle(context, palette);
      // Y ticks and grid.
      context.textAlign = 'right';
      context.textBaseline = 'middle';
      for (const tick of axisTicks(
        data.y,
        Math.max(2, plotHeight / 40),
        formatMetricValue
      )) {
        const y = Math.round(toPixel({ x: 0, y: tick.fraction }).y) + 0.5;
        context.beginPath();
        context.moveTo(MARGIN.left, y);
        context.lineTo(MARGIN.left + plotWidth, y);
        context.stroke();
        context.fillText(
          fitText(context, tick.label, MARGIN.left - 28),
          MARGIN.left - 6,
          y
        );
      }
      // X ticks.
      context.textAlign = 'center';
      context.textBaseline = 'top';
      const xTicks = axisTicks(
        data.x,
        Math.max(2, plotWidth / 90),
        formatMetricValue
      );
      const room = plotWidth / Math.max(1, xTicks.length) - 4;
      for (const tick of xTicks) {
        const x = Math.round(toPixel({ x: tick.fraction, y: 0 }).x) + 0.5;
        context.beginPath();
        context.moveTo(x, MARGIN.top);
        context.lineTo(x, MARGIN.top + plotHeight);
        context.stroke();
        context.fillText(
          fitText(context, tick.label, room),
          x,
          MARGIN.top + plotHeight + 6
        );
      }
      context.fillStyle = palette.highlight;
      context.fillText(
        fitText(context, fieldLabel(data.x.field), plotWidth),
        MARGIN.left + plotWidth / 2,
        MARGIN.top + plotHeight + 22
      );
      context.save();
      context.translate(12, MARGIN.top + plotHeight / 2);
      context.rotate(-Math.PI / 2);
      context.textBaseline = 'middle';
      context.fillText(
        fitText(context, fieldLabel(data.y.field), plotHeight),
        0,
        0
      );
      context.restore();
      // Points.
      context.globalAlpha = 0.85;
      for (const point of data.points) {
        const pixel = toPixel(point);
        context.fillStyle = runColor(point.index, palette);
        context.beginPath();
        context.arc(pixel.x, pixel.y, 4, 0, 2 * Math.PI);
        context.fill();
      }
      context.globalAlpha = 1;
    },
    [data, width, height, theme]
  );

  const pointAt = (
    event: React.MouseEvent<HTMLDivElement>
  ): IScatterPoint | null => {
    const bounds = event.currentTarget.getBoundingClientRect();
    return nearestPoint(
      data.points,
      toPixel,
      event.clientX - bounds.left,
      event.clientY - bounds.top,
      8
    );
  };

  const hovered = hover ? toPixel(hover) : null;
  return (
    <div
      ref={container}
      className="jp-mlstudio-chart jp-mlstudio-scatter-chart"
      style={{ height, cursor: hover && onOpenRun ? 'pointer' : 'default' }}
      data-point-count={data.points.length}
      onMouseMove={event => setHover(pointAt(event))}
      onMouseLeave={() => setHover(null)}
      onClick={event => {
        const point = pointAt(event);
        if (point) {
          onOpenRun?.(point.runId);
        }
      }}
    >
      <canvas ref={canvas} role="img" aria-label={label} />
      {hover && hovered ? (
        <>
          <ChartMarker left={hovered.x} top={hovered.y} />
          <ChartTooltip
            left={hovered.x + 10}
            top={hovered.y - 40}
            chartWidth={width}
            room={220}
          >
            {hover.name}
            <br />
            {`${data.x.field.key}: ${formatValue(hover.xValue)} · ${data.y.field.key}: ${formatValue(hover.yValue)}`}
          </ChartTooltip>
        </>
      ) : null}
    </div>
  );
}
