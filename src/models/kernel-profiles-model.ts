import type { Event } from '@jupyterlab/services';
import type { Poll } from '@lumino/polling';
import type { ISignal } from '@lumino/signaling';

import { IMAGE_VERSION_EVENT_SCHEMA, STATUS_EVENT_SCHEMA } from '../events';
import { asRequestError, MLStudioRequestError } from '../request';
import type {
  IKernelProfiles,
  IProfileImage,
  IProfileInstanceType
} from '../tokens';
import { PollingModel } from './polling-model';

/**
 * The images and instance types notebooks can use, shared by the pickers of every open
 * notebook. Read when a picker opens, when an image version finishes validating or the
 * host changes, and periodically while notebooks are on screen.
 */
export class KernelProfilesModel extends PollingModel {
  constructor(options: KernelProfilesModel.IOptions) {
    super({
      name: 'jupyterlab-mlstudio:kernel-profiles',
      interval: options.interval,
      events: options.events,
      standby: options.standby
    });
    this._fetch = options.fetchProfiles;
  }

  /** The last answer, or null before the first success. */
  get profiles(): IKernelProfiles | null {
    return this._profiles;
  }

  /** Why the last read failed, or null after a success. */
  get error(): MLStudioRequestError | null {
    return this._error;
  }

  /** The image of this name, if the server lists it. */
  image(name: string): IProfileImage | undefined {
    return this._profiles?.images.find(image => image.name === name);
  }

  /** The instance type of this name, if the server lists it. */
  instanceType(name: string): IProfileInstanceType | undefined {
    return this._profiles?.instance_types.find(type => type.name === name);
  }

  protected async read(): Promise<void> {
    const sequence = ++this._sequence;
    try {
      const profiles = await this._fetch();
      if (this.isDisposed || sequence < this._applied) {
        return;
      }
      this._applied = sequence;
      this._profiles = profiles;
      this._error = null;
      this.recordRead(true);
    } catch (reason) {
      if (this.isDisposed) {
        return;
      }
      this._error = asRequestError(reason);
      this.recordRead(false);
    }
    this.emitChanged();
  }

  protected onEvent(emission: Event.Emission): void {
    // New kernel specs, or a host that gained or lost GPUs, change what can be picked.
    if (
      emission.schema_id === IMAGE_VERSION_EVENT_SCHEMA ||
      emission.schema_id === STATUS_EVENT_SCHEMA
    ) {
      this.requestEventRefresh();
    }
  }

  private _applied = 0;
  private _error: MLStudioRequestError | null = null;
  private _fetch: () => Promise<IKernelProfiles>;
  private _profiles: IKernelProfiles | null = null;
  private _sequence = 0;
}

export namespace KernelProfilesModel {
  /** Constructor options. */
  export interface IOptions {
    /** Reads `kernels/profiles`. */
    fetchProfiles: () => Promise<IKernelProfiles>;
    /** Milliseconds between periodic reads while nothing fails. */
    interval: number;
    /** Server events; image-version and status ones cause a read. */
    events?: ISignal<unknown, Event.Emission>;
    /** When the poll rests. Default: when the page is hidden. */
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
  }
}
