import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useMemo } from 'react';

import { runColor } from '../chart/colors';
import type { IEndpointMetrics } from '../endpoint-types';
import type { ISeriesPoint } from '../models/metric-series';
import { ICurve, MultiLineChart } from './multi-line-chart';

/** Most points drawn per curve (a point per second over ten minutes at most). */
const BUDGET = 600;

/** The curves of the charts: x is seconds within the window shown. */
export function endpointCurves(metrics: IEndpointMetrics | null): {
  rate: ICurve[];
  latency: ICurve[];
} {
  const rate: ICurve[] = [];
  const latency: ICurve[] = [];
  (metrics?.variants ?? []).forEach((variant, index) => {
    const first = variant.points[0]?.time ?? 0;
    const at = (time: number): number => (time - first) / 1000;
    const color = runColor(index);
    rate.push({
      id: `${variant.variant_name}-rate`,
      name: variant.variant_name,
      color,
      points: variant.points.map(point => ({
        step: at(point.time),
        timestamp: point.time,
        value: point.invocations
      }))
    });
    for (const [key, label] of [
      ['p50_ms', 'p50'],
      ['p99_ms', 'p99']
    ] as const) {
      const points: ISeriesPoint[] = [];
      for (const point of variant.points) {
        const value = point[key];
        if (value !== null && value !== undefined) {
          points.push({ step: at(point.time), timestamp: point.time, value });
        }
      }
      latency.push({
        id: `${variant.variant_name}-${label}`,
        name: `${variant.variant_name} ${label} (ms)`,
        color: label === 'p99' ? runColor(index + 6) : color,
        points
      });
    }
  });
  return { rate, latency };
}

/** Live charts: invocations per second per variant, and latency p50 and p99. */
export function EndpointCharts(props: {
  metrics: IEndpointMetrics | null;
  version: number;
  trans: TranslationBundle;
}): JSX.Element {
  const { metrics, version, trans } = props;
  const { rate, latency } = useMemo(() => endpointCurves(metrics), [metrics]);
  return (
    <div className="jp-mlstudio-endpoint-charts">
      <figure className="jp-mlstudio-endpoint-chart" data-chart="invocations">
        <figcaption>{trans.__('Invocations per second')}</figcaption>
        <MultiLineChart
          curves={rate}
          version={version}
          budget={BUDGET}
          xIsTime
          yFromZero
          label={trans.__('Invocations per second')}
          height={160}
        />
      </figure>
      <figure className="jp-mlstudio-endpoint-chart" data-chart="latency">
        <figcaption>{trans.__('Latency p50 and p99 (ms)')}</figcaption>
        <MultiLineChart
          curves={latency}
          version={version}
          budget={BUDGET}
          xIsTime
          yFromZero
          label={trans.__('Latency p50 and p99 in milliseconds')}
          height={160}
        />
      </figure>
    </div>
  );
}
