import type { IMetricPoint, IRun } from '../tokens';
import { metricValueToNumber } from './metric-series';

/**
 * A run with new points of its metrics, as a `run-metrics` event brings them: the latest
 * value moves to the point with the highest step (then time), the range widens, the
 * count grows. The run given is left as it was.
 */
export function withLatestPoints(
  run: IRun,
  points: readonly IMetricPoint[]
): IRun {
  const metrics = run.metrics.map(metric => ({ ...metric }));
  for (const point of points) {
    let metric = metrics.find(item => item.key === point.key);
    if (!metric) {
      metric = { ...point, min: point.value, max: point.value, count: 0 };
      metrics.push(metric);
    } else if (
      point.step > metric.step ||
      (point.step === metric.step && point.timestamp >= metric.timestamp)
    ) {
      metric.value = point.value;
      metric.step = point.step;
      metric.timestamp = point.timestamp;
    }
    const value = metricValueToNumber(point.value);
    if (!Number.isNaN(value)) {
      const min = metricValueToNumber(metric.min);
      const max = metricValueToNumber(metric.max);
      if (Number.isNaN(min) || value < min) {
        metric.min = point.value;
      }
      if (Number.isNaN(max) || value > max) {
        metric.max = point.value;
      }
    }
    metric.count++;
  }
  return { ...run, metrics };
}
