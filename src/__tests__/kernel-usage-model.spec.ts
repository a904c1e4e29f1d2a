import type { Event } from '@jupyterlab/services';
import { PromiseDelegate } from '@lumino/coreutils';
import { Signal } from '@lumino/signaling';

import { KERNEL_EVENT_SCHEMA, TRAINING_JOB_EVENT_SCHEMA } from '../events';
import { KernelUsageModel } from '../models/kernel-usage-model';
import { MLStudioRequestError } from '../request';
import type { IKernelUsage } from '../tokens';
import { usage } from './kernel-fixtures';
import { emission } from './training-fixtures';
import { advance } from './timers';

const INTERVAL = 2000;
const THROTTLE = 250;

function notFound(id: string): MLStudioRequestError {
  return new MLStudioRequestError({
    error: 'NotFound',
    message: `kernel ${id} does not run in an ML Studio image`,
    status: 404
  });
}

/** Kernels on a fake server: each id answers a usage, an error, or waits on a gate. */
class FakeKernels {
  answers = new Map<string, IKernelUsage | MLStudioRequestError>();
  reads: string[] = [];
  gates = new Map<string, PromiseDelegate<void>>();

  fetchUsage = async (id: string): Promise<IKernelUsage> => {
    this.reads.push(id);
    const answer = this.answers.get(id) ?? notFound(id);
    const gate = this.gates.get(id);
    if (gate) {
      await gate.promise;
    }
    if (answer instanceof MLStudioRequestError) {
      throw answer;
    }
    return answer;
  };
}

describe('KernelUsageModel', () => {
  let server: FakeKernels;
  let events: Signal<unknown, Event.Emission>;
  let model: KernelUsageModel;
  let visibility: boolean[];

  beforeEach(() => {
    jest.useFakeTimers();
    server = new FakeKernels();
    events = new Signal<unknown, Event.Emission>({});
    model = new KernelUsageModel({
      fetchUsage: server.fetchUsage,
      interval: INTERVAL,
      historyLength: 3,
      events,
      standby: 'never'
    });
    visibility = [];
    model.visibilityChanged.connect((_, visible) => visibility.push(visible));
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  it('reads nothing and hides while no kernel is watched', async () => {
    await model.start();
    await advance(INTERVAL * 3);

    expect(server.reads).toEqual([]);
    expect(model.isVisible).toBe(false);
    expect(visibility).toEqual([]);
  });

  it("shows a kernel's usage as soon as it is watched", async () => {
    server.answers.set('k-1', usage());

    model.kernelId = 'k-1';
    await advance(1);

    expect(server.reads).toEqual(['k-1']);
    expect(model.usage?.instance_type).toBe('ml.t3.medium');
    expect(model.isVisible).toBe(true);
    expect(visibility).toEqual([true]);
  });

  it('reads every interval, keeping the last CPU readings for the sparkline', async () => {
    server.answers.set('k-1', usage({ cpu_percent: null }));
    model.kernelId = 'k-1';
    await advance(1);
    expect(model.cpuHistory).toEqual([]);

    for (const percent of [10, 20, 30, 40]) {
      server.answers.set('k-1', usage({ cpu_percent: percent }));
      await advance(INTERVAL);
    }

    expect(server.reads).toHaveLength(5);
    expect(model.cpuHistory).toEqual([20, 30, 40]);
    expect(model.usage?.cpu_percent).toBe(40);
  });

  it('hides for a kernel outside ML Studio images, and keeps asking with back-off', async () => {
    model.kernelId = 'python-kernel';
    await advance(1);

    expect(model.isVisible).toBe(false);
    expect(model.usage).toBeNull();
    expect(model.error).toBeNull();
    expect(visibility).toEqual([]);

    // The next read waits twice the interval after a failure.
    await advance(INTERVAL);
    expect(server.reads).toHaveLength(1);
    await advance(INTERVAL);
    expect(server.reads).toHaveLength(2);

    // The kernel was only starting: it shows once the server knows it.
    server.answers.set('python-kernel', usage({ kernel_id: 'python-kernel' }));
    await advance(INTERVAL * 4);
    expect(model.isVisible).toBe(true);
    expect(visibility).toEqual([true]);
  });

  it('hides when a shown kernel starts answering 404', async () => {
    server.answers.set('k-1', usage());
    model.kernelId = 'k-1';
    await advance(1);

    server.answers.set('k-1', notFound('k-1'));
    await advance(INTERVAL);

    expect(model.isVisible).toBe(false);
    expect(model.usage).toBeNull();
    expect(visibility).toEqual([true, false]);
  });

  it('keeps the last reading, marked by the error, when the server fails', async () => {
    server.answers.set('k-1', usage());
    model.kernelId = 'k-1';
    await advance(1);

    server.answers.set(
      'k-1',
      new MLStudioRequestError({
        error: 'Unavailable',
        message: 'Docker is not running',
        status: 503
      })
    );
    await advance(INTERVAL);

    expect(model.isVisible).toBe(true);
    expect(model.usage?.cpu_percent).toBe(35);
    expect(model.error?.message).toBe('Docker is not running');
    expect(visibility).toEqual([true]);
  });

  it('forgets the old kernel at once when another is watched, even its late answer', async () => {
    server.answers.set('k-1', usage({ cpu_percent: 90 }));
    model.kernelId = 'k-1';
    await advance(1);
    server.answers.set('k-2', usage({ kernel_id: 'k-2', cpu_percent: 5 }));
    const slow = new PromiseDelegate<void>();
    server.gates.set('k-1', slow);
    await advance(INTERVAL);
    expect(server.reads).toEqual(['k-1', 'k-1']);

    model.kernelId = 'k-2';
    expect(model.usage).toBeNull();
    expect(model.cpuHistory).toEqual([]);
    expect(visibility).toEqual([true, false]);
    await advance(1);
    slow.resolve();
    await advance(1);

    expect(model.usage?.kernel_id).toBe('k-2');
    expect(model.cpuHistory).toEqual([5]);
  });

  it('hides when no kernel is watched any more', async () => {
    server.answers.set('k-1', usage());
    model.kernelId = 'k-1';
    await advance(1);

    model.kernelId = null;

    expect(model.isVisible).toBe(false);
    expect(visibility).toEqual([true, false]);
  });

  it('reads again after a kernel event, not after others', async () => {
    server.answers.set('k-1', usage());
    model.kernelId = 'k-1';
    await advance(1);

    events.emit(emission(TRAINING_JOB_EVENT_SCHEMA, { name: 'job' }));
    await advance(THROTTLE + 1);
    expect(server.reads).toHaveLength(1);

    events.emit(
      emission(KERNEL_EVENT_SCHEMA, { kernel_id: 'k-1', action: 'switched' })
    );
    await advance(THROTTLE + 1);
    expect(server.reads).toHaveLength(2);
  });
});
