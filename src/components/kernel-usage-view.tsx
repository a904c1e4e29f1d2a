import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import {
  cpuFraction,
  describeCpuUsage,
  describeMemoryUsage,
  describeUsageTooltip,
  memoryFraction
} from '../kernel-format';
import type { IKernelUsage } from '../tokens';

/** Share of a limit from which a meter turns to the warning colour. */
const HIGH_USE = 0.9;

/** Props of {@link KernelUsageView}. */
export interface IKernelUsageViewProps {
  usage: IKernelUsage;
  /** CPU readings (100 = one CPU), oldest first. */
  cpuHistory: readonly number[];
  /** Whether the last read failed, so the figures may be old. */
  stale: boolean;
  trans: TranslationBundle;
}

/**
 * The status bar's view of the current kernel: its instance type, CPU use against its
 * CPUs (with a sparkline of recent readings) and memory against its limit (with a bar).
 */
export function KernelUsageView(props: IKernelUsageViewProps): JSX.Element {
  const { usage, cpuHistory, stale, trans } = props;
  let title = describeUsageTooltip(usage, trans);
  if (stale) {
    title += '\n' + trans.__('(the last reading; the server does not answer)');
  }
  return (
    <div
      className={`jp-mlstudio-kernel-usage${stale ? ' jp-mlstudio-is-stale' : ''}`}
      title={title}
      data-kernel-id={usage.kernel_id}
    >
      <span className="jp-mlstudio-usage-type">{usage.instance_type}</span>
      <span className="jp-mlstudio-usage-part" data-usage="cpu">
        <span className="jp-mlstudio-usage-text">
          {describeCpuUsage(usage, trans)}
        </span>
        <Sparkline
          values={cpuHistory}
          max={usage.cpu_limit_percent}
          high={cpuFraction(usage) >= HIGH_USE}
        />
      </span>
      <span className="jp-mlstudio-usage-part" data-usage="memory">
        <span className="jp-mlstudio-usage-text">
          {describeMemoryUsage(usage, trans)}
        </span>
        <Meter fraction={memoryFraction(usage)} />
      </span>
    </div>
  );
}

/** A small horizontal bar filled to `fraction` (0 to 1). */
export function Meter(props: { fraction: number }): JSX.Element {
  const { fraction } = props;
  const high = fraction >= HIGH_USE;
  return (
    <span
      className={`jp-mlstudio-meter${high ? ' jp-mlstudio-is-high' : ''}`}
      role="meter"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(fraction * 100)}
    >
      <span
        className="jp-mlstudio-meter-fill"
        style={{ width: `${Math.round(fraction * 100)}%` }}
      />
    </span>
  );
}

const SPARK_WIDTH = 30;
const SPARK_HEIGHT = 12;

/** A line of recent values between 0 and `max`; a flat line before two readings. */
export function Sparkline(props: {
  values: readonly number[];
  max: number;
  high: boolean;
}): JSX.Element {
  const { values, max, high } = props;
  const scale = max > 0 ? max : 100;
  const points =
    values.length < 2
      ? `0,${SPARK_HEIGHT - 1} ${SPARK_WIDTH},${SPARK_HEIGHT - 1}`
      : values
          .map((value, index) => {
            const x = (index / (values.length - 1)) * SPARK_WIDTH;
            const share = Math.min(1, Math.max(0, value / scale));
            const y = SPARK_HEIGHT - 1 - share * (SPARK_HEIGHT - 2);
            return `${x.toFixed(1)},${y.toFixed(1)}`;
          })
          .join(' ');
  return (
    <svg
      className={`jp-mlstudio-sparkline${high ? ' jp-mlstudio-is-high' : ''}`}
      width={SPARK_WIDTH}
      height={SPARK_HEIGHT}
      viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`}
      aria-hidden="true"
    >
      <polyline points={points} fill="none" />
    </svg>
  );
}
