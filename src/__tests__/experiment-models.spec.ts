import type { Event } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';

import { RUN_METRICS_EVENT_SCHEMA, TRAINING_JOB_EVENT_SCHEMA } from '../events';
import { CompareModel, forEachLimited } from '../models/compare-model';
import { ExperimentListModel } from '../models/experiment-list-model';
import { ModelRegistryModel } from '../models/model-registry-model';
import { jobOfRun, RunModel } from '../models/run-model';
import { RunMetricsModel } from '../models/run-metrics-model';
import type { IExperiment, IMetricHistory, IMetricPoint } from '../tokens';
import { latest, makeRun } from './experiment-fixtures';

function experiment(id: string, name: string, updated: number): IExperiment {
  return {
    experiment_id: id,
    name,
    artifact_location: `mlflow-artifacts:/${id}`,
    lifecycle_stage: 'active',
    creation_time: 0,
    last_update_time: updated,
    tags: {},
    run_count: 3
  };
}

function emission(
  schema: string,
  data: Record<string, unknown>
): Event.Emission {
  return { schema_id: schema, ...data } as unknown as Event.Emission;
}

describe('ExperimentListModel', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('lists the most recently updated first', async () => {
    const model = new ExperimentListModel({
      fetchPage: async () => ({
        experiments: [experiment('0', 'Default', 1), experiment('4', 'cv', 9)],
        next_token: null
      }),
      interval: 60_000,
      standby: 'never'
    });

    await model.start();
    await jest.advanceTimersByTimeAsync(0);

    expect(model.experiments.map(item => item.name)).toEqual(['cv', 'Default']);
    expect(model.find('4')?.run_count).toBe(3);
    model.dispose();
  });

  it('reads again after run-metrics and training-job events, once per burst', async () => {
    const events = new Signal<unknown, Event.Emission>({});
    let reads = 0;
    const model = new ExperimentListModel({
      fetchPage: async () => {
        reads++;
        return { experiments: [], next_token: null };
      },
      interval: 600_000,
      events,
      eventThrottle: 1000,
      standby: 'never'
    });
    await model.start();
    await jest.advanceTimersByTimeAsync(0);

    for (let i = 0; i < 20; i++) {
      events.emit(
        emission(RUN_METRICS_EVENT_SCHEMA, { run_id: 'r', points: [] })
      );
    }
    events.emit(
      emission(TRAINING_JOB_EVENT_SCHEMA, { name: 'j', status: 'Completed' })
    );
    events.emit(
      emission('https://schema.jupyter.org/jupyterlab_mlstudio/status/v1', {})
    );
    await jest.advanceTimersByTimeAsync(1500);

    expect(reads).toBe(2);
    model.dispose();
  });
});

describe('RunMetricsModel with a downsampling server', () => {
  /** A series of 10,000 points that the fake server downsamples to 100 unless asked for all. */
  const total = 10_000;
  const fetchHistory = jest.fn(
    async (
      runId: string,
      key: string,
      options?: { full?: boolean }
    ): Promise<IMetricHistory> => {
      const every = options?.full ? 1 : total / 100;
      const points: IMetricPoint[] = [];
      for (let step = 0; step < total; step += every) {
        points.push({ key, value: step, step, timestamp: step });
      }
      return { run_id: runId, key, points, total };
    }
  );
  const run = makeRun({ metrics: [{ ...latest('loss', [1]), count: total }] });

  beforeEach(() => fetchHistory.mockClear());

  it('says the series is downsampled and how long it is on the server', async () => {
    const model = new RunMetricsModel({
      runId: 'r1',
      fetchRun: async () => run,
      fetchHistory
    });

    await model.refresh();

    expect(model.series('loss')).toHaveLength(100);
    expect(model.total('loss')).toBe(total);
    expect(model.isDownsampled('loss')).toBe(true);
  });

  it('replaces the downsampled series with every point on demand', async () => {
    const model = new RunMetricsModel({
      runId: 'r1',
      fetchRun: async () => run,
      fetchHistory
    });
    await model.refresh();

    await model.loadFull('loss');

    expect(fetchHistory).toHaveBeenLastCalledWith('r1', 'loss', { full: true });
    expect(model.series('loss')).toHaveLength(total);
    expect(model.isDownsampled('loss')).toBe(false);
  });

  it('counts live points on top of the server total', async () => {
    const model = new RunMetricsModel({
      runId: 'r1',
      fetchRun: async () => run,
      fetchHistory
    });
    await model.refresh();

    model.applyPoints([
      { key: 'loss', value: 1, step: total, timestamp: total }
    ]);

    expect(model.total('loss')).toBe(total + 1);
  });
});

describe('RunModel', () => {
  it('takes live points of its run into the series and the latest values', async () => {
    const events = new Signal<unknown, Event.Emission>({});
    const model = new RunModel({
      runId: 'r1',
      api: {
        getRun: async () =>
          makeRun({
            run_id: 'r1',
            metrics: [latest('loss', [2, 1])],
            tags: {}
          }),
        getMetricHistory: async (runId, key) => ({
          run_id: runId,
          key,
          points: [
            { key, value: 2, step: 0, timestamp: 1 },
            { key, value: 1, step: 1, timestamp: 2 }
          ],
          total: 2
        }),
        listArtifacts: async () => ({ root: 'x', entries: [] }),
        listModelVersions: async () => [{ name: 'm', version: '1' }]
      },
      interval: 600_000,
      maxPoints: 1000,
      events,
      standby: 'never'
    });
    await model.refresh();

    events.emit(
      emission(RUN_METRICS_EVENT_SCHEMA, {
        run_id: 'r1',
        job: null,
        points: [{ key: 'loss', value: 0.5, step: 2, timestamp: 3 }]
      })
    );
    events.emit(
      emission(RUN_METRICS_EVENT_SCHEMA, {
        run_id: 'other',
        job: null,
        points: [{ key: 'loss', value: 9, step: 3, timestamp: 4 }]
      })
    );

    expect(model.metrics.series('loss').map(point => point.value)).toEqual([
      2, 1, 0.5
    ]);
    expect(model.run?.metrics[0]).toMatchObject({
      value: 0.5,
      min: 0.5,
      count: 3
    });
    expect(model.modelVersions).toEqual([{ name: 'm', version: '1' }]);
    expect(model.artifacts.root.entries).toEqual([]);
    model.dispose();
  });

  it('finds the job of a run in its tag, else in source_job', () => {
    expect(jobOfRun(makeRun({ tags: { 'mlstudio.training_job': 'a' } }))).toBe(
      'a'
    );
    expect(jobOfRun(makeRun({ source_job: 'b' }))).toBe('b');
    expect(jobOfRun(makeRun())).toBeNull();
  });
});

describe('CompareModel', () => {
  it('runs at most `limit` tasks at once and all of them', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];

    await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async item => {
      running++;
      most = Math.max(most, running);
      await new Promise(resolve => setTimeout(resolve, 1));
      running--;
      done.push(item);
    });

    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps the order asked for, and reads histories of a metric once per run that has it', async () => {
    const reads: string[] = [];
    const model = new CompareModel({
      runIds: ['b', 'a', 'gone'],
      api: {
        getRuns: async () => [
          makeRun({
            run_id: 'a',
            metrics: [latest('loss', [1])],
            params: { lr: '1' }
          }),
          makeRun({
            run_id: 'b',
            metrics: [latest('acc', [1])],
            params: { opt: 'x' }
          })
        ],
        getMetricHistory: async (runId, key, maxPoints) => {
          reads.push(`${runId}/${key}/${maxPoints}`);
          return {
            run_id: runId,
            key,
            points: [{ key, value: 1, step: 0, timestamp: 0 }],
            total: 1
          };
        }
      },
      maxPoints: 300
    });

    await model.load();
    await model.ensureMetric('loss');
    await model.ensureMetric('loss');

    expect(model.runs.map(run => run.run_id)).toEqual(['b', 'a']);
    expect(model.metricKeys).toEqual(['acc', 'loss']);
    expect(model.paramKeys).toEqual(['lr', 'opt']);
    expect(reads).toEqual(['a/loss/300']);
    expect(model.series('loss', 'a')).toHaveLength(1);
    expect(model.series('loss', 'b')).toBeUndefined();
    expect(model.pending('loss')).toBe(0);
    model.dispose();
  });

  it('grows the curves shown and the latest values with live points', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>(resolve => (release = resolve));
    const model = new CompareModel({
      runIds: ['a', 'b'],
      api: {
        getRuns: async () => [
          makeRun({ run_id: 'a', metrics: [latest('loss', [3, 2])] }),
          makeRun({ run_id: 'b', metrics: [latest('loss', [5])] })
        ],
        getMetricHistory: async (runId, key) => {
          if (runId === 'b') {
            await gate;
          }
          return {
            run_id: runId,
            key,
            points: [{ key, value: 3, step: 0, timestamp: 0 }],
            total: 1
          };
        }
      },
      maxPoints: 300
    });
    await model.load();
    const reading = model.ensureMetric('loss');
    await new Promise(resolve => setTimeout(resolve, 0));
    const before = model.version('loss');

    // Run a's curve was read: a new point extends it, a repeated one does not.
    model.applyMetricPoints('a', [
      { key: 'loss', value: 1, step: 2, timestamp: 10 },
      { key: 'loss', value: 3, step: 0, timestamp: 0 }
    ]);
    // Run b's history is still being read: its live point is kept and merged.
    model.applyMetricPoints('b', [
      { key: 'loss', value: 4, step: 1, timestamp: 10 }
    ]);
    // A run not compared is ignored.
    model.applyMetricPoints('z', [
      { key: 'loss', value: 0, step: 9, timestamp: 9 }
    ]);
    release();
    await reading;

    expect(model.version('loss')).toBeGreaterThan(before);
    expect(model.series('loss', 'a')?.map(point => point.value)).toEqual([
      3, 1
    ]);
    expect(model.series('loss', 'b')?.map(point => point.value)).toEqual([
      3, 4
    ]);
    const latestA = model.runs[0].metrics.find(metric => metric.key === 'loss');
    expect(latestA).toMatchObject({ value: 1, step: 2 });
    model.dispose();
  });
});

describe('ModelRegistryModel', () => {
  it('searches names case-insensitively with quotes escaped', () => {
    expect(ModelRegistryModel.nameFilter(" o'brien ")).toBe(
      "name ILIKE '%o''brien%'"
    );
    expect(ModelRegistryModel.nameFilter('  ')).toBeUndefined();
  });

  it('reads the versions of the chosen model', async () => {
    const model = new ModelRegistryModel({
      api: {
        listModels: async () => ({ models: [], next_token: null }),
        getModel: async name => ({
          model: {
            name,
            creation_time: 0,
            last_updated_time: 0,
            description: null,
            tags: {},
            aliases: { champion: 2 },
            latest_versions: []
          },
          versions: []
        })
      }
    });

    await model.select('iris');

    expect(model.selected).toBe('iris');
    expect(model.detail?.model.aliases).toEqual({ champion: 2 });
  });
});
