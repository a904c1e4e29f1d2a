import type { Event } from '@jupyterlab/services';
import { PromiseDelegate } from '@lumino/coreutils';
import { Signal } from '@lumino/signaling';

import { STATUS_EVENT_SCHEMA, TRAINING_JOB_EVENT_SCHEMA } from '../events';
import { StatusModel } from '../models/status-model';
import { MLStudioRequestError } from '../request';
import type { IInstanceTypeList, IStatus } from '../tokens';
import { CATALOGUE, STATUS } from './fixtures';
import { advance } from './timers';

const INTERVAL = 10_000;
const THROTTLE = 250;

/**
 * One turn of the timer loop. The poll runs "immediate" ticks in a zero-delay
 * timer, which the fake clock may count as 1 ms when set from another timer.
 */
const TURN = 1;

/** `model.refresh()` under fake timers: start it, let it run, wait for it. */
async function refreshNow(model: StatusModel): Promise<void> {
  const done = model.refresh();
  await advance(TURN);
  await done;
}

function emission(schemaId: string): Event.Emission {
  return {
    schema_id: schemaId,
    version: '1',
    data: {}
  } as unknown as Event.Emission;
}

/** A fake server that answers reads the way each test tells it to. */
class FakeServer {
  statusReads = 0;
  catalogueReads = 0;
  fail: MLStudioRequestError | null = null;
  /** When set, only catalogue reads fail, with this. */
  failCatalogue: MLStudioRequestError | null = null;
  /** When set, status reads wait on it: a read "in flight". */
  gate: PromiseDelegate<void> | null = null;
  status: IStatus = STATUS;

  fetchStatus = async (): Promise<IStatus> => {
    this.statusReads++;
    // The answer reflects the server's state when the read arrived, however late it returns.
    const answer = this.status;
    const failure = this.fail;
    if (this.gate) {
      await this.gate.promise;
    }
    if (failure) {
      throw failure;
    }
    return answer;
  };

  fetchInstanceTypes = async (): Promise<IInstanceTypeList> => {
    this.catalogueReads++;
    const failure = this.fail ?? this.failCatalogue;
    if (failure) {
      throw failure;
    }
    return CATALOGUE;
  };
}

describe('StatusModel', () => {
  let server: FakeServer;
  let events: Signal<unknown, Event.Emission>;
  let model: StatusModel;

  beforeEach(() => {
    jest.useFakeTimers();
    server = new FakeServer();
    events = new Signal<unknown, Event.Emission>({});
    model = new StatusModel({
      fetchStatus: server.fetchStatus,
      fetchInstanceTypes: server.fetchInstanceTypes,
      interval: INTERVAL,
      events,
      eventThrottle: THROTTLE,
      standby: 'never'
    });
  });

  afterEach(() => {
    model.dispose();
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('reads status and catalogue once started', async () => {
    const changes = jest.fn();
    model.changed.connect(changes);

    await model.start();
    await advance(0);

    expect(server.statusReads).toBe(1);
    expect(server.catalogueReads).toBe(1);
    expect(model.status?.version).toBe('0.1.0');
    expect(model.instanceTypes?.default).toBe('local');
    expect(model.error).toBeNull();
    expect(model.isLoading).toBe(false);
    expect(changes).toHaveBeenCalled();
  });

  it('reads again every interval while nothing fails', async () => {
    await model.start();
    await advance(0);

    await advance(INTERVAL - 1);
    expect(server.statusReads).toBe(1);
    await advance(1);
    expect(server.statusReads).toBe(2);
  });

  it('keeps the last data and shows the server message when a read fails', async () => {
    await model.start();
    await advance(0);
    server.fail = new MLStudioRequestError({
      error: 'Unavailable',
      message: 'The record store is locked',
      status: 503
    });

    await refreshNow(model);

    expect(model.error?.message).toBe('The record store is locked');
    expect(model.error?.status).toBe(503);
    expect(model.status).toBe(STATUS);

    server.fail = null;
    await refreshNow(model);
    expect(model.error).toBeNull();
  });

  it('shows a good status when only the catalogue fails', async () => {
    server.failCatalogue = new MLStudioRequestError({
      error: 'InternalError',
      message: 'The catalogue is broken',
      status: 500
    });

    await model.start();
    await advance(0);

    expect(model.status?.version).toBe('0.1.0');
    expect(model.statusError).toBeNull();
    expect(model.instanceTypes).toBeNull();
    expect(model.instanceTypesError?.message).toBe('The catalogue is broken');
    expect(model.error).toBe(model.instanceTypesError);
    // A partial failure is still a failure: the next read waits longer.
    expect(model.currentInterval).toBe(2 * INTERVAL);
  });

  it('backs off after failures, up to the limit, and recovers', async () => {
    server.fail = new MLStudioRequestError({
      error: 'NetworkError',
      message: 'down',
      status: 0
    });
    await model.start();
    await advance(0);
    expect(server.statusReads).toBe(1);

    // Each failure doubles the wait: 2, 4, then 6 intervals (the limit), and stays there.
    const expectedWaits = [2, 4, 6, 6].map(factor => factor * INTERVAL);
    for (const [index, wait] of expectedWaits.entries()) {
      expect(model.currentInterval).toBe(wait);
      await advance(wait - 1);
      expect(server.statusReads).toBe(index + 1);
      await advance(1);
      expect(server.statusReads).toBe(index + 2);
    }

    // Once the server answers, the normal interval is back.
    server.fail = null;
    await advance(StatusModel.BACKOFF_LIMIT * INTERVAL);
    expect(model.error).toBeNull();
    expect(model.currentInterval).toBe(INTERVAL);
    const reads = server.statusReads;
    await advance(INTERVAL);
    expect(server.statusReads).toBe(reads + 1);
  });

  it('refreshes at once when an ML Studio event arrives', async () => {
    await model.start();
    await advance(0);

    events.emit(emission(STATUS_EVENT_SCHEMA));
    await advance(THROTTLE + TURN);

    expect(server.statusReads).toBe(2);
  });

  it('shows what a job ending returned to the host as soon as its event arrives', async () => {
    const holding = {
      ...STATUS.capacity,
      memory_reserved_bytes: 4 * 1024 ** 3,
      reservations: [
        {
          kind: 'training-job',
          name: 'nightly',
          owner: 'bob',
          instance_type: 'ml.t3.xlarge',
          memory_bytes: 4 * 1024 ** 3,
          gpus: [],
          vcpus: 4,
          cpus: [],
          since: 1
        }
      ]
    };
    expect(model.capacity).toBeNull();
    server.status = { ...STATUS, capacity: holding };
    await model.start();
    await advance(0);
    expect(model.capacity?.reservations.map(item => item.name)).toEqual([
      'nightly'
    ]);

    server.status = STATUS;
    events.emit(emission(TRAINING_JOB_EVENT_SCHEMA));
    await advance(THROTTLE + TURN);

    expect(model.capacity?.reservations).toEqual([]);
    expect(model.capacity?.memory_reserved_bytes).toBe(0);
  });

  it('ignores events of other Jupyter schemas', async () => {
    await model.start();
    await advance(0);

    events.emit(
      emission('https://events.jupyter.org/jupyter_server/contents_service/v1')
    );
    await advance(INTERVAL - 1);

    expect(server.statusReads).toBe(1);
  });

  it('does not read for log and metric output', async () => {
    await model.start();
    await advance(0);

    events.emit(
      emission(
        'https://schema.jupyter.org/jupyterlab_mlstudio/training-logs/v1'
      )
    );
    events.emit(
      emission('https://schema.jupyter.org/jupyterlab_mlstudio/run-metrics/v1')
    );
    await advance(INTERVAL - 1);

    expect(server.statusReads).toBe(1);
  });

  it('reads once for a burst of events', async () => {
    await model.start();
    await advance(0);

    for (let i = 0; i < 20; i++) {
      events.emit(emission(`${STATUS_EVENT_SCHEMA}`));
      await advance(THROTTLE / 20);
    }
    await advance(THROTTLE);

    expect(server.statusReads).toBe(2);
  });

  it('reads again after the read in flight when an event arrives during it', async () => {
    await model.start();
    await advance(0);
    server.gate = new PromiseDelegate<void>();
    void model.refresh();
    await advance(TURN);
    expect(server.statusReads).toBe(2);
    expect(model.isLoading).toBe(true);

    // The server's state changes while the read is on its way: its answer may be old.
    events.emit(emission(STATUS_EVENT_SCHEMA));
    await advance(THROTTLE);
    expect(server.statusReads).toBe(2);

    server.gate.resolve();
    server.gate = null;
    await advance(TURN);

    expect(server.statusReads).toBe(3);
    expect(model.isLoading).toBe(false);
  });

  it('never lets an older answer overwrite a newer one', async () => {
    await model.start();
    await advance(0);
    const slow = new PromiseDelegate<void>();
    server.gate = slow;
    server.status = { ...STATUS, version: 'old' };
    // A periodic read starts and hangs...
    await advance(INTERVAL);
    expect(server.statusReads).toBe(2);
    // ...while a refresh reads the newer state.
    server.gate = null;
    server.status = { ...STATUS, version: 'new' };
    await refreshNow(model);
    expect(model.status?.version).toBe('new');

    slow.resolve();
    await advance(TURN);

    expect(model.status?.version).toBe('new');
  });

  it('follows a new interval from the settings', async () => {
    await model.start();
    await advance(0);

    model.interval = 2_000;
    await advance(TURN);
    const reads = server.statusReads;
    await advance(2_000);

    expect(model.interval).toBe(2_000);
    expect(server.statusReads).toBe(reads + 1);
  });

  it('stops listening to events once disposed', async () => {
    await model.start();
    await advance(0);

    model.dispose();
    events.emit(emission(STATUS_EVENT_SCHEMA));
    await advance(INTERVAL);

    expect(server.statusReads).toBe(1);
    expect(model.isDisposed).toBe(true);
  });
});
