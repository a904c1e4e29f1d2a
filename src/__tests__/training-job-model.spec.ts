import type { Event } from '@jupyterlab/services';
import { PromiseDelegate } from '@lumino/coreutils';
import { Signal } from '@lumino/signaling';

import {
  RUN_METRICS_EVENT_SCHEMA,
  TRAINING_JOB_EVENT_SCHEMA,
  TRAINING_LOGS_EVENT_SCHEMA
} from '../events';
import {
  ITrainingJobApi,
  TrainingJobModel
} from '../models/training-job-model';
import { MLStudioRequestError } from '../request';
import type {
  ILogPage,
  IMetricHistory,
  IRun,
  ITrainingJobDetail
} from '../tokens';
import { detail, emission } from './training-fixtures';
import { advance } from './timers';

const INTERVAL = 10_000;
const THROTTLE = 250;

/** One job on a fake server. */
class FakeServer implements ITrainingJobApi {
  job: ITrainingJobDetail = detail('mnist');
  lines: string[] = ['epoch=1 loss=0.5'];
  calls: string[] = [];
  stopFailure: MLStudioRequestError | null = null;
  stopGate: PromiseDelegate<void> | null = null;

  async getJob(name: string): Promise<ITrainingJobDetail> {
    this.calls.push(`job ${name}`);
    return this.job;
  }

  async stopJob(name: string): Promise<ITrainingJobDetail> {
    this.calls.push(`stop ${name}`);
    if (this.stopGate) {
      await this.stopGate.promise;
    }
    if (this.stopFailure) {
      throw this.stopFailure;
    }
    this.job = {
      ...this.job,
      training_job_status: 'Stopping',
      secondary_status: 'Stopping'
    };
    return this.job;
  }

  async getLogs(
    name: string,
    host: string,
    after: number,
    limit: number
  ): Promise<ILogPage> {
    this.calls.push(`logs ${host} after ${after}`);
    const lines = this.lines
      .map((message, seq) => ({ seq, timestamp: seq, message }))
      .filter(line => line.seq > after)
      .slice(0, limit);
    return { host, stream: 's', lines, total: this.lines.length };
  }

  async getRun(runId: string): Promise<IRun> {
    this.calls.push(`run ${runId}`);
    return {
      run_id: runId,
      experiment_id: 'e',
      name: 'mnist',
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
      metrics: [
        {
          key: 'loss',
          value: 0.5,
          step: 0,
          timestamp: 1,
          min: 0.5,
          max: 0.5,
          count: 1
        }
      ]
    };
  }

  async getMetricHistory(runId: string, key: string): Promise<IMetricHistory> {
    this.calls.push(`history ${key}`);
    return {
      run_id: runId,
      key,
      points: [{ key, value: 0.5, step: 0, timestamp: 1 }],
      total: 1
    };
  }
}

describe('TrainingJobModel', () => {
  let server: FakeServer;
  let events: Signal<unknown, Event.Emission>;
  let model: TrainingJobModel;

  beforeEach(() => {
    jest.useFakeTimers();
    server = new FakeServer();
    events = new Signal<unknown, Event.Emission>({});
    model = new TrainingJobModel({
      name: 'mnist',
      api: server,
      interval: INTERVAL,
      logPageSize: 100,
      events,
      eventThrottle: THROTTLE,
      standby: () => false
    });
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  async function started(): Promise<void> {
    await model.start();
    await advance(0);
  }

  it('reads the description, the log of the first host and the metrics', async () => {
    await started();

    expect(model.detail?.training_job_status).toBe('InProgress');
    expect(server.calls).toEqual([
      'job mnist',
      'logs algo-1 after -1',
      'run run-1',
      'history loss'
    ]);
    expect(model.logs('algo-1').lineAt(0)?.message).toBe('epoch=1 loss=0.5');
    expect(model.metrics?.series('loss').map(p => p.value)).toEqual([0.5]);
  });

  it('shows a status event at once and reads the timeline after it', async () => {
    await started();
    server.calls = [];

    events.emit(
      emission(TRAINING_JOB_EVENT_SCHEMA, {
        name: 'mnist',
        status: 'InProgress',
        secondary_status: 'Uploading',
        message: 'Uploading generated training model'
      })
    );
    expect(model.detail?.secondary_status).toBe('Uploading');
    expect(server.calls).toEqual([]);

    await advance(THROTTLE + 1);
    expect(server.calls).toEqual(['job mnist']);
  });

  it("ignores other jobs' events", async () => {
    await started();
    server.calls = [];

    events.emit(
      emission(TRAINING_JOB_EVENT_SCHEMA, {
        name: 'other',
        status: 'Failed',
        secondary_status: 'Failed'
      })
    );
    events.emit(
      emission(TRAINING_LOGS_EVENT_SCHEMA, {
        name: 'other',
        host: 'algo-1',
        first_seq: 1,
        count: 1,
        lines: [{ timestamp: 2, message: 'not ours' }]
      })
    );
    events.emit(
      emission(RUN_METRICS_EVENT_SCHEMA, {
        run_id: 'run-2',
        job: 'other',
        points: [{ key: 'loss', value: 9, step: 1, timestamp: 2 }]
      })
    );
    await advance(THROTTLE + 1);

    expect(model.detail?.training_job_status).toBe('InProgress');
    expect(model.logs('algo-1').total).toBe(1);
    expect(model.metrics?.series('loss')).toHaveLength(1);
    expect(server.calls).toEqual([]);
  });

  it('feeds log lines and metric points of its job to the views', async () => {
    await started();

    events.emit(
      emission(TRAINING_LOGS_EVENT_SCHEMA, {
        name: 'mnist',
        host: 'algo-1',
        first_seq: 1,
        count: 1,
        lines: [{ timestamp: 2, message: 'epoch=2 loss=NaN' }]
      })
    );
    events.emit(
      emission(RUN_METRICS_EVENT_SCHEMA, {
        run_id: 'run-1',
        job: 'mnist',
        points: [{ key: 'loss', value: 'NaN', step: 1, timestamp: 2 }]
      })
    );

    expect(model.logs('algo-1').lineAt(1)?.message).toBe('epoch=2 loss=NaN');
    expect(model.metrics?.series('loss').map(p => p.value)).toEqual([
      0.5,
      Number.NaN
    ]);
  });

  it('stops the job, and cannot be asked twice while the request is on its way', async () => {
    await started();
    expect(model.canStop).toBe(true);
    server.stopGate = new PromiseDelegate<void>();

    const stopping = model.stop();
    expect(model.canStop).toBe(false);
    expect(await model.stop()).toBe(false);
    server.stopGate.resolve();

    expect(await stopping).toBe(true);
    expect(model.detail?.training_job_status).toBe('Stopping');
    expect(model.canStop).toBe(false);
    expect(server.calls.filter(call => call.startsWith('stop'))).toHaveLength(
      1
    );
  });

  it("keeps the server's refusal to stop for the view", async () => {
    await started();
    server.stopFailure = new MLStudioRequestError({
      error: 'IllegalTransition',
      message:
        'The request was rejected because the training job is in status Completed.',
      status: 409
    });
    server.job = detail('mnist', 'Completed');

    expect(await model.stop()).toBe(false);
    await advance(0);

    expect(model.stopError?.message).toMatch(/in status Completed/);
    expect(model.detail?.training_job_status).toBe('Completed');
    expect(model.canStop).toBe(false);
  });

  it('polls while the job runs and rests after a last read once it has ended', async () => {
    await started();
    server.calls = [];
    await advance(INTERVAL);
    expect(server.calls.filter(call => call === 'job mnist')).toHaveLength(1);

    server.job = detail('mnist', 'Completed');
    server.lines.push('done');
    events.emit(
      emission(TRAINING_JOB_EVENT_SCHEMA, {
        name: 'mnist',
        status: 'Completed',
        secondary_status: 'Completed'
      })
    );
    await advance(THROTTLE + 1);
    expect(model.logs('algo-1').total).toBe(2);
    server.calls = [];

    await advance(5 * INTERVAL);

    expect(server.calls).toEqual([]);
  });

  it('reads the log of another host when it is picked', async () => {
    server.job = detail('mnist', 'InProgress', {
      hosts: ['algo-1', 'algo-2'],
      resource_config: {
        instance_type: 'ml.m5.large',
        instance_count: 2,
        volume_size_in_gb: 30,
        volume_kms_key_id: null,
        keep_alive_period_in_seconds: null
      }
    });
    await started();
    server.calls = [];

    model.selectedHost = 'algo-2';
    await advance(0);

    expect(server.calls).toEqual(['logs algo-2 after -1']);
    expect(model.selectedHost).toBe('algo-2');
  });
});
