/*
 * Smoothing of noisy curves for the comparison charts.
 */

/** Most smoothing the slider offers: beyond this a curve is nearly flat. */
export const MAX_SMOOTHING = 0.99;

/**
 * An exponential moving average of `values` with TensorBoard's debiasing: the first
 * values are not pulled towards zero, since each average is divided by the weight the
 * values so far carry (`1 - weight^n`).
 *
 * `weight` is how much of the running average each new value keeps, from 0 (the values
 * as they are) to just below 1 (very smooth). Values that are not finite (NaN, the
 * infinities) come out as they went in and leave the average untouched, so a single
 * diverged step does not poison the rest of the curve.
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  const w = Math.min(
    MAX_SMOOTHING,
    Math.max(0, Number.isFinite(weight) ? weight : 0)
  );
  if (w === 0) {
    return values.slice();
  }
  const smoothed = new Array<number>(values.length);
  let average = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!Number.isFinite(value)) {
      smoothed[i] = value;
      continue;
    }
    average = average * w + (1 - w) * value;
    count++;
    smoothed[i] = average / (1 - w ** count);
  }
  return smoothed;
}
