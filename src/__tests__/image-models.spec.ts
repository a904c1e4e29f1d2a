import type { Event } from '@jupyterlab/services';
import { PromiseDelegate } from '@lumino/coreutils';
import { Signal } from '@lumino/signaling';

import {
  IMAGE_BUILD_LOGS_EVENT_SCHEMA,
  IMAGE_VERSION_EVENT_SCHEMA,
  KERNEL_EVENT_SCHEMA
} from '../events';
import { BuildLogModel } from '../models/build-log-model';
import {
  baseImageKind,
  checkBaseImage,
  configRequest,
  emptyRegisterValues,
  registerRequest,
  validateConfig,
  validateRegister,
  validateVersion,
  versionRequest
} from '../models/image-forms';
import { IImagesApi, ImageListModel } from '../models/image-list-model';
import { MLStudioRequestError } from '../request';
import type {
  IAppImageConfig,
  IBuildLogLine,
  ICreateImageRequest,
  ICreateImageVersionRequest,
  IImageConfigRequest,
  IImageEntry,
  IImageList,
  IImageVersion
} from '../tokens';
import { imageEntry, imageVersion } from './kernel-fixtures';
import { emission } from './training-fixtures';

const INTERVAL = 30_000;
const THROTTLE = 250;

async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
}

/** Images on a fake server; a read answers the images as they were when it arrived. */
class FakeImages implements IImagesApi {
  images: IImageEntry[] = [];
  calls: string[] = [];
  reads = 0;
  refusal: MLStudioRequestError | null = null;
  /** When set, reads wait on it. */
  gate: PromiseDelegate<void> | null = null;

  list = async (): Promise<IImageList> => {
    this.reads++;
    const answer = this.images.map(entry => ({ ...entry }));
    if (this.gate) {
      await this.gate.promise;
    }
    return { images: answer };
  };

  create = async (request: ICreateImageRequest): Promise<IImageEntry> => {
    this.calls.push(`create ${request.name}`);
    this.refuse();
    const entry = imageEntry(request.name);
    this.images = [...this.images, entry];
    return entry;
  };

  deleteImage = async (name: string): Promise<void> => {
    this.calls.push(`delete ${name}`);
    this.refuse();
    this.images = this.images.filter(entry => entry.image.image_name !== name);
  };

  createVersion = async (
    name: string,
    request: ICreateImageVersionRequest
  ): Promise<IImageVersion> => {
    this.calls.push(`version ${name} ${request.base_image}`);
    this.refuse();
    return imageVersion(name, 9, 'CREATING', {
      base_image: request.base_image
    });
  };

  deleteVersion = async (name: string, version: number): Promise<void> => {
    this.calls.push(`delete ${name} v${version}`);
    this.refuse();
  };

  putConfig = async (
    name: string,
    request: IImageConfigRequest
  ): Promise<IAppImageConfig> => {
    this.calls.push(`config ${name}`);
    this.refuse();
    return { ...imageEntry(name).config, ...request };
  };

  private refuse(): void {
    if (this.refusal) {
      throw this.refusal;
    }
  }
}

function names(model: ImageListModel): string[] {
  return model.images.map(entry => entry.image.image_name);
}

describe('ImageListModel', () => {
  let server: FakeImages;
  let events: Signal<unknown, Event.Emission>;
  let imagesChanged: jest.Mock;
  let model: ImageListModel;

  beforeEach(() => {
    jest.useFakeTimers();
    server = new FakeImages();
    server.images = [
      imageEntry('default', [imageVersion('default', 1)]),
      imageEntry('torch', [
        imageVersion('torch', 2, 'CREATING'),
        imageVersion('torch', 1)
      ])
    ];
    events = new Signal<unknown, Event.Emission>({});
    imagesChanged = jest.fn();
    model = new ImageListModel({
      api: server,
      interval: INTERVAL,
      events,
      eventThrottle: THROTTLE,
      onImagesChanged: imagesChanged,
      standby: 'never'
    });
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  async function load(): Promise<void> {
    await model.start();
    await advance(1);
  }

  it('is not loaded until the first answer', async () => {
    expect(model.isLoaded).toBe(false);

    await load();

    expect(model.isLoaded).toBe(true);
    expect(names(model)).toEqual(['default', 'torch']);
    expect(model.find('torch')?.versions).toHaveLength(2);
  });

  it('marks a version at once from its image-version event, then reads the list', async () => {
    await load();
    server.images = [
      server.images[0],
      imageEntry('torch', [
        imageVersion('torch', 2, 'CREATE_FAILED', {
          failure_reason: 'ipykernel is not installed'
        }),
        imageVersion('torch', 1)
      ])
    ];

    events.emit(
      emission(IMAGE_VERSION_EVENT_SCHEMA, {
        name: 'torch',
        version: 2,
        status: 'CREATE_FAILED',
        failure_reason: 'ipykernel is not installed'
      })
    );

    const version = model.find('torch')!.versions[0];
    expect(version.image_version_status).toBe('CREATE_FAILED');
    expect(version.failure_reason).toBe('ipykernel is not installed');
    expect(model.find('torch')!.versions[1].image_version_status).toBe(
      'CREATED'
    );
    expect(imagesChanged).toHaveBeenCalledTimes(1);
    expect(server.reads).toBe(1);

    await advance(THROTTLE + 1);
    expect(server.reads).toBe(2);
  });

  it('reads the list once for a burst of image-version events', async () => {
    await load();

    for (const version of [1, 2, 3]) {
      events.emit(
        emission(IMAGE_VERSION_EVENT_SCHEMA, {
          name: 'new-image',
          version,
          status: 'CREATED'
        })
      );
    }
    await advance(THROTTLE + 1);

    expect(server.reads).toBe(2);
  });

  it('ignores other events', async () => {
    await load();

    events.emit(emission(KERNEL_EVENT_SCHEMA, { kernel_id: 'k' }));
    await advance(THROTTLE + 1);

    expect(server.reads).toBe(1);
    expect(imagesChanged).not.toHaveBeenCalled();
  });

  it('shows a registered image in name order, then reads the list', async () => {
    await load();

    await model.register({ name: 'sklearn' });

    expect(server.calls).toEqual(['create sklearn']);
    expect(names(model)).toEqual(['default', 'sklearn', 'torch']);
    expect(imagesChanged).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(server.reads).toBe(2);
  });

  it("rejects with the server's refusal and changes nothing", async () => {
    await load();
    server.refusal = new MLStudioRequestError({
      error: 'Conflict',
      message: 'image torch already exists',
      field: 'name',
      status: 409
    });

    await expect(model.register({ name: 'torch' })).rejects.toMatchObject({
      message: 'image torch already exists'
    });

    expect(names(model)).toEqual(['default', 'torch']);
    expect(imagesChanged).not.toHaveBeenCalled();
  });

  it('adds a version on top, deletes one, and replaces a config', async () => {
    await load();

    await model.addVersion('torch', {
      base_image: 'dockerfile:///w/Dockerfile'
    });
    expect(model.find('torch')!.versions.map(v => v.version)).toEqual([
      9, 2, 1
    ]);

    await model.deleteVersion('torch', 2);
    expect(model.find('torch')!.versions.map(v => v.version)).toEqual([9, 1]);

    await model.putConfig('torch', {
      kernel_specs: [{ name: 'python3', display_name: 'Torch' }],
      mount_path: '/home/sagemaker-user',
      uid: 1000,
      gid: 100
    });
    expect(model.find('torch')!.config.mount_path).toBe('/home/sagemaker-user');

    expect(server.calls).toEqual([
      'version torch dockerfile:///w/Dockerfile',
      'delete torch v2',
      'config torch'
    ]);
    expect(imagesChanged).toHaveBeenCalledTimes(3);
  });

  it('does not bring a deleted image back from a read that started before', async () => {
    await load();
    const early = new PromiseDelegate<void>();
    server.gate = early;
    void model.refresh();
    await advance(1);
    expect(server.reads).toBe(2);

    await model.deleteImage('torch');
    expect(names(model)).toEqual(['default']);

    // The early read answers the list as it was before the deletion.
    early.resolve();
    await advance(1);

    expect(names(model)).toEqual(['default']);
    expect(model.find('torch')).toBeUndefined();
  });

  it('keeps the images and says why when a read fails', async () => {
    await load();
    server.list = async () => {
      throw new MLStudioRequestError({
        error: 'Unavailable',
        message: 'The record store is locked',
        status: 503
      });
    };

    await advance(INTERVAL);

    expect(model.error?.message).toBe('The record store is locked');
    expect(names(model)).toEqual(['default', 'torch']);
  });
});

function line(seq: number, message = `line ${seq}`): IBuildLogLine {
  return { seq, timestamp: Date.UTC(2024, 10, 22, 6, 0, seq), message };
}

describe('BuildLogModel', () => {
  let lines: IBuildLogLine[];
  let afters: number[];
  let events: Signal<unknown, Event.Emission>;
  let model: BuildLogModel;

  function create(live: boolean, maxLines = 100): BuildLogModel {
    return new BuildLogModel({
      image: 'torch',
      version: 2,
      live,
      interval: 3000,
      maxLines,
      events,
      eventThrottle: THROTTLE,
      fetchLines: async after => {
        afters.push(after);
        return { lines: lines.filter(item => item.seq > after) };
      }
    });
  }

  beforeEach(() => {
    jest.useFakeTimers();
    lines = [line(0), line(1)];
    afters = [];
    events = new Signal<unknown, Event.Emission>({});
  });

  afterEach(() => {
    model.dispose();
    jest.useRealTimers();
  });

  it('reads only the lines after the last one held while the build runs', async () => {
    model = create(true);
    await model.start();
    await advance(1);
    expect(model.lines.map(item => item.seq)).toEqual([0, 1]);

    lines.push(line(2), line(3));
    await advance(3000);

    expect(afters).toEqual([-1, 1]);
    expect(model.lines.map(item => item.seq)).toEqual([0, 1, 2, 3]);
  });

  it("reads at once on its version's event, not on another's", async () => {
    model = create(false);
    await model.start();
    await advance(1);

    events.emit(
      emission(IMAGE_BUILD_LOGS_EVENT_SCHEMA, {
        name: 'torch',
        version: 1,
        lines: ['x']
      })
    );
    await advance(THROTTLE + 1);
    expect(afters).toEqual([-1]);

    lines.push(line(2, 'Step 3/5'));
    events.emit(
      emission(IMAGE_BUILD_LOGS_EVENT_SCHEMA, {
        name: 'torch',
        version: 2,
        lines: ['Step 3/5']
      })
    );
    await advance(THROTTLE + 1);

    expect(afters).toEqual([-1, 1]);
    expect(model.lines[model.lines.length - 1].message).toBe('Step 3/5');
  });

  it('rests once a finished build was read', async () => {
    model = create(false);
    await model.start();
    await advance(30_000);

    expect(afters).toEqual([-1]);
    expect(model.isLoaded).toBe(true);
  });

  it('reads the last lines when the build ends', async () => {
    model = create(true);
    await model.start();
    await advance(1);
    lines.push(line(2, 'Successfully built'));

    model.isLive = false;
    await advance(1);

    expect(model.lines.map(item => item.message)).toContain(
      'Successfully built'
    );
  });

  it('keeps only the newest lines', async () => {
    lines = [line(0), line(1), line(2), line(3)];
    model = create(false, 2);
    await model.start();
    await advance(1);

    expect(model.lines.map(item => item.seq)).toEqual([2, 3]);
  });
});

describe('image forms', () => {
  it('tells the kinds of base image apart', () => {
    expect(baseImageKind('')).toBeNull();
    expect(baseImageKind('mlstudio/sklearn:latest')).toBe('docker');
    expect(baseImageKind('file:///opt/conda/envs/ml')).toBe('file');
    expect(baseImageKind('dockerfile:///w/Dockerfile')).toBe('dockerfile');
  });

  it('wants absolute paths and Docker references without spaces', () => {
    expect(checkBaseImage('file://opt/envs/ml')).toBe(
      'Give an absolute path after file://, e.g. file:///opt/envs/ml'
    );
    expect(checkBaseImage('dockerfile://Dockerfile')).toMatch(
      /^Give an absolute path after dockerfile:\/\//
    );
    expect(checkBaseImage('my image')).toMatch(/no spaces/);
    expect(checkBaseImage(' file:///opt/envs/ml ')).toBeNull();
    expect(checkBaseImage('')).toBeNull();
  });

  it('checks name, kernel specs, mount path and ids before registering', () => {
    expect(validateRegister(emptyRegisterValues())).toEqual({
      name: 'Name the image.'
    });
    expect(
      validateRegister({
        ...emptyRegisterValues(),
        name: '-bad_name',
        base_image: 'file://relative',
        kernel_specs: [
          { name: 'python3', display_name: '' },
          { name: 'python3', display_name: '' },
          { name: ' ', display_name: 'R' }
        ],
        mount_path: 'home/user',
        uid: 500,
        gid: 7
      })
    ).toEqual({
      name: "Letters, digits, '-' and '.' only, starting and ending with a letter or digit, at most 63.",
      base_image:
        'Give an absolute path after file://, e.g. file:///opt/envs/ml',
      'kernel_specs.1': 'python3 is listed twice.',
      'kernel_specs.2': 'Name the kernel spec (e.g. python3).',
      mount_path: 'The mount path is absolute, e.g. /home/sagemaker-user.',
      uid: 'The user id is 0 or 1000.',
      gid: 'The group id is 0 or 100.'
    });
    expect(
      validateConfig({ kernel_specs: [], mount_path: '', uid: 0, gid: 0 })
    ).toEqual({
      kernel_specs: 'Name at least one kernel spec (e.g. python3).'
    });
  });

  it('accepts dotted names up to 63 characters', () => {
    const values = { ...emptyRegisterValues(), name: 'my.env-2' };
    expect(validateRegister(values)).toEqual({});
    expect(
      validateRegister({ ...values, name: 'a'.repeat(64) }).name
    ).toBeDefined();
  });

  it('wants a base for a new version', () => {
    expect(validateVersion({ base_image: ' ', aliases: '' })).toEqual({
      base_image: 'Give the base image of the new version.'
    });
  });

  it('leaves out what the user left empty and trims the rest', () => {
    expect(
      registerRequest({
        ...emptyRegisterValues(),
        name: ' sklearn ',
        description: '  ',
        base_image: ' mlstudio/sklearn:latest',
        kernel_specs: [{ name: ' python3 ', display_name: ' ' }]
      })
    ).toEqual({
      name: 'sklearn',
      base_image: 'mlstudio/sklearn:latest',
      kernel_specs: [{ name: 'python3', display_name: 'python3' }],
      mount_path: '',
      uid: 0,
      gid: 0
    });
    expect(
      versionRequest({ base_image: 'file:///x ', aliases: 'stable, ,2024-11' })
    ).toEqual({ base_image: 'file:///x', aliases: ['stable', '2024-11'] });
    expect(
      configRequest({
        kernel_specs: [{ name: 'ir', display_name: 'R ' }],
        mount_path: ' /home/u ',
        uid: 1000,
        gid: 100
      })
    ).toEqual({
      kernel_specs: [{ name: 'ir', display_name: 'R' }],
      mount_path: '/home/u',
      uid: 1000,
      gid: 100
    });
  });
});
