import { downsample } from '../chart/downsample';
import {
  drawLineAxes,
  layoutLines,
  nearestIndex,
  strokeSeries
} from '../chart/lines';
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

/** A 2D context that records the path and the text drawn on it. */
class RecordingContext {
  calls: string[] = [];
  texts: string[] = [];
  font = '';
  lineWidth = 1;
  strokeStyle = '';
  fillStyle = '';
  textAlign = '';
  textBaseline = '';

  beginPath(): void {
    this.calls.push('begin');
  }
  moveTo(x: number, y: number): void {
    this.calls.push(`move ${x} ${y}`);
  }
  lineTo(x: number, y: number): void {
    this.calls.push(`line ${x} ${y}`);
  }
  stroke(): void {
    this.calls.push('stroke');
  }
  fillText(text: string): void {
    this.texts.push(text);
  }
  measureText(text: string): { width: number } {
    return { width: text.length * 5 };
  }

  asContext(): CanvasRenderingContext2D {
    return this as unknown as CanvasRenderingContext2D;
  }
}

const PALETTE = {
  axis: '#111',
  grid: '#222',
  text: '#333',
  font: '10px sans-serif',
  background: '#fff',
  highlight: '#000',
  series: '#00f',
  runs: ['#00f', '#f00']
};

const MARGIN = { top: 10, right: 10, bottom: 20, left: 50 };

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

describe('line layout', () => {
  it('places every series on one domain, padded up and down', () => {
    const layout = layoutLines(
      [series([0, 10]), series([5, 5, 5, 5])],
      260,
      130,
      MARGIN,
      1000
    )!;

    expect(layout.x).toEqual({ min: 0, max: 3 });
    expect(layout.y).toEqual({ min: -0.5, max: 10.5 });
    expect(layout.plot).toEqual({ width: 200, height: 100 });
    expect(layout.toPixelX(0)).toBe(50);
    expect(layout.toPixelX(3)).toBe(250);
    expect(layout.toPixelY(-0.5)).toBe(110);
    expect(layout.fromPixelX(150)).toBeCloseTo(1.5);
  });

  it('draws no more points than the budget nor twice the plot width', () => {
    const long = series(Array.from({ length: 50_000 }, (_, i) => Math.sin(i)));

    const byBudget = layoutLines([long], 1060, 130, MARGIN, 300)!;
    const byWidth = layoutLines([long], 160, 130, MARGIN, 5000)!;

    expect(byBudget.drawn[0].length).toBeLessThanOrEqual(300);
    expect(byBudget.drawn[0].length).toBeGreaterThan(250);
    expect(byWidth.drawn[0].length).toBeLessThanOrEqual(200);
  });

  it('has nothing to lay out without a finite point', () => {
    expect(
      layoutLines([series([Number.NaN]), []], 260, 130, MARGIN, 100)
    ).toBeNull();
  });

  it('finds the nearest point, the earlier one on a tie', () => {
    const points = series([1, 2, 3, 4]);

    expect(nearestIndex(points, -5)).toBe(0);
    expect(nearestIndex(points, 1.4)).toBe(1);
    expect(nearestIndex(points, 1.5)).toBe(1);
    expect(nearestIndex(points, 1.6)).toBe(2);
    expect(nearestIndex(points, 99)).toBe(3);
    expect(nearestIndex([], 1)).toBe(-1);
  });

  it('leaves a gap where a value is not finite', () => {
    const layout = layoutLines([series([0, 1])], 260, 130, MARGIN, 100)!;
    const context = new RecordingContext();

    strokeSeries(context.asContext(), series([0, 1, Number.NaN, 0]), layout);

    expect(context.calls.map(call => call.split(' ')[0])).toEqual([
      'begin',
      'move',
      'line',
      'move',
      'stroke'
    ]);
  });

  it('labels steps as whole numbers and seconds as durations', () => {
    const points = series(Array.from({ length: 121 }, (_, i) => i));
    const layout = layoutLines([points], 260, 130, MARGIN, 1000)!;
    const steps = new RecordingContext();
    const seconds = new RecordingContext();

    drawLineAxes(steps.asContext(), PALETTE, layout, {
      tickSpacing: 80,
      isTime: false
    });
    drawLineAxes(seconds.asContext(), PALETTE, layout, {
      tickSpacing: 80,
      isTime: true
    });

    expect(steps.texts).toContain('100');
    expect(steps.texts.every(text => !text.includes('.'))).toBe(true);
    expect(seconds.texts).toContain('1m 40s');
  });
});
