import type { Event } from '@jupyterlab/services';
import { PromiseDelegate } from '@lumino/coreutils';
import { Signal } from '@lumino/signaling';

import { IMAGE_VERSION_EVENT_SCHEMA, KERNEL_EVENT_SCHEMA } from '../events';
import { IImagesApi, ImageListModel } from '../models/image-list-model';
import { MLStudioRequestError } from '../request';
import type {
  IAppImageConfig,
  ICreateImageRequest,
  ICreateImageVersionRequest,
  IImageConfigRequest,
  IImageEntry,
  IImageList,
  IImageVersion
} from '../tokens';
import { imageEntry, imageVersion } from './kernel-fixtures';
import { advance } from './timers';
import { emission } from './training-fixtures';

const INTERVAL = 30_000;
const THROTTLE = 250;

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
