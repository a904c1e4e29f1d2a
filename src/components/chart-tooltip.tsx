import React from 'react';

/** Props of {@link ChartTooltip}. */
export interface IChartTooltipProps {
  /** Where the tooltip would like to stand, in CSS pixels from the chart's corner. */
  left: number;
  top: number;
  /** The chart's width: the tooltip moves left to stay inside it. */
  chartWidth: number;
  /** Room the tooltip keeps on its right, in CSS pixels. */
  room: number;
  children: React.ReactNode;
}

/** A chart's tooltip by the hovered item, kept inside the chart. */
export function ChartTooltip(props: IChartTooltipProps): JSX.Element {
  const { left, top, chartWidth, room, children } = props;
  return (
    <div
      className="jp-mlstudio-chart-tooltip"
      style={{
        left: Math.min(left, Math.max(0, chartWidth - room)),
        top: Math.max(0, top)
      }}
    >
      {children}
    </div>
  );
}

/** A dot on the hovered point of a chart, centred on `left`, `top`. */
export function ChartMarker(props: { left: number; top: number }): JSX.Element {
  return (
    <div
      className="jp-mlstudio-chart-marker"
      style={{ left: props.left - 3, top: props.top - 3 }}
    />
  );
}
