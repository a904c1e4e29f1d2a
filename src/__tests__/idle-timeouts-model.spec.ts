import { PromiseDelegate } from '@lumino/coreutils';

import { IdleTimeoutsModel } from '../models/idle-timeouts-model';
import { MLStudioRequestError } from '../request';
import { advance } from './timers';

const INTERVAL = 30_000;

/** Timeouts on a fake server, which rounds what it stores to whole minutes. */
class FakeTimeouts {
  timeouts: Record<string, number> = { local: 0, 'ml.t3.medium': 60 };
  puts: [string, number][] = [];
  refusal: MLStudioRequestError | null = null;
  readFailure: MLStudioRequestError | null = null;
  gate: PromiseDelegate<void> | null = null;

  fetchTimeouts = async (): Promise<{ timeouts: Record<string, number> }> => {
    if (this.readFailure) {
      throw this.readFailure;
    }
    return { timeouts: { ...this.timeouts } };
  };

  putTimeout = async (type: string, minutes: number): Promise<number> => {
    this.puts.push([type, minutes]);
    if (this.gate) {
      await this.gate.promise;
    }
    if (this.refusal) {
      throw this.refusal;
    }
    this.timeouts[type] = Math.round(minutes);
    return this.timeouts[type];
  };
}

describe('IdleTimeoutsModel', () => {
  let server: FakeTimeouts;
  let saved: jest.Mock;
  let model: IdleTimeoutsModel;

  beforeEach(async () => {
    jest.useFakeTimers();
    server = new FakeTimeouts();
    saved = jest.fn();
    model = new IdleTimeoutsModel({
      fetchTimeouts: server.fetchTimeouts,
      putTimeout: server.putTimeout,
      onSaved: saved,
      interval: INTERVAL,
      standby: 'never'
    });
    await model.start();
    await advance(1);
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  it('reads the timeouts per instance type', () => {
    expect(model.timeouts).toEqual({ local: 0, 'ml.t3.medium': 60 });
    expect(model.error).toBeNull();
  });

  it('saves an edit and shows what the server stored', async () => {
    server.gate = new PromiseDelegate<void>();

    const saving = model.set('ml.t3.medium', 90.4);
    expect(model.edit('ml.t3.medium')).toEqual({ saving: true, error: null });
    server.gate.resolve();

    await expect(saving).resolves.toBe(true);
    expect(server.puts).toEqual([['ml.t3.medium', 90.4]]);
    expect(model.timeouts?.['ml.t3.medium']).toBe(90);
    expect(model.edit('ml.t3.medium')).toBeNull();
    expect(saved).toHaveBeenCalledWith('ml.t3.medium', 90);
  });

  it.each([
    [-5, 'An idle timeout is from 0 (never) to 43200 minutes (30 days).'],
    [43201, 'An idle timeout is from 0 (never) to 43200 minutes (30 days).'],
    [Number.NaN, 'Enter a number of minutes (0 = never).']
  ])('refuses %p without asking the server', async (minutes, message) => {
    await expect(model.set('local', minutes)).resolves.toBe(false);

    expect(server.puts).toEqual([]);
    expect(model.edit('local')).toEqual({ saving: false, error: message });
    expect(model.timeouts?.local).toBe(0);
  });

  it('accepts the bounds', () => {
    expect(IdleTimeoutsModel.validate(0)).toBeNull();
    expect(
      IdleTimeoutsModel.validate(IdleTimeoutsModel.MAX_MINUTES)
    ).toBeNull();
  });

  it("keeps the old value and shows the server's refusal next to it", async () => {
    server.refusal = new MLStudioRequestError({
      error: 'InvalidInput',
      message: 'ml.t3.medium is not an instance type of this host',
      field: 'instance_type',
      status: 400
    });

    await expect(model.set('ml.t3.medium', 30)).resolves.toBe(false);

    expect(model.timeouts?.['ml.t3.medium']).toBe(60);
    expect(model.edit('ml.t3.medium')).toEqual({
      saving: false,
      error: 'ml.t3.medium is not an instance type of this host'
    });
    expect(saved).not.toHaveBeenCalled();
  });

  it('forgets a refused edit when the user cancels it', async () => {
    await model.set('local', -1);
    const changes = jest.fn();
    model.changed.connect(changes);

    model.clearEdit('local');
    model.clearEdit('local');

    expect(model.edit('local')).toBeNull();
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it('says why a read failed and keeps the values read before', async () => {
    server.readFailure = new MLStudioRequestError({
      error: 'Unavailable',
      message: 'The record store is locked',
      status: 503
    });

    await advance(INTERVAL);

    expect(model.error?.message).toBe('The record store is locked');
    expect(model.timeouts).toEqual({ local: 0, 'ml.t3.medium': 60 });
  });
});
