import { PromiseDelegate } from '@lumino/coreutils';

import {
  ISeriesPoint,
  mergePoints,
  metricValueToNumber,
  valueRange
} from '../models/metric-series';
import { RunMetricsModel } from '../models/run-metrics-model';
import type { IMetricHistory, IMetricPoint, IRun } from '../tokens';

function point(
  step: number,
  value: number,
  timestamp = 1000 + step
): ISeriesPoint {
  return { step, timestamp, value };
}

describe('metricValueToNumber', () => {
  it('reads the special values the server sends as strings', () => {
    expect(metricValueToNumber(0.25)).toBe(0.25);
    expect(metricValueToNumber('NaN')).toBeNaN();
    expect(metricValueToNumber('Infinity')).toBe(Number.POSITIVE_INFINITY);
    expect(metricValueToNumber('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
    expect(metricValueToNumber(null)).toBeNaN();
    expect(metricValueToNumber('0.5')).toBe(0.5);
    expect(metricValueToNumber('')).toBeNaN();
  });
});

describe('mergePoints', () => {
  it('appends points that come after the last one', () => {
    const series = [point(0, 1), point(1, 0.5)];

    const added = mergePoints(series, [point(2, 0.25), point(3, 0.2)]);

    expect(added).toBe(2);
    expect(series.map(p => p.step)).toEqual([0, 1, 2, 3]);
  });

  it('puts late points in their place by step, then time', () => {
    const series = [point(0, 1), point(4, 0.2)];

    mergePoints(series, [point(2, 0.3), point(1, 0.5), point(2, 0.31, 999)]);

    expect(series.map(p => [p.step, p.timestamp])).toEqual([
      [0, 1000],
      [1, 1001],
      [2, 999],
      [2, 1002],
      [4, 1004]
    ]);
  });

  it('skips points it holds already, NaN included', () => {
    const series = [point(0, 1), point(1, Number.NaN), point(2, 0.5)];

    const added = mergePoints(series, [
      point(1, Number.NaN),
      point(2, 0.5),
      point(0, 1)
    ]);

    expect(added).toBe(0);
    expect(series).toHaveLength(3);
  });

  it('keeps two values logged at the same step and time', () => {
    const series = [point(0, 1)];

    mergePoints(series, [point(0, 2, 1000)]);

    expect(series.map(p => p.value)).toEqual([1, 2]);
  });

  it('finds the range of the finite values', () => {
    expect(
      valueRange([point(0, 3), point(1, Number.NaN), point(2, -1)])
    ).toEqual({
      min: -1,
      max: 3
    });
    expect(valueRange([point(0, Number.NaN)])).toBeNull();
  });
});

/** A run on a fake server; histories can be held back to let events overtake them. */
class FakeRun {
  points = new Map<string, IMetricPoint[]>();
  historyReads: string[] = [];
  runReads = 0;
  gate: PromiseDelegate<void> | null = null;

  log(key: string, step: number, value: number | string): IMetricPoint {
    const logged = { key, step, value, timestamp: 1000 + step };
    const list = this.points.get(key) ?? [];
    list.push(logged);
    this.points.set(key, list);
    return logged;
  }

  fetchRun = async (runId: string): Promise<IRun> => {
    this.runReads++;
    return {
      run_id: runId,
      experiment_id: 'e1',
      name: 'job',
      status: 'RUNNING',
      start_time: 0,
      end_time: null,
      user_id: 'jovyan',
      lifecycle_stage: 'active',
      artifact_uri: `mlflow-artifacts:/e/${runId}/artifacts`,
      source_job: null,
      inputs: [],
      outputs: [],
      params: {},
      tags: {},
      metrics: [...this.points.entries()].map(([key, list]) => ({
        ...list[list.length - 1],
        min: null,
        max: null,
        count: list.length
      }))
    };
  };

  fetchHistory = async (
    runId: string,
    key: string
  ): Promise<IMetricHistory> => {
    this.historyReads.push(key);
    // The answer is what the server held when the request arrived.
    const points = [...(this.points.get(key) ?? [])];
    if (this.gate) {
      await this.gate.promise;
    }
    return { run_id: runId, key, points, total: points.length };
  };
}

function values(model: RunMetricsModel, key: string): number[] {
  return model.series(key).map(p => p.value);
}

describe('RunMetricsModel', () => {
  it('reads each key of the run and its history', async () => {
    const run = new FakeRun();
    run.log('loss', 0, 1);
    run.log('loss', 1, 0.5);
    run.log('accuracy', 0, 0.6);
    const model = new RunMetricsModel({ runId: 'r1', ...run });

    await model.refresh();

    expect(model.keys).toEqual(['loss', 'accuracy']);
    expect(values(model, 'loss')).toEqual([1, 0.5]);
    expect(values(model, 'accuracy')).toEqual([0.6]);
  });

  it('merges points that arrive while the history is being read, once each', async () => {
    const run = new FakeRun();
    run.log('loss', 0, 1);
    run.log('loss', 1, 0.5);
    const model = new RunMetricsModel({ runId: 'r1', ...run });
    run.gate = new PromiseDelegate<void>();
    const reading = model.refresh();
    await Promise.resolve();
    await Promise.resolve();

    // The job logs two more points; the event carries them and also repeats one the
    // history will hold.
    const late = [run.log('loss', 2, 0.25), run.log('loss', 3, 'NaN')];
    model.applyPoints([
      { key: 'loss', step: 1, value: 0.5, timestamp: 1001 },
      ...late
    ]);
    run.gate.resolve();
    await reading;

    expect(values(model, 'loss')).toEqual([1, 0.5, 0.25, Number.NaN]);
    expect(run.historyReads).toEqual(['loss']);
  });

  it('grows a series from events without reading it again', async () => {
    const run = new FakeRun();
    run.log('loss', 0, 1);
    const model = new RunMetricsModel({ runId: 'r1', ...run });
    await model.refresh();
    const version = model.version('loss');

    model.applyPoints([run.log('loss', 1, 0.5), run.log('loss', 2, 0.3)]);
    await model.refresh();

    expect(values(model, 'loss')).toEqual([1, 0.5, 0.3]);
    expect(model.version('loss')).toBeGreaterThan(version);
    expect(run.historyReads).toEqual(['loss']);
  });

  it('reads the history of a key first seen in an event', async () => {
    const run = new FakeRun();
    run.log('loss', 0, 1);
    const model = new RunMetricsModel({ runId: 'r1', ...run });
    await model.refresh();
    // The event carries only the last of the new key's points.
    run.log('val_loss', 0, 2);
    const last = run.log('val_loss', 1, 1.5);

    model.applyPoints([last]);
    await Promise.resolve();
    await Promise.resolve();
    await Promise.resolve();

    expect(model.keys).toEqual(['loss', 'val_loss']);
    expect(values(model, 'val_loss')).toEqual([2, 1.5]);
  });

  it('reads a series again when the server holds more than the page (events were lost)', async () => {
    const run = new FakeRun();
    run.log('loss', 0, 1);
    const model = new RunMetricsModel({ runId: 'r1', ...run });
    await model.refresh();

    run.log('loss', 1, 0.5);
    run.log('loss', 2, 0.25);
    await model.refresh();

    expect(values(model, 'loss')).toEqual([1, 0.5, 0.25]);
    expect(run.historyReads).toEqual(['loss', 'loss']);
  });
});
