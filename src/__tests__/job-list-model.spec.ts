import type { Event } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';

import type { IListTrainingJobsOptions } from '../api/training-jobs';
import { TRAINING_JOB_EVENT_SCHEMA } from '../events';
import { JobListModel } from '../models/job-list-model';
import type { ITrainingJobList, ITrainingJobSummary } from '../tokens';
import { emission, summary } from './training-fixtures';
import { advance } from './timers';

const INTERVAL = 10_000;
const THROTTLE = 250;

/** Jobs on a fake server, listed newest first in pages as the real one does. */
class FakeJobs {
  jobs: ITrainingJobSummary[] = [];
  queries: IListTrainingJobsOptions[] = [];

  fetchPage = async (
    options: IListTrainingJobsOptions
  ): Promise<ITrainingJobList> => {
    this.queries.push(options);
    const ordered = JobListModel.mergeJobs([], this.jobs);
    const start = options.next_token ? Number(options.next_token) : 0;
    const size = options.max_items ?? 50;
    const page = ordered.slice(start, start + size);
    const next = start + size < ordered.length ? String(start + size) : null;
    return { training_jobs: page, next_token: next };
  };
}

function names(model: JobListModel): string[] {
  return model.jobs.map(job => job.training_job_name);
}

describe('JobListModel', () => {
  let server: FakeJobs;
  let events: Signal<unknown, Event.Emission>;
  let model: JobListModel;

  beforeEach(() => {
    jest.useFakeTimers();
    server = new FakeJobs();
    events = new Signal<unknown, Event.Emission>({});
    model = new JobListModel({
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

  it('lists the newest jobs first', async () => {
    server.jobs = [summary('old', 1), summary('new', 3), summary('middle', 2)];

    await model.start();
    await advance(0);

    expect(names(model)).toEqual(['new', 'middle']);
    expect(model.hasMore).toBe(true);
    expect(server.queries[0]).toEqual({
      sort_by: 'CreationTime',
      sort_order: 'Descending',
      max_items: 2,
      next_token: null
    });
  });

  it('reads older jobs on demand and keeps them through refreshes', async () => {
    server.jobs = [summary('a', 1), summary('b', 2), summary('c', 3)];
    await model.start();
    await advance(0);

    await model.loadMore();
    expect(names(model)).toEqual(['c', 'b', 'a']);
    expect(model.hasMore).toBe(false);

    server.jobs.push(summary('d', 4));
    await advance(INTERVAL);

    expect(names(model)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('updates a listed job from its event at once, then reads the list', async () => {
    server.jobs = [summary('run', 1, 'InProgress')];
    await model.start();
    await advance(0);
    const reads = server.queries.length;

    events.emit(
      emission(TRAINING_JOB_EVENT_SCHEMA, {
        name: 'run',
        status: 'Stopping',
        secondary_status: 'Stopping',
        message: null,
        failure_reason: null
      })
    );

    expect(model.jobs[0].training_job_status).toBe('Stopping');
    expect(server.queries.length).toBe(reads);
    server.jobs = [summary('run', 1, 'Stopped')];
    await advance(THROTTLE + 1);
    expect(server.queries.length).toBe(reads + 1);
    expect(model.jobs[0].training_job_status).toBe('Stopped');
  });

  it('reads the list when an unknown job appears, once per burst', async () => {
    await model.start();
    await advance(0);
    const reads = server.queries.length;
    server.jobs = [summary('fresh', 5, 'InProgress')];

    for (const status of ['Starting', 'Downloading', 'Training']) {
      events.emit(
        emission(TRAINING_JOB_EVENT_SCHEMA, {
          name: 'fresh',
          status: 'InProgress',
          secondary_status: status
        })
      );
    }
    await advance(THROTTLE + 1);

    expect(server.queries.length).toBe(reads + 1);
    expect(names(model)).toEqual(['fresh']);
  });

  it('merges rows by name, the newer row winning', () => {
    const merged = JobListModel.mergeJobs(
      [summary('a', 1, 'InProgress'), summary('b', 2)],
      [summary('a', 1, 'Completed'), summary('c', 3)]
    );

    expect(
      merged.map(job => [job.training_job_name, job.training_job_status])
    ).toEqual([
      ['c', 'Completed'],
      ['b', 'Completed'],
      ['a', 'Completed']
    ]);
  });
});
