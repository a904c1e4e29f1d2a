import { downsample } from '../chart/downsample';
import {
  drawableDomain,
  linearScale,
  niceTicks,
  tickStep
} from '../chart/scale';
import type { ISeriesPoint } from '../models/metric-series';

function series(values: number[]): ISeriesPoint[] {
  return values.map((value, step) => ({ step, timestamp: step * 10, value }));
}

describe('downsample', () => {
  it('keeps a series that fits the budget as it is', () => {
    const points = series([3, 1, 2]);

    expect(downsample(points, 10)).toEqual(points);
  });

  it('draws no more points than the budget', () => {
    const points = series(
      Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 100))
    );

    for (const budget of [2, 3, 10, 1000, 1001]) {
      expect(downsample(points, budget).length).toBeLessThanOrEqual(budget);
    }
    expect(downsample(points, 1000).length).toBeGreaterThan(900);
  });

  it('keeps the first and the last point, in order of steps', () => {
    const points = series(
      Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 101)
    );

    const kept = downsample(points, 200);

    expect(kept[0]).toBe(points[0]);
    expect(kept[kept.length - 1]).toBe(points[points.length - 1]);
    for (let i = 1; i < kept.length; i++) {
      expect(kept[i].step).toBeGreaterThan(kept[i - 1].step);
    }
  });

  it('keeps a one-step spike and a one-step dip that averaging would hide', () => {
    const values = Array.from({ length: 50_000 }, () => 1);
    values[12_345] = 1000;
    values[40_000] = -5;

    const kept = downsample(series(values), 100);

    expect(kept.map(point => point.value)).toContain(1000);
    expect(kept.map(point => point.value)).toContain(-5);
    expect(kept.find(point => point.value === 1000)?.step).toBe(12_345);
  });

  it('leaves out values that cannot be drawn', () => {
    const kept = downsample(
      series([1, Number.NaN, 2, Number.POSITIVE_INFINITY, 3]),
      100
    );

    expect(kept.map(point => point.value)).toEqual([1, 2, 3]);
  });
});

describe('scale', () => {
  it('widens an empty domain around its value', () => {
    expect(drawableDomain(0.5, 0.5)).toEqual({ min: 0.45, max: 0.55 });
    expect(drawableDomain(0, 0)).toEqual({ min: -1, max: 1 });
    expect(drawableDomain(3, 1)).toEqual({ min: 1, max: 3 });
    expect(drawableDomain(Number.NaN, 1)).toEqual({ min: 0, max: 1 });
  });

  it('picks round tick steps', () => {
    expect(tickStep(1, 5)).toBe(0.2);
    expect(tickStep(100, 4)).toBe(50);
    expect(tickStep(7, 10)).toBe(1);
  });

  it('puts ticks on round values inside the domain', () => {
    expect(niceTicks({ min: 0, max: 1 }, 5)).toEqual([
      0, 0.2, 0.4, 0.6, 0.8, 1
    ]);
    expect(niceTicks({ min: 0.13, max: 0.91 }, 4)).toEqual([
      0.2, 0.4, 0.6, 0.8
    ]);
  });

  it('gives whole-number ticks for steps', () => {
    expect(niceTicks({ min: 0, max: 4 }, 10, true)).toEqual([0, 1, 2, 3, 4]);
  });

  it('maps a domain onto pixels, upside down for y', () => {
    const y = linearScale({ min: 0, max: 10 }, 100, 0);

    expect(y(0)).toBe(100);
    expect(y(10)).toBe(0);
    expect(y(2.5)).toBe(75);
  });
});
