import { axisFraction, axisTicks, buildAxis } from '../chart/axes';
import {
  MISSING_COLOR,
  readChartPalette,
  runColor,
  runColorCss,
  RUN_COLORS,
  sequentialColor
} from '../chart/colors';
import { buildCurve, curvesDomain } from '../chart/curves';
import {
  axisPixelX,
  buildParallelCoordinates,
  distanceToPolyline,
  varyingParams
} from '../chart/parallel-coordinates';
import { buildScatter, nearestPoint } from '../chart/scatter-data';
import { emaSmooth, MAX_SMOOTHING } from '../chart/smoothing';
import { latest, makeRun } from './experiment-fixtures';

describe('emaSmooth', () => {
  it('leaves values as they are without smoothing', () => {
    expect(emaSmooth([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });

  it('debiases the start, so a constant series stays constant', () => {
    const smoothed = emaSmooth([4, 4, 4, 4], 0.9);

    smoothed.forEach(value => expect(value).toBeCloseTo(4, 10));
  });

  it('averages with the given weight', () => {
    // a1 = 0.5*0 + 0.5*2 = 1 → 1 / (1 - 0.5) = 2; a2 = 0.5*1 + 0.5*4 = 2.5 → 2.5 / 0.75
    const smoothed = emaSmooth([2, 4], 0.5);

    expect(smoothed[0]).toBeCloseTo(2);
    expect(smoothed[1]).toBeCloseTo(2.5 / 0.75);
  });

  it('passes NaN and infinities through without poisoning the rest', () => {
    const smoothed = emaSmooth([1, Number.NaN, Infinity, 1], 0.6);

    expect(smoothed[1]).toBeNaN();
    expect(smoothed[2]).toBe(Infinity);
    expect(smoothed[3]).toBeCloseTo(1, 10);
  });

  it('clamps the weight below 1, where nothing would move', () => {
    const smoothed = emaSmooth([0, 10], 5);

    expect(Number.isFinite(smoothed[1])).toBe(true);
    expect(smoothed[1]).toBeGreaterThan(0);
    expect(MAX_SMOOTHING).toBeLessThan(1);
  });
});

describe('buildCurve', () => {
  const series = [
    { step: 0, timestamp: 10_000, value: 1 },
    { step: 1, timestamp: 12_500, value: 3 },
    { step: 2, timestamp: 11_000, value: 5 }
  ];

  it('puts seconds since the first point across in relative mode, ordered by time', () => {
    const curve = buildCurve(series, 'relative', 0);

    expect(curve.map(point => point.step)).toEqual([0, 1, 2.5]);
    expect(curve.map(point => point.value)).toEqual([1, 5, 3]);
  });

  it('keeps steps across in step mode and does not change its input', () => {
    const curve = buildCurve(series, 'step', 0.5);

    expect(curve.map(point => point.step)).toEqual([0, 1, 2]);
    expect(curve[0].value).toBeCloseTo(1);
    expect(series[1].value).toBe(3);
  });

  it('spans every curve in its domain, ignoring values that are not finite', () => {
    const domain = curvesDomain([
      [{ step: 0, timestamp: 0, value: 1 }],
      [
        { step: 10, timestamp: 0, value: 3 },
        { step: 11, timestamp: 0, value: Number.NaN }
      ]
    ]);

    expect(domain?.x).toEqual({ min: 0, max: 10 });
    expect(domain?.y.min).toBeLessThan(1);
    expect(domain?.y.max).toBeGreaterThan(3);
    expect(curvesDomain([[]])).toBeNull();
  });

  it('starts at zero for quantities that are never negative, all-zero ones included', () => {
    const idle = [
      { step: 0, timestamp: 0, value: 0 },
      { step: 5, timestamp: 0, value: 0 }
    ];
    // Nothing invoked yet: a 0..1 axis, not -1..1
    expect(curvesDomain([idle], true)?.y).toEqual({ min: 0, max: 1 });
    expect(curvesDomain([idle])?.y.min).toBeLessThan(0);
    const busy = [
      { step: 0, timestamp: 0, value: 40 },
      { step: 1, timestamp: 0, value: 50 }
    ];
    const domain = curvesDomain([busy], true)!;
    expect(domain.y.min).toBe(0);
    expect(domain.y.max).toBeGreaterThan(50);
    // A negative value keeps the ordinary padded domain
    const dip = [{ step: 0, timestamp: 0, value: -2 }, ...busy];
    expect(curvesDomain([dip], true)!.y.min).toBeLessThan(-2);
  });
});

describe('axes over runs', () => {
  const runs = [
    makeRun({
      run_id: 'a',
      params: { lr: '0.1', opt: 'sgd' },
      metrics: [latest('acc', [0.5])]
    }),
    makeRun({
      run_id: 'b',
      params: { lr: '0.01', opt: 'adam' },
      metrics: [latest('acc', [0.9])]
    }),
    makeRun({ run_id: 'c', params: { lr: '0.001' }, metrics: [] })
  ];

  it('makes a numeric axis when every value is a number', () => {
    const narrow = [
      makeRun({ params: { batch: '32' } }),
      makeRun({ params: { batch: '128' } }),
      makeRun({ params: { batch: '64' } })
    ];
    const axis = buildAxis({ kind: 'param', key: 'batch' }, narrow);

    expect(axis).toMatchObject({
      type: 'numeric',
      min: 32,
      max: 128,
      log: false
    });
    expect(axisFraction(axis, '64')).toBeCloseTo(1 / 3);
    expect(axisTicks(axis, 5, String).map(tick => tick.label)).toEqual([
      '40',
      '60',
      '80',
      '100',
      '120'
    ]);
  });

  it('places positive values over decades on a log axis, with a tick per power of ten', () => {
    const axis = buildAxis({ kind: 'param', key: 'lr' }, runs);

    expect(axis).toMatchObject({
      type: 'numeric',
      min: 0.001,
      max: 0.1,
      log: true
    });
    expect(axisFraction(axis, '0.1')).toBeCloseTo(1);
    expect(axisFraction(axis, '0.01')).toBeCloseTo(0.5);
    expect(axisFraction(axis, '0.001')).toBeCloseTo(0);
    expect(axisTicks(axis, 5, String)).toEqual([
      { fraction: 0, label: '0.001' },
      { fraction: 0.5, label: '0.01' },
      { fraction: 1, label: '0.1' }
    ]);
  });

  it('makes a categorical axis of text values, sorted, evenly spaced', () => {
    const axis = buildAxis({ kind: 'param', key: 'opt' }, runs);

    expect(axis).toMatchObject({
      type: 'categorical',
      categories: ['adam', 'sgd']
    });
    expect(axisFraction(axis, 'adam')).toBe(0);
    expect(axisFraction(axis, 'sgd')).toBe(1);
    expect(axisFraction(axis, null)).toBeNull();
    expect(axisTicks(axis, 5, String).map(tick => tick.label)).toEqual([
      'adam',
      'sgd'
    ]);
  });

  it('widens a constant axis so its one value sits in the middle', () => {
    const axis = buildAxis({ kind: 'metric', key: 'acc' }, [runs[0]]);

    expect(axisFraction(axis, 0.5)).toBeCloseTo(0.5);
  });
});

describe('parallel coordinates', () => {
  const runs = [
    makeRun({
      run_id: 'low',
      params: { lr: '0.1', opt: 'sgd', seed: '1' },
      metrics: [latest('acc', [0.2])]
    }),
    makeRun({
      run_id: 'high',
      params: { lr: '0.001', opt: 'adam', seed: '1' },
      metrics: [latest('acc', [0.8])]
    }),
    makeRun({ run_id: 'none', params: { lr: '0.01', seed: '1' } })
  ];

  it('puts each run on every axis between 0 and 1, null where it lacks a value', () => {
    const data = buildParallelCoordinates(runs, ['lr', 'opt'], 'acc');

    expect(data.axes.map(axis => axis.field.key)).toEqual(['lr', 'opt', 'acc']);
    const [low, high, none] = data.lines;
    expect(low.fractions).toEqual([1, 1, 0]);
    expect(high.fractions).toEqual([0, 0, 1]);
    expect(none.fractions[1]).toBeNull();
    expect(none.fractions[2]).toBeNull();
    // lr spans two decades: a log axis puts 0.01 halfway.
    expect(none.fractions[0]).toBeCloseTo(0.5);
  });

  it('gives each line the colour of its run, as the legend and the curves do', () => {
    const data = buildParallelCoordinates(runs, ['lr'], 'acc');

    expect(data.lines.map(line => line.index)).toEqual([0, 1, 2]);
    expect(data.lines[0].color).toBe(runColor(0));
    expect(data.lines[2].color).toBe(runColor(2));
    expect(new Set(data.lines.map(line => line.color)).size).toBe(3);
    expect(data.lines[0].metric).toBe(0.2);
    expect(data.lines[2].metric).toBeNull();
  });

  it('offers the params that tell runs apart first', () => {
    expect(varyingParams(runs)).toEqual(['lr', 'opt']);
    expect(varyingParams(runs, true)).toEqual(['lr', 'opt', 'seed']);
  });

  it('spreads axes evenly and finds the line under the mouse', () => {
    expect(axisPixelX(0, 3, 10, 110)).toBe(10);
    expect(axisPixelX(2, 3, 10, 110)).toBe(110);
    expect(axisPixelX(0, 1, 10, 110)).toBe(60);
    const line = [{ x: 0, y: 0 }, { x: 10, y: 0 }, null, { x: 20, y: 10 }];
    expect(distanceToPolyline(5, 3, line)).toBeCloseTo(3);
    // The gap (a missing value) is not drawn, so it cannot be hovered.
    expect(distanceToPolyline(15, 5, line)).toBeGreaterThan(5);
  });
});

describe('scatter data', () => {
  const runs = [
    makeRun({
      run_id: 'a',
      name: 'a',
      params: { lr: '0.1' },
      metrics: [latest('acc', [0.5])]
    }),
    makeRun({
      run_id: 'b',
      name: 'b',
      params: { lr: '0.3' },
      metrics: [latest('acc', [0.7])]
    }),
    makeRun({
      run_id: 'c',
      name: 'c',
      params: {},
      metrics: [latest('acc', [0.6])]
    })
  ];

  it('places runs with both values and counts the others', () => {
    const data = buildScatter(
      runs,
      { kind: 'param', key: 'lr' },
      { kind: 'metric', key: 'acc' }
    );

    expect(data.missing).toBe(1);
    expect(data.points.map(point => [point.runId, point.x, point.y])).toEqual([
      ['a', 0, 0],
      ['b', 1, 1]
    ]);
    expect(data.points[1]).toMatchObject({
      index: 1,
      xValue: '0.3',
      yValue: 0.7
    });
  });

  it('finds the nearest point within a radius', () => {
    const data = buildScatter(
      runs,
      { kind: 'param', key: 'lr' },
      { kind: 'metric', key: 'acc' }
    );
    const toPixel = (point: { x: number; y: number }) => ({
      x: point.x * 100,
      y: 100 - point.y * 100
    });

    expect(nearestPoint(data.points, toPixel, 98, 3, 8)?.runId).toBe('b');
    expect(nearestPoint(data.points, toPixel, 50, 50, 8)).toBeNull();
  });
});

describe('colours', () => {
  it('gives runs distinct colours, cycling past the palette', () => {
    expect(runColor(0)).not.toBe(runColor(1));
    expect(runColor(RUN_COLORS.length)).toBe(runColor(0));
  });

  it('maps the metric onto a ramp, clamped to its ends', () => {
    expect(sequentialColor(-1)).toBe(sequentialColor(0));
    expect(sequentialColor(2)).toBe(sequentialColor(1));
    // Neither end of viridis: near-black and pale yellow vanish on one theme or the other.
    expect(sequentialColor(1)).not.toBe('rgb(253, 231, 37)');
    expect(sequentialColor(0)).not.toBe('rgb(68, 1, 84)');
    expect(sequentialColor(0)).not.toBe(sequentialColor(0.5));
  });

  it("reads the chart's colours from the theme, with fallbacks outside JupyterLab", () => {
    const themed = document.createElement('div');
    themed.style.setProperty('--jp-brand-color1', '#123456');
    themed.style.setProperty('--jp-border-color2', '#abcdef');
    document.body.appendChild(themed);
    const bare = document.createElement('div');
    document.body.appendChild(bare);

    const palette = readChartPalette(themed);
    const fallback = readChartPalette(bare);
    themed.remove();
    bare.remove();

    expect(palette.series).toBe('#123456');
    expect(palette.grid).toBe('#abcdef');
    expect(fallback.series).toBe('#1976d2');
    expect(fallback.grid).toBe('#e0e0e0');
    expect(sequentialColor(Number.NaN)).toBe(MISSING_COLOR);
  });

  it('takes the run colours of the theme in effect, and follows a change of theme', () => {
    // Given a light theme without run-colour variables: the light fallbacks
    document.body.dataset.jpThemeLight = 'true';
    document.body.dataset.jpThemeName = 'JupyterLab Light';
    expect(runColor(0)).toBe(RUN_COLORS[0]);
    // When a dark theme sets its own run colours
    document.body.style.setProperty('--jp-mlstudio-run-color-0', '#64a8f0');
    document.body.dataset.jpThemeLight = 'false';
    document.body.dataset.jpThemeName = 'JupyterLab Dark';
    // Then charts draw with them, and HTML swatches name the variable
    expect(runColor(0)).toBe('#64a8f0');
    expect(runColor(0, readChartPalette(document.body))).toBe('#64a8f0');
    expect(runColorCss(0)).toBe(
      `var(--jp-mlstudio-run-color-0, ${RUN_COLORS[0]})`
    );
    document.body.style.removeProperty('--jp-mlstudio-run-color-0');
    delete document.body.dataset.jpThemeLight;
    delete document.body.dataset.jpThemeName;
  });
});
