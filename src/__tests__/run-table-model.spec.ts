import type { ISearchRunsOptions } from '../api/runs';
import { columnId, compareByColumn, RunColumn } from '../models/run-columns';
import { RunTableModel } from '../models/run-table-model';
import { MLStudioRequestError } from '../request';
import type { IRun, IRunList } from '../tokens';
import { KEYS, latest, makeRun } from './experiment-fixtures';

/**
 * Runs on a fake server that filters `metrics.accuracy > X` only, sorts by the last
 * accuracy when asked, and pages by offset as the real one does.
 */
class FakeRuns {
  runs: IRun[];
  queries: ISearchRunsOptions[] = [];
  gate: Promise<void> | null = null;

  constructor(count: number) {
    this.runs = Array.from({ length: count }, (_, index) =>
      makeRun({
        run_id: `run-${index}`,
        name: `run-${index}`,
        start_time: 1_700_000_000_000 - index * 1000,
        params: { lr: String((index % 3) / 10) },
        metrics: [
          latest('accuracy', [index / count]),
          latest('loss', [1, index, 0.5])
        ]
      })
    );
  }

  fetchRuns = async (options: ISearchRunsOptions): Promise<IRunList> => {
    this.queries.push(options);
    if (this.gate) {
      await this.gate;
    }
    let runs = [...this.runs];
    if (options.filter) {
      const match = /^metrics\.accuracy > ([\d.]+)$/.exec(options.filter);
      if (!match) {
        throw new MLStudioRequestError({
          error: 'InvalidInput',
          message: `Error on parsing filter '${options.filter}'`,
          field: 'filter',
          status: 400
        });
      }
      runs = runs.filter(
        run => (run.metrics[0].value as number) > Number(match[1])
      );
    }
    if (options.order_by?.[0] === 'metrics.accuracy DESC') {
      const column: RunColumn = {
        kind: 'metric',
        key: 'accuracy',
        aggregate: 'last'
      };
      runs.sort((a, b) => compareByColumn(a, b, column, true, 0));
    }
    const start = Number(options.next_token ?? 0);
    const size = options.max_items ?? 100;
    return {
      runs: runs.slice(start, start + size),
      next_token: start + size < runs.length ? String(start + size) : null
    };
  };

  fetchKeys = async () => KEYS;
}

function ids(model: RunTableModel): string[] {
  return model.rows.map(run => run.run_id);
}

describe('RunTableModel', () => {
  let server: FakeRuns;
  let model: RunTableModel;

  beforeEach(() => {
    server = new FakeRuns(10_000);
    model = new RunTableModel({
      experimentId: '7',
      fetchRuns: server.fetchRuns,
      fetchKeys: server.fetchKeys,
      pageSize: 100
    });
  });

  afterEach(() => model.dispose());

  it('reads the first page and the columns of the experiment', async () => {
    await model.start();

    expect(model.rows).toHaveLength(100);
    expect(model.hasMore).toBe(true);
    expect(server.queries[0]).toMatchObject({
      experiment_id: ['7'],
      max_items: 100,
      next_token: null,
      order_by: []
    });
    expect(model.columns.map(columnId)).toContain('metric:accuracy:last');
  });

  it('reads the next page only when the view nears the end of what is loaded', async () => {
    await model.start();

    model.ensureRange(0, 30);
    expect(server.queries).toHaveLength(1);

    model.ensureRange(40, 60);
    await model.loadMore();
    expect(server.queries).toHaveLength(2);
    expect(server.queries[1].next_token).toBe('100');
    expect(model.rows).toHaveLength(200);
    expect(ids(model)[100]).toBe('run-100');
  });

  it('asks for one page at a time however often the view scrolls', async () => {
    await model.start();
    server.gate = new Promise(() => undefined);

    model.ensureRange(90, 100);
    model.ensureRange(91, 100);
    model.ensureRange(92, 100);

    expect(server.queries).toHaveLength(2);
  });

  it('pages through 10,000 runs, keeping each once', async () => {
    await model.start();
    while (model.hasMore) {
      await model.loadMore();
    }

    expect(model.rows).toHaveLength(10_000);
    expect(new Set(ids(model)).size).toBe(10_000);
    expect(server.queries).toHaveLength(100);
  });

  it("sorts a metric's last value on the server, from the first page again", async () => {
    await model.start();
    await model.loadMore();

    model.sortBy('metric:accuracy:last');
    await new Promise(resolve => setTimeout(resolve, 0));

    expect(model.sort).toEqual({
      columnId: 'metric:accuracy:last',
      descending: true
    });
    expect(server.queries[server.queries.length - 1]).toMatchObject({
      order_by: ['metrics.accuracy DESC'],
      next_token: null
    });
    expect(ids(model)[0]).toBe('run-9999');
    expect(model.rows).toHaveLength(100);
    expect(model.isLocalSort).toBe(false);
  });

  it("sorts a metric's min among the loaded rows, without asking the server", async () => {
    await model.start();
    model.setColumns([
      ...model.columns,
      { kind: 'metric', key: 'loss', aggregate: 'min' }
    ]);
    const before = server.queries.length;

    model.sortBy('metric:loss:min');
    model.sortBy('metric:loss:min');

    expect(server.queries).toHaveLength(before);
    expect(model.isLocalSort).toBe(true);
    expect(model.sort?.descending).toBe(false);
    // min(1, i, 0.5): run-0 has 0, the rest 0.5; ascending puts run-0 first.
    expect(ids(model)[0]).toBe('run-0');
  });

  it('drops the sort of a column that is hidden', async () => {
    await model.start();
    model.sortBy('param:lr');
    await new Promise(resolve => setTimeout(resolve, 0));

    model.setColumns(model.columns.filter(column => column.kind !== 'param'));
    await new Promise(resolve => setTimeout(resolve, 0));

    expect(model.sort).toBeNull();
    expect(server.queries[server.queries.length - 1].order_by).toEqual([]);
  });

  it('applies a filter from the first page', async () => {
    await model.start();
    await model.loadMore();

    model.editFilter('metrics.accuracy > 0.99');
    await model.applyFilter();

    expect(model.filter.applied).toBe('metrics.accuracy > 0.99');
    expect(
      model.rows.every(run => (run.metrics[0].value as number) > 0.99)
    ).toBe(true);
    expect(model.rows).toHaveLength(99);
    expect(model.hasMore).toBe(false);
  });

  it("keeps the rows when the server refuses the filter, and shows the server's reason", async () => {
    await model.start();
    const before = ids(model);

    model.editFilter('metrics.accuracy >');
    await model.applyFilter();

    expect(ids(model)).toEqual(before);
    expect(model.filter.applied).toBe('');
    expect(model.filter.error).toBe(
      "Error on parsing filter 'metrics.accuracy >'"
    );
    expect(model.error).toBeNull();
  });

  it('drops the answer of a filter replaced before it came', async () => {
    await model.start();
    let release!: () => void;
    server.gate = new Promise(resolve => (release = resolve));

    model.editFilter('metrics.accuracy > 0.5');
    const first = model.applyFilter();
    model.editFilter('metrics.accuracy > 0.9');
    const second = model.applyFilter();
    server.gate = null;
    release();
    await Promise.all([first, second]);

    expect(model.filter.applied).toBe('metrics.accuracy > 0.9');
    expect(
      model.rows.every(run => (run.metrics[0].value as number) > 0.9)
    ).toBe(true);
  });

  it('keeps ticked runs across filters and tells when they change', async () => {
    await model.start();
    const changes = jest.fn();
    model.selection.changed.connect(changes);

    model.selection.toggle(model.rows[0]);
    model.selection.toggle(model.rows[1]);
    model.editFilter('metrics.accuracy > 0.99');
    await model.applyFilter();

    expect(model.selection.ids).toEqual(['run-0', 'run-1']);
    expect(changes).toHaveBeenCalledTimes(2);
    model.selection.toggleAll(model.rows);
    expect(model.selection.size).toBe(2 + model.rows.length);
    model.selection.toggleAll(model.rows);
    expect(model.selection.ids).toEqual(['run-0', 'run-1']);
  });

  it('takes in live points of a loaded run', async () => {
    await model.start();

    model.applyMetricPoints('run-3', [
      { key: 'accuracy', value: 0.99, step: 5, timestamp: 2 },
      { key: 'f1', value: 'NaN', step: 0, timestamp: 2 }
    ]);

    const run = model.rows.find(item => item.run_id === 'run-3')!;
    const accuracy = run.metrics.find(metric => metric.key === 'accuracy')!;
    expect(accuracy).toMatchObject({
      value: 0.99,
      step: 5,
      max: 0.99,
      count: 2
    });
    expect(run.metrics.find(metric => metric.key === 'f1')).toMatchObject({
      value: 'NaN',
      count: 1
    });
  });

  it('follows run events of its experiment: new runs read once, others in place', async () => {
    jest.useFakeTimers();
    try {
      model.dispose();
      model = new RunTableModel({
        experimentId: '7',
        fetchRuns: server.fetchRuns,
        fetchKeys: server.fetchKeys,
        pageSize: 100,
        rereadDelay: 200
      });
      await model.start();
      model.selection.toggle(model.rows[1]);
      const reads = server.queries.length;

      // Another experiment's run changes nothing.
      model.applyRunEvent({
        run_id: 'run-2',
        experiment_id: '8',
        action: 'deleted'
      });
      expect(ids(model)).toContain('run-2');

      // A status change and a deletion apply in place, without a read.
      model.applyRunEvent({
        run_id: 'run-0',
        experiment_id: '7',
        action: 'updated',
        status: 'FINISHED',
        end_time: 1_700_000_100_000
      });
      model.applyRunEvent({
        run_id: 'run-1',
        experiment_id: '7',
        action: 'deleted'
      });
      expect(model.rows[0]).toMatchObject({
        status: 'FINISHED',
        end_time: 1_700_000_100_000
      });
      expect(ids(model)).not.toContain('run-1');
      expect(model.selection.ids).toEqual([]);
      expect(server.queries).toHaveLength(reads);

      // A burst of new runs brings one read of the first page, which shows them.
      server.runs.unshift(
        makeRun({
          run_id: 'new-1',
          name: 'new-1',
          start_time: 1_800_000_000_000
        }),
        makeRun({
          run_id: 'new-2',
          name: 'new-2',
          start_time: 1_800_000_000_001
        })
      );
      for (const id of ['new-1', 'new-2']) {
        model.applyRunEvent({
          run_id: id,
          experiment_id: '7',
          action: 'created'
        });
      }
      expect(server.queries).toHaveLength(reads);
      await jest.advanceTimersByTimeAsync(250);
      expect(server.queries).toHaveLength(reads + 1);
      expect(ids(model).slice(0, 2)).toEqual(['new-1', 'new-2']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('reports a failure that is not the filter as an error', async () => {
    model.dispose();
    model = new RunTableModel({
      experimentId: '7',
      fetchRuns: async () => {
        throw new MLStudioRequestError({
          error: 'Unavailable',
          message: 'down',
          status: 503
        });
      },
      fetchKeys: server.fetchKeys,
      pageSize: 100
    });
    await model.start();

    expect(model.error?.status).toBe(503);
    expect(model.isLoaded).toBe(true);
  });
});
