/*
 * Axis arithmetic for the line charts: padded domains, round tick values, linear maps.
 */

/** A closed interval of data values. */
export interface IDomain {
  min: number;
  max: number;
}

/**
 * A domain that can be drawn: an empty one (min = max) is widened around its value, so a
 * constant metric shows as a flat line in the middle rather than dividing by zero.
 */
export function drawableDomain(min: number, max: number): IDomain {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    return { min: 0, max: 1 };
  }
  if (min > max) {
    [min, max] = [max, min];
  }
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return { min: min - pad, max: max + pad };
  }
  return { min, max };
}

/** The round step (1, 2 or 5 times a power of ten) that cuts `span` into about `count` parts. */
export function tickStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  // The smallest round multiple not below the fraction (with room for rounding errors).
  const nice = [1, 2, 5, 10].find(
    candidate => fraction <= candidate * (1 + 1e-9)
  )!;
  return nice * power;
}

/**
 * About `count` round values between `domain.min` and `domain.max`, both ends included
 * when they are round. With `integers`, no fractional ticks (for steps).
 */
export function niceTicks(
  domain: IDomain,
  count: number,
  integers = false
): number[] {
  const span = domain.max - domain.min;
  if (!(span > 0) || !Number.isFinite(span)) {
    return [domain.min];
  }
  let step = tickStep(span, count);
  if (integers) {
    step = Math.max(1, Math.round(step));
  }
  const first = Math.ceil(domain.min / step) * step;
  const ticks: number[] = [];
  // Work in multiples of the step so that rounding errors do not pile up.
  for (let i = 0; first + i * step <= domain.max + step * 1e-9; i++) {
    ticks.push(Number((first + i * step).toPrecision(12)));
  }
  return ticks;
}

/** Map `domain` onto the pixel interval `[from, to]` (to may be less than from, for y). */
export function linearScale(
  domain: IDomain,
  from: number,
  to: number
): (value: number) => number {
  const span = domain.max - domain.min || 1;
  const factor = (to - from) / span;
  return value => from + (value - domain.min) * factor;
}
