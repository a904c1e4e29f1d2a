import type { Event } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';

import type { IListProcessingJobsOptions } from '../api/processing-jobs';
import {
  commandLine,
  IProcessingJobApi,
  processingInputs,
  processingOutputs,
  ProcessingJobListModel,
  ProcessingJobModel
} from '../models/processing-job-models';
import {
  IProcessingJobDetail,
  IProcessingJobSummary,
  PROCESSING_JOB_EVENT_SCHEMA
} from '../processing-types';
import { MLStudioRequestError } from '../request';
import type { ILogPage } from '../tokens';
import { TRANSFORM_JOB_EVENT_SCHEMA } from '../transform-types';
import { processingDetail, processingSummary } from './processing-fixtures';
import { emission } from './training-fixtures';
import { advance } from './timers';

const INTERVAL = 10_000;
const THROTTLE = 250;

/** Processing jobs on a fake server, newest first, in pages as the real one pages them. */
class FakeProcessingJobs {
  jobs: IProcessingJobSummary[] = [];
  queries: IListProcessingJobsOptions[] = [];

  fetchPage = async (options: IListProcessingJobsOptions) => {
    this.queries.push(options);
    const ordered = [...this.jobs].sort((a, b) =>
      b.creation_time.localeCompare(a.creation_time)
    );
    const start = options.next_token ? Number(options.next_token) : 0;
    const size = options.max_items ?? 50;
    const next = start + size < ordered.length ? String(start + size) : null;
    return {
      processing_jobs: ordered.slice(start, start + size),
      next_token: next
    };
  };
}

describe('processing job facts', () => {
  it('lists inputs and outputs with their container paths, S3 URIs and modes', () => {
    const detail = processingDetail('prep');
    expect(processingInputs(detail)).toEqual([
      {
        name: 'raw',
        localPath: '/opt/ml/processing/input/raw',
        s3Uri: 's3://data/raw',
        mode: 'File, S3Prefix'
      },
      {
        name: 'code',
        localPath: '/opt/ml/processing/input/code',
        s3Uri: 's3://data/code/prepare.py',
        mode: 'File, S3Prefix'
      }
    ]);
    expect(processingOutputs(detail)).toEqual([
      {
        name: 'train',
        localPath: '/opt/ml/processing/output/train',
        s3Uri: 's3://data/prepared/train',
        mode: 'EndOfJob'
      }
    ]);
  });

  it('has no outputs when the job declares none, and app-managed inputs have no URI', () => {
    const detail = processingDetail('bare', 'Completed', {
      processing_output_config: null,
      processing_inputs: [
        { input_name: 'managed', app_managed: true, s3_input: null }
      ]
    });
    expect(processingOutputs(detail)).toEqual([]);
    expect(processingInputs(detail)).toEqual([
      { name: 'managed', localPath: null, s3Uri: null, mode: null }
    ]);
  });

  it('writes a command line that quotes words with spaces and keeps empty ones', () => {
    expect(commandLine(['python3', 'prep.py', '--note', 'two words', ''])).toBe(
      'python3 prep.py --note "two words" ""'
    );
    expect(commandLine([])).toBeNull();
    expect(commandLine(null)).toBeNull();
  });
});

describe('ProcessingJobListModel', () => {
  let server: FakeProcessingJobs;
  let events: Signal<unknown, Event.Emission>;
  let model: ProcessingJobListModel;

  beforeEach(() => {
    jest.useFakeTimers();
    server = new FakeProcessingJobs();
    events = new Signal<unknown, Event.Emission>({});
    model = new ProcessingJobListModel({
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

  it('lists processing jobs as rows of their kind, newest first, a page at a time', async () => {
    // Given three jobs on the server
    server.jobs = [
      processingSummary('a', 1),
      processingSummary('b', 2, 'Failed'),
      processingSummary('c', 3, 'InProgress')
    ];

    // When the list is read and then the older page
    await model.start();
    await advance(0);
    expect(model.rows.map(row => row.name)).toEqual(['c', 'b']);
    expect(model.hasMore).toBe(true);
    await model.loadMore();

    // Then every job is a processing row with its status and end time
    expect(model.rows).toEqual([
      expect.objectContaining({
        kind: 'processing',
        name: 'c',
        status: 'InProgress',
        end_time: null
      }),
      expect.objectContaining({
        kind: 'processing',
        name: 'b',
        status: 'Failed'
      }),
      expect.objectContaining({
        kind: 'processing',
        name: 'a',
        status: 'Completed',
        end_time: '2024-11-22T06:01:00.000000Z'
      })
    ]);
    expect(model.hasMore).toBe(false);
    expect(server.queries[0]).toMatchObject({
      sort_by: 'CreationTime',
      sort_order: 'Descending',
      max_items: 2
    });
  });

  it('shows a status event at once, with what the job does while it runs', async () => {
    // Given a running job, listed
    server.jobs = [processingSummary('c', 3, 'InProgress')];
    await model.start();
    await advance(0);
    const reads = server.queries.length;

    // When the server says what it is doing
    events.emit(
      emission(PROCESSING_JOB_EVENT_SCHEMA, {
        name: 'c',
        status: 'InProgress',
        message: 'Downloading input data'
      })
    );

    // Then the row says so before any read, and a known job needs no read
    expect(model.rows[0]).toMatchObject({
      status: 'InProgress',
      detail: 'Downloading input data'
    });
    await advance(THROTTLE * 2);
    expect(server.queries.length).toBe(reads);

    // When it fails, the row shows the status alone and the list is read again
    server.jobs = [processingSummary('c', 3, 'Failed')];
    events.emit(
      emission(PROCESSING_JOB_EVENT_SCHEMA, {
        name: 'c',
        status: 'Failed',
        message: 'Processing job failed',
        failure_reason: 'AlgorithmError: exit code 1'
      })
    );
    expect(model.rows[0]).toMatchObject({ status: 'Failed', detail: null });
    await advance(THROTTLE * 2);
    expect(server.queries.length).toBe(reads + 1);
    expect(model.rows[0].end_time).not.toBeNull();
  });

  it("reads the list when a job it does not list yet changes, and ignores other kinds' events", async () => {
    await model.start();
    await advance(0);
    const reads = server.queries.length;

    events.emit(
      emission(TRANSFORM_JOB_EVENT_SCHEMA, {
        name: 'other',
        status: 'InProgress'
      })
    );
    await advance(THROTTLE * 2);
    expect(server.queries.length).toBe(reads);

    // When a new job starts
    server.jobs = [processingSummary('new', 5, 'InProgress')];
    events.emit(
      emission(PROCESSING_JOB_EVENT_SCHEMA, {
        name: 'new',
        status: 'InProgress'
      })
    );
    await advance(THROTTLE * 2);

    // Then it is listed
    expect(server.queries.length).toBe(reads + 1);
    expect(model.rows.map(row => row.name)).toEqual(['new']);
  });
});

/** One processing job on a fake server. */
class FakeProcessingServer implements IProcessingJobApi {
  job: IProcessingJobDetail = processingDetail('prep');
  lines = ['reading /opt/ml/processing/input/raw', 'wrote 120 rows'];
  calls: string[] = [];
  stopFailure: MLStudioRequestError | null = null;

  async getJob(name: string): Promise<IProcessingJobDetail> {
    this.calls.push(`job ${name}`);
    return this.job;
  }

  async stopJob(name: string): Promise<IProcessingJobDetail> {
    this.calls.push(`stop ${name}`);
    if (this.stopFailure) {
      throw this.stopFailure;
    }
    this.job = { ...this.job, processing_job_status: 'Stopping' };
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

describe('ProcessingJobModel', () => {
  let server: FakeProcessingServer;
  let events: Signal<unknown, Event.Emission>;
  let model: ProcessingJobModel;

  beforeEach(() => {
    jest.useFakeTimers();
    server = new FakeProcessingServer();
    events = new Signal<unknown, Event.Emission>({});
    model = new ProcessingJobModel({
      name: 'prep',
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

  it("reads the job and the first host's log, and offers the server's hosts", async () => {
    await model.start();
    await advance(0);

    expect(model.status).toBe('InProgress');
    expect(model.hosts).toEqual(['algo-1', 'algo-2']);
    expect(model.logs('algo-1').total).toBe(2);
    expect(model.canStop).toBe(true);

    // When the other host is chosen, its log is read
    model.selectedHost = 'algo-2';
    await advance(0);
    expect(server.calls).toContain('logs prep algo-2 -1');
  });

  it('names hosts from the instance count before the server lists any', async () => {
    server.job = processingDetail('prep', 'InProgress', { hosts: [] });
    await model.start();
    await advance(0);
    expect(model.hosts).toEqual(['algo-1', 'algo-2']);
  });

  it('follows events to the end, then reads once more and rests', async () => {
    await model.start();
    await advance(0);

    // When the server says what it does, the view shows it at once
    events.emit(
      emission(PROCESSING_JOB_EVENT_SCHEMA, {
        name: 'prep',
        status: 'InProgress',
        message: 'Uploading outputs'
      })
    );
    expect(model.detail?.status_message).toBe('Uploading outputs');

    // When the job completes
    server.job = processingDetail('prep', 'Completed', {
      exit_message: 'prepared 120 rows'
    });
    server.lines.push('done');
    events.emit(
      emission(PROCESSING_JOB_EVENT_SCHEMA, {
        name: 'prep',
        status: 'Completed'
      })
    );
    expect(model.status).toBe('Completed');
    await advance(THROTTLE);

    // Then the end time, the exit message and the last lines are read; Stop no longer applies...
    expect(model.detail?.processing_end_time).not.toBeNull();
    expect(model.detail?.exit_message).toBe('prepared 120 rows');
    expect(model.logs('algo-1').total).toBe(3);
    expect(model.canStop).toBe(false);

    // ...and the poll rests: no more reads
    const reads = server.calls.length;
    await advance(INTERVAL * 3);
    expect(server.calls.length).toBe(reads);
  });

  it('keeps the last description when a read fails, says why, and recovers', async () => {
    await model.start();
    await advance(0);

    // When the server fails a read
    const failing = server.getJob.bind(server);
    server.getJob = async () => {
      throw new MLStudioRequestError({
        message: 'The server is restarting',
        error: 'ServiceUnavailable',
        status: 503
      });
    };
    void model.refresh();
    await advance(THROTTLE);

    // Then the view keeps what it had and knows why it is stale
    expect(model.error?.status).toBe(503);
    expect(model.status).toBe('InProgress');

    // And the next good read clears the error
    server.getJob = failing;
    void model.refresh();
    await advance(THROTTLE);
    expect(model.error).toBeNull();
  });

  it("ignores another job's events", async () => {
    await model.start();
    await advance(0);
    events.emit(
      emission(PROCESSING_JOB_EVENT_SCHEMA, { name: 'other', status: 'Failed' })
    );
    expect(model.status).toBe('InProgress');
  });

  it('stops, and keeps a refusal for the view to show', async () => {
    await model.start();
    await advance(0);

    expect(await model.stop()).toBe(true);
    expect(model.status).toBe('Stopping');
    expect(model.canStop).toBe(false);

    server.job = processingDetail('prep', 'InProgress');
    server.stopFailure = new MLStudioRequestError({
      message: 'Processing job prep is Completed',
      error: 'IllegalTransition',
      status: 409
    });
    void model.refresh();
    await advance(THROTTLE);
    expect(await model.stop()).toBe(false);
    expect(model.stopError?.message).toContain('Completed');
  });
});
