import type { Event } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';

import type {
  IResourceOverview,
  IRunningResource,
  ResourceScope
} from '../api/resources';
import { ResourcesModel } from '../models/resources-model';
import { MLStudioRequestError } from '../request';
import { advance } from './timers';

const INTERVAL = 5000;

/** Run the fake clock in small steps until `promise` settles (polls tick in timers). */
async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  void promise.finally(() => {
    done = true;
  });
  for (let turn = 0; turn < 100 && !done; turn++) {
    await advance(1);
  }
  return promise;
}

function kernel(id: string, owner = 'ana'): IRunningResource {
  return {
    kind: 'kernel',
    id,
    name: `${id}.ipynb`,
    owner,
    instance_type: 'ml.m5.large',
    since: 1_700_000_000_000,
    run_seconds: 90,
    memory_reserved_bytes: 8 * 1024 ** 3,
    memory_used_bytes: 200 * 1024 ** 2,
    idle_seconds: 30,
    units: 1
  };
}

/** A server that runs what the test says and stops what it is asked to. */
class FakeServer {
  running: IRunningResource[] = [kernel('k1'), kernel('k2', 'bo')];
  reads: ResourceScope[] = [];
  stops: string[] = [];
  admin = true;
  failStop: MLStudioRequestError | null = null;

  fetch = async (scope: ResourceScope): Promise<IResourceOverview> => {
    this.reads.push(scope);
    const resources =
      scope === 'everyone'
        ? this.running
        : this.running.filter(item => item.owner === 'ana');
    return {
      scope,
      is_admin: this.admin,
      resources,
      memory_reserved_bytes: resources.reduce(
        (sum, item) => sum + item.memory_reserved_bytes,
        0
      ),
      memory_used_bytes: 0
    };
  };

  stop = async (resource: IRunningResource): Promise<IRunningResource> => {
    if (this.failStop) {
      throw this.failStop;
    }
    this.stops.push(resource.id);
    this.running = this.running.filter(item => item.id !== resource.id);
    return resource;
  };

  stopIdle = async (minutes: number): Promise<IRunningResource[]> => {
    const idle = this.running.filter(
      item => (item.idle_seconds ?? -1) >= minutes * 60
    );
    this.running = this.running.filter(item => !idle.includes(item));
    return idle;
  };
}

describe('ResourcesModel', () => {
  let server: FakeServer;
  let events: Signal<unknown, Event.Emission>;
  let model: ResourcesModel;

  beforeEach(() => {
    jest.useFakeTimers();
    server = new FakeServer();
    events = new Signal<unknown, Event.Emission>({});
    model = new ResourcesModel({
      fetch: server.fetch,
      stop: server.stop,
      stopIdle: server.stopIdle,
      events,
      interval: INTERVAL
    });
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  it('reads what the user runs and reads again on its interval', async () => {
    await settle(model.start());
    await settle(model.refresh());
    expect(model.resources.map(item => item.id)).toEqual(['k1']);
    expect(model.isAdmin).toBe(true);

    server.running.push(kernel('k3'));
    await advance(INTERVAL + 1);
    expect(model.resources.map(item => item.id)).toEqual(['k1', 'k3']);
  });

  it("switches to everyone's resources at once", async () => {
    await settle(model.refresh());
    model.scope = 'everyone';
    await settle(model.refresh());
    expect(server.reads).toContain('everyone');
    expect(model.resources.map(item => item.owner)).toEqual(['ana', 'bo']);
  });

  it('stops one resource and shows what still runs', async () => {
    await settle(model.refresh());
    const stopping = model.stop(model.resources[0]);
    expect(model.isStopping(model.resources[0])).toBe(true);
    expect(await settle(stopping)).toBe(true);
    expect(server.stops).toEqual(['k1']);
    expect(model.resources).toEqual([]);
    expect(model.error).toBeNull();
  });

  it('keeps the reason when a stop is refused', async () => {
    await settle(model.refresh());
    server.failStop = new MLStudioRequestError({
      error: 'NotFound',
      message: 'No running kernel k1',
      status: 404
    });
    const stopping = model.stop(model.resources[0]);
    expect(await settle(stopping)).toBe(false);
    expect(model.error?.message).toBe('No running kernel k1');
    expect(model.resources.map(item => item.id)).toEqual(['k1']);
  });

  it('stops idle kernels and says how many', async () => {
    await settle(model.refresh());
    expect(await settle(model.stopIdle(0))).toBe(2);
    expect(server.running).toEqual([]);
  });

  it('reads again soon after an ML Studio event', async () => {
    await settle(model.refresh());
    const before = server.reads.length;
    events.emit({
      schema_id: 'https://events.jupyter.org/mlstudio/kernel/v1',
      version: '1',
      data: {}
    } as unknown as Event.Emission);
    await advance(300);
    expect(server.reads.length).toBe(before + 1);
  });

  it('keys resources by kind and id', () => {
    expect(ResourcesModel.key({ kind: 'endpoint', id: 'e1' })).toBe(
      'endpoint:e1'
    );
  });
});
