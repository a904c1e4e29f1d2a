import type { Event } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';

import type { IListTransformJobsOptions } from '../api/transform-jobs';
import { JobKinds } from '../models/job-kinds';
import { JobListModel } from '../models/job-list-model';
import {
  ITransformJobApi,
  TransformJobListModel,
  TransformJobModel
} from '../models/transform-job-models';
import { MLStudioRequestError } from '../request';
import type { ILogPage } from '../tokens';
import {
  ITransformJobDetail,
  ITransformJobSummary,
  TRANSFORM_JOB_EVENT_SCHEMA
} from '../transform-types';
import { emission, summary } from './training-fixtures';
import { transformDetail, transformSummary } from './transform-fixtures';
import { advance } from './timers';

const INTERVAL = 10_000;
const THROTTLE = 250;

/** Transform jobs on a fake server, newest first, in pages as the real one pages them. */
class FakeTransformJobs {
  jobs: ITransformJobSummary[] = [];
  queries: IListTransformJobsOptions[] = [];

  fetchPage = async (options: IListTransformJobsOptions) => {
    this.queries.push(options);
    const ordered = [...this.jobs].sort((a, b) =>
      b.creation_time.localeCompare(a.creation_time)
    );
    const start = options.next_token ? Number(options.next_token) : 0;
    const size = options.max_items ?? 50;
    const next = start + size < ordered.length ? String(start + size) : null;
    return {
      transform_jobs: ordered.slice(start, start + size),
      next_token: next
    };
  };
}

describe('TransformJobListModel', () => {
  let server: FakeTransformJobs;
  let events: Signal<unknown, Event.Emission>;
  let model: TransformJobListModel;

  beforeEach(() => {
    jest.useFakeTimers();
    server = new FakeTransformJobs();
    events = new Signal<unknown, Event.Emission>({});
    model = new TransformJobListModel({
      fetchPage: server.fetchPage,
      interval: INTERVAL,
      pageSize: 2,
      events,
      eventThrottle: THROTTLE,
      standby: 'never'
    });
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  it('lists transform jobs as rows of their kind, newest first, a page at a time', async () => {
    // Given three jobs on the server
    server.jobs = [
      transformSummary('a', 1),
      transformSummary('b', 2, 'Failed'),
      transformSummary('c', 3, 'InProgress')
    ];

    // When the list is read and then the older page
    await model.start();
    await advance(0);
    expect(model.rows.map(row => row.name)).toEqual(['c', 'b']);
    expect(model.hasMore).toBe(true);
    await model.loadMore();

    // Then every job is a transform row with its status and end time
    expect(model.rows).toEqual([
      expect.objectContaining({
        kind: 'transform',
        name: 'c',
        status: 'InProgress',
        end_time: null
      }),
      expect.objectContaining({
        kind: 'transform',
        name: 'b',
        status: 'Failed'
      }),
      expect.objectContaining({
        kind: 'transform',
        name: 'a',
        status: 'Completed'
      })
    ]);
    expect(model.hasMore).toBe(false);
    expect(server.queries[0]).toMatchObject({
      sort_by: 'CreationTime',
      sort_order: 'Descending',
      max_items: 2
    });
  });

  it('shows a transform event at once: its status and progress', async () => {
    server.jobs = [transformSummary('c', 3, 'InProgress')];
    await model.start();
    await advance(0);

    // When the server says the job made progress and then completed
    events.emit(
      emission(TRANSFORM_JOB_EVENT_SCHEMA, {
        name: 'c',
        status: 'InProgress',
        progress: { objects_total: 4, objects_done: 3 }
      })
    );

    // Then the row says so before any read
    expect(model.rows[0]).toMatchObject({
      status: 'InProgress',
      detail: '3/4 objects'
    });
    events.emit(
      emission(TRANSFORM_JOB_EVENT_SCHEMA, { name: 'c', status: 'Completed' })
    );
    expect(model.rows[0].status).toBe('Completed');
  });
});

describe('JobKinds', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('lists every kind in one newest-first list and opens a row in its own kind', async () => {
    // Given a training list and a transform list
    const training = new JobListModel({
      fetchPage: async () => ({
        training_jobs: [summary('train-old', 1), summary('train-new', 5)],
        next_token: null
      }),
      interval: INTERVAL,
      standby: 'never'
    });
    const transform = new TransformJobListModel({
      fetchPage: async () => ({
        transform_jobs: [transformSummary('batch', 3, 'InProgress')],
        next_token: null
      }),
      interval: INTERVAL,
      standby: 'never'
    });
    const opened: string[] = [];
    const kinds = new JobKinds();
    let changes = 0;
    kinds.changed.connect(() => changes++);
    kinds.add({
      id: 'training',
      label: 'Training',
      list: training,
      open: name => opened.push(`training ${name}`)
    });
    const added = kinds.add({
      id: 'transform',
      label: 'Transform',
      list: transform,
      open: name => opened.push(`transform ${name}`)
    });

    // When both are read
    expect(kinds.isLoaded).toBe(false);
    void kinds.refresh();
    await advance(0);

    // Then the rows interleave by creation time, each with its kind
    expect(kinds.isLoaded).toBe(true);
    expect(kinds.rows.map(row => `${row.kind} ${row.name}`)).toEqual([
      'training train-new',
      'transform batch',
      'training train-old'
    ]);
    expect(changes).toBeGreaterThan(2);

    // And a row opens in its kind's view
    kinds.open(kinds.rows[1]);
    expect(opened).toEqual(['transform batch']);

    // And a kind is listed once; taking one off removes its rows
    expect(() =>
      kinds.add({
        id: 'training',
        label: 'x',
        list: training,
        open: () => undefined
      })
    ).toThrow(/already listed/);
    added.dispose();
    expect(kinds.rows.map(row => row.name)).toEqual(['train-new', 'train-old']);
    training.dispose();
    transform.dispose();
    kinds.dispose();
  });

  it("does not repeat a finished training job's status as what it is doing", () => {
    const training = new JobListModel({
      fetchPage: async () => ({ training_jobs: [], next_token: null }),
      interval: INTERVAL,
      standby: 'never'
    });
    // Given the server's rows: an ended job's secondary status is its status
    const rows = training as unknown as {
      toRow(job: unknown): { detail: string | null };
    };
    expect(rows.toRow(summary('done', 1, 'Completed')).detail).toBeNull();
    expect(rows.toRow(summary('busy', 1, 'InProgress')).detail).toBe(
      'Training'
    );
    training.dispose();
  });
});

/** One transform job on a fake server. */
class FakeTransformServer implements ITransformJobApi {
  job: ITransformJobDetail = transformDetail('batch');
  lines = ['starting', 'serving'];
  calls: string[] = [];
  stopFailure: MLStudioRequestError | null = null;

  async getJob(name: string): Promise<ITransformJobDetail> {
    this.calls.push(`job ${name}`);
    return this.job;
  }

  async stopJob(name: string): Promise<ITransformJobDetail> {
    this.calls.push(`stop ${name}`);
    if (this.stopFailure) {
      throw this.stopFailure;
    }
    this.job = { ...this.job, transform_job_status: 'Stopping' };
    return this.job;
  }

  async getLogs(
    name: string,
    host: string,
    after: number,
    limit: number
  ): Promise<ILogPage> {
    this.calls.push(`logs ${name} ${host} ${after}`);
    const lines = this.lines
      .map((message, seq) => ({ seq, timestamp: 0, message }))
      .filter(line => line.seq > after)
      .slice(0, limit);
    return { host, stream: `${name}/${host}`, lines, total: this.lines.length };
  }
}

describe('TransformJobModel', () => {
  let server: FakeTransformServer;
  let events: Signal<unknown, Event.Emission>;
  let model: TransformJobModel;

  beforeEach(() => {
    jest.useFakeTimers();
    server = new FakeTransformServer();
    events = new Signal<unknown, Event.Emission>({});
    model = new TransformJobModel({
      name: 'batch',
      api: server,
      interval: INTERVAL,
      events,
      eventThrottle: THROTTLE,
      standby: () => false
    });
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  it("reads the job and the first instance's log, and names its instances", async () => {
    await model.start();
    await advance(0);

    expect(model.detail?.transform_job_status).toBe('InProgress');
    expect(model.hosts).toEqual(['algo-1', 'algo-2']);
    expect(model.logs('algo-1').total).toBe(2);
    expect(model.canStop).toBe(true);

    // When the other instance is chosen, its log is read
    model.selectedHost = 'algo-2';
    await advance(0);
    expect(server.calls).toContain('logs batch algo-2 -1');
  });

  it('follows events to the end, then reads once more and rests', async () => {
    await model.start();
    await advance(0);

    // When the job completes
    server.job = transformDetail('batch', 'Completed');
    server.lines.push('done');
    events.emit(
      emission(TRANSFORM_JOB_EVENT_SCHEMA, {
        name: 'batch',
        status: 'Completed'
      })
    );
    expect(model.detail?.transform_job_status).toBe('Completed');
    await advance(THROTTLE);

    // Then the timeline and the last lines are read, Stop no longer applies...
    expect(model.detail?.status_transitions.map(step => step.status)).toEqual([
      'InProgress',
      'Completed'
    ]);
    expect(model.logs('algo-1').total).toBe(3);
    expect(model.canStop).toBe(false);

    // ...and the poll rests: no more reads
    const reads = server.calls.length;
    await advance(INTERVAL * 3);
    expect(server.calls.length).toBe(reads);
  });

  it('stops, and keeps a refusal for the view to show', async () => {
    await model.start();
    await advance(0);

    expect(await model.stop()).toBe(true);
    expect(model.detail?.transform_job_status).toBe('Stopping');

    server.job = transformDetail('batch', 'InProgress');
    server.stopFailure = new MLStudioRequestError({
      message: 'Transform job batch is Completed',
      error: 'IllegalTransition',
      status: 409
    });
    void model.refresh();
    await advance(THROTTLE);
    expect(await model.stop()).toBe(false);
    expect(model.stopError?.message).toContain('Completed');
  });
});
