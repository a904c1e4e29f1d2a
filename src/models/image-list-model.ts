import type { Event } from '@jupyterlab/services';
import type { Poll } from '@lumino/polling';
import type { ISignal } from '@lumino/signaling';

import { IMAGE_VERSION_EVENT_SCHEMA } from '../events';
import { asRequestError, MLStudioRequestError } from '../request';
import type {
  IAppImageConfig,
  ICreateImageRequest,
  ICreateImageVersionRequest,
  IImageConfigRequest,
  IImageEntry,
  IImageList,
  IImageVersion,
  IImageVersionEvent
} from '../tokens';
import { PollingModel } from './polling-model';

/** The REST calls of the Images panel. */
export interface IImagesApi {
  list(): Promise<IImageList>;
  create(request: ICreateImageRequest): Promise<IImageEntry>;
  deleteImage(name: string): Promise<void>;
  createVersion(
    name: string,
    request: ICreateImageVersionRequest
  ): Promise<IImageVersion>;
  deleteVersion(name: string, version: number): Promise<void>;
  putConfig(
    name: string,
    request: IImageConfigRequest
  ): Promise<IAppImageConfig>;
}

/**
 * The image catalogue as the Images panel shows it, and its actions.
 *
 * `image-version` events update a version's status at once and trigger a read; a poll
 * reads too, as a fallback. Every action reads the list again after it succeeded, and
 * calls `onImagesChanged` (the plugin refreshes Jupyter's kernel specs then, so the
 * launcher shows an image's kernels as soon as it can run).
 *
 * Actions reject with the server's error; the form or button that started one shows it.
 */
export class ImageListModel extends PollingModel {
  constructor(options: ImageListModel.IOptions) {
    super({
      name: 'jupyterlab-mlstudio:images',
      interval: options.interval,
      events: options.events,
      eventThrottle: options.eventThrottle,
      standby: options.standby
    });
    this._api = options.api;
    this._onImagesChanged = options.onImagesChanged ?? null;
  }

  /** The images, by name; empty before the first read. */
  get images(): readonly IImageEntry[] {
    return this._images;
  }

  /** Whether the first read has answered (successfully or not). */
  get isLoaded(): boolean {
    return this._loaded;
  }

  /** Why the last read failed, or null after a success. */
  get error(): MLStudioRequestError | null {
    return this._error;
  }

  /** The image of this name, if listed. */
  find(name: string): IImageEntry | undefined {
    return this._images.find(entry => entry.image.image_name === name);
  }

  /** Register an image (with its first version when `base_image` is given). */
  async register(request: ICreateImageRequest): Promise<IImageEntry> {
    const entry = await this._api.create(request);
    this._upsert(entry);
    this._afterChange();
    return entry;
  }

  /** Add a version to an image; the server validates it in the background. */
  async addVersion(
    name: string,
    request: ICreateImageVersionRequest
  ): Promise<IImageVersion> {
    const version = await this._api.createVersion(name, request);
    const entry = this.find(name);
    if (entry) {
      this._upsert({ ...entry, versions: [version, ...entry.versions] });
    }
    this._afterChange();
    return version;
  }

  /** Delete an image and its versions. */
  async deleteImage(name: string): Promise<void> {
    await this._api.deleteImage(name);
    this._images = this._images.filter(
      entry => entry.image.image_name !== name
    );
    this.emitChanged();
    this._afterChange();
  }

  /** Delete one version of an image. */
  async deleteVersion(name: string, version: number): Promise<void> {
    await this._api.deleteVersion(name, version);
    const entry = this.find(name);
    if (entry) {
      this._upsert({
        ...entry,
        versions: entry.versions.filter(item => item.version !== version)
      });
    }
    this._afterChange();
  }

  /** Replace an image's kernel specs and file-system settings. */
  async putConfig(
    name: string,
    request: IImageConfigRequest
  ): Promise<IAppImageConfig> {
    const config = await this._api.putConfig(name, request);
    const entry = this.find(name);
    if (entry) {
      this._upsert({ ...entry, config });
    }
    this._afterChange();
    return config;
  }

  protected async read(): Promise<void> {
    const sequence = ++this._sequence;
    try {
      const answer = await this._api.list();
      if (this.isDisposed || sequence < this._applied) {
        return;
      }
      this._applied = sequence;
      this._images = answer.images;
      this._error = null;
      this.recordRead(true);
    } catch (reason) {
      if (this.isDisposed) {
        return;
      }
      this._error = asRequestError(reason);
      this.recordRead(false);
    } finally {
      this._loaded = true;
    }
    this.emitChanged();
  }

  protected onEvent(emission: Event.Emission): void {
    if (emission.schema_id !== IMAGE_VERSION_EVENT_SCHEMA) {
      return;
    }
    const event = emission as unknown as IImageVersionEvent;
    const entry = this.find(event.name);
    if (entry) {
      this._upsert({
        ...entry,
        versions: entry.versions.map(version =>
          version.version === event.version
            ? {
                ...version,
                image_version_status: event.status,
                failure_reason: event.failure_reason ?? null
              }
            : version
        )
      });
    }
    this.requestEventRefresh();
    this._onImagesChanged?.();
  }

  private _afterChange(): void {
    // A read that started before the change would bring back what it replaced.
    this._applied = this._sequence + 1;
    this._onImagesChanged?.();
    void this.refresh();
  }

  private _upsert(entry: IImageEntry): void {
    const name = entry.image.image_name;
    const index = this._images.findIndex(
      item => item.image.image_name === name
    );
    const images = [...this._images];
    if (index === -1) {
      images.push(entry);
      images.sort((a, b) =>
        a.image.image_name.localeCompare(b.image.image_name)
      );
    } else {
      images[index] = entry;
    }
    this._images = images;
    this.emitChanged();
  }

  private _api: IImagesApi;
  private _applied = 0;
  private _error: MLStudioRequestError | null = null;
  private _images: IImageEntry[] = [];
  private _loaded = false;
  private _onImagesChanged: (() => void) | null;
  private _sequence = 0;
}

export namespace ImageListModel {
  /** Constructor options. */
  export interface IOptions {
    api: IImagesApi;
    /** Milliseconds between periodic reads while nothing fails. */
    interval: number;
    /** Called when images, versions or configs changed (kernel specs may have too). */
    onImagesChanged?: () => void;
    /** Server events; `image-version` ones update the list. */
    events?: ISignal<unknown, Event.Emission>;
    eventThrottle?: number;
    /** When the poll rests. Default: when the page is hidden. */
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
  }
}
