import type { Event } from '@jupyterlab/services';
import { nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';

import {
  IMAGE_VERSION_EVENT_SCHEMA,
  STATUS_EVENT_SCHEMA,
  TRAINING_JOB_EVENT_SCHEMA
} from '../events';
import { KernelProfilesModel } from '../models/kernel-profiles-model';
import {
  describeInstanceType,
  imageOptions,
  instanceTypeOptions
} from '../models/profile-options';
import { MLStudioRequestError } from '../request';
import type { IKernelProfiles } from '../tokens';
import { PROFILES } from './kernel-fixtures';
import { emission } from './training-fixtures';
import { advance } from './timers';

const trans = nullTranslator.load('jupyterlab_mlstudio');

const INTERVAL = 60_000;
const THROTTLE = 250;

describe('KernelProfilesModel', () => {
  let reads: number;
  let answer: IKernelProfiles | MLStudioRequestError;
  let events: Signal<unknown, Event.Emission>;
  let model: KernelProfilesModel;

  beforeEach(() => {
    jest.useFakeTimers();
    reads = 0;
    answer = PROFILES;
    events = new Signal<unknown, Event.Emission>({});
    model = new KernelProfilesModel({
      fetchProfiles: async () => {
        reads++;
        if (answer instanceof MLStudioRequestError) {
          throw answer;
        }
        return answer;
      },
      interval: INTERVAL,
      events,
      standby: 'never'
    });
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  async function refreshNow(): Promise<void> {
    const done = model.refresh();
    await advance(1);
    await done;
  }

  it('holds nothing until the first answer, then finds images and types by name', async () => {
    expect(model.profiles).toBeNull();
    expect(model.image('sklearn')).toBeUndefined();

    await refreshNow();

    expect(reads).toBe(1);
    expect(model.image('sklearn')?.version).toBe(3);
    expect(model.instanceType('ml.g5.xlarge')?.reason).toBe(
      'needs 1 GPU; this host has none'
    );
    expect(model.instanceType('ml.p4d.24xlarge')).toBeUndefined();
  });

  it('keeps the last answer and says why when a read fails', async () => {
    await refreshNow();
    answer = new MLStudioRequestError({
      error: 'Unavailable',
      message: 'Docker is not running',
      status: 503
    });

    await refreshNow();

    expect(model.profiles).toBe(PROFILES);
    expect(model.error?.message).toBe('Docker is not running');

    answer = PROFILES;
    await refreshNow();
    expect(model.error).toBeNull();
  });

  it('reads again, once, after image-version and status events', async () => {
    await refreshNow();

    events.emit(emission(IMAGE_VERSION_EVENT_SCHEMA, { name: 'torch' }));
    events.emit(emission(STATUS_EVENT_SCHEMA, {}));
    await advance(THROTTLE + 1);

    expect(reads).toBe(2);
  });

  it('ignores other events', async () => {
    await refreshNow();

    events.emit(emission(TRAINING_JOB_EVENT_SCHEMA, { name: 'job' }));
    await advance(THROTTLE + 1);

    expect(reads).toBe(1);
  });

  it('reads periodically', async () => {
    await refreshNow();

    await advance(INTERVAL);

    expect(reads).toBe(2);
  });
});

describe('instanceTypeOptions', () => {
  it('disables the types this host cannot run, with their reason', () => {
    const options = instanceTypeOptions(PROFILES, 'local', trans);

    const gpu = options.find(option => option.value === 'ml.g5.xlarge')!;
    expect(gpu.reason).toBe('needs 1 GPU; this host has none');
    expect(gpu.title).toBe('ml.g5.xlarge — needs 1 GPU; this host has none');
    expect(gpu.facts).toBe('2 vCPU · 16 GiB · 1 GPU');

    const small = options.find(option => option.value === 'ml.t3.medium')!;
    expect(small.reason).toBeNull();
    expect(small.facts).toBe('2 vCPU · 4 GiB');
    expect(small.detail).toBe('idle shutdown after 60 min');
  });

  it('marks the current type, and only it', () => {
    const options = instanceTypeOptions(PROFILES, 'ml.t3.medium', trans);

    expect(options.filter(option => option.selected).map(o => o.value)).toEqual(
      ['ml.t3.medium']
    );
  });

  it('says "never" for a type without idle shutdown', () => {
    const local = instanceTypeOptions(PROFILES, null, trans).find(
      option => option.value === 'local'
    )!;

    expect(local.detail).toBe('idle shutdown: never');
    expect(local.title).toBe(
      'local: This machine, without limits.\n2 vCPU · 23.5 GiB · idle shutdown: never'
    );
  });

  it('gives a reason even when the server names none', () => {
    const profiles: IKernelProfiles = {
      ...PROFILES,
      instance_types: [
        { ...PROFILES.instance_types[1], name: 'ml.p3.2xlarge', reason: null }
      ]
    };

    expect(instanceTypeOptions(profiles, null, trans)[0].reason).toBe(
      'cannot run here'
    );
  });
});

describe('imageOptions', () => {
  it('lists kind and version, and disables images that cannot run', () => {
    const options = imageOptions(PROFILES, 'sklearn', trans);

    expect(options.map(option => option.value)).toEqual([
      'default',
      'sklearn',
      'torch'
    ]);
    const sklearn = options[1];
    expect(sklearn.facts).toBe('docker · v3');
    expect(sklearn.detail).toBe('scikit-learn 1.5');
    expect(sklearn.selected).toBe(true);
    expect(sklearn.reason).toBeNull();
    const torch = options[2];
    expect(torch.reason).toBe('no version has been validated yet');
    expect(torch.facts).toBe('');
    expect(torch.selected).toBe(false);
  });
});

describe('describeInstanceType', () => {
  it('puts size and idle timeout in a line', () => {
    expect(describeInstanceType(PROFILES.instance_types[0], trans)).toBe(
      'ml.t3.medium: 2 vCPU · 4 GiB · idle timeout 60 min'
    );
    expect(describeInstanceType(PROFILES.instance_types[2], trans)).toBe(
      'local: 2 vCPU · 23.5 GiB · idle timeout never'
    );
  });
});
