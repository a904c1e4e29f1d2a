import type { Event } from '@jupyterlab/services';

import type {
  IResourceOverview,
  IRunningResource,
  ResourceScope
} from '../api/resources';
import { asRequestError, MLStudioRequestError } from '../request';
import { PollingModel } from './polling-model';

/**
 * What runs now (kernels, apps, jobs, endpoints), for the sidebar's Running section.
 *
 * Reads `resources` every {@link ResourcesModel.INTERVAL} ms and at once on any ML Studio
 * event (a job or kernel moved); {@link stop} stops one thing and reads again. Admins can
 * switch {@link scope} to everyone's and stop idle kernels.
 */
export class ResourcesModel extends PollingModel {
  constructor(options: ResourcesModel.IOptions) {
    super({
      name: 'jupyterlab-mlstudio:resources',
      interval: options.interval ?? ResourcesModel.INTERVAL,
      events: options.events
    });
    this._fetch = options.fetch;
    this._stop = options.stop;
    this._stopIdle = options.stopIdle;
  }

  /** The last overview read, or null before the first. */
  get overview(): IResourceOverview | null {
    return this._overview;
  }

  /** What runs, oldest first (empty before the first read). */
  get resources(): readonly IRunningResource[] {
    return this._overview?.resources ?? [];
  }

  /** Whether the caller may see and stop everyone's. */
  get isAdmin(): boolean {
    return this._overview?.is_admin ?? false;
  }

  /** Why the last stop failed (until the next stop), else why the last read failed, or null. */
  get error(): MLStudioRequestError | null {
    return this._actionError ?? this._readError;
  }

  /** Resources being stopped, by {@link ResourcesModel.key}. */
  isStopping(resource: IRunningResource): boolean {
    return this._stopping.has(ResourcesModel.key(resource));
  }

  /** Whose resources are shown. Switching reads at once. */
  get scope(): ResourceScope {
    return this._scope;
  }
  set scope(scope: ResourceScope) {
    if (scope === this._scope) {
      return;
    }
    this._scope = scope;
    this.emitChanged();
    void this.refresh();
  }

  /** Stop one resource, then read again. Resolves false (with {@link error}) on failure. */
  async stop(resource: IRunningResource): Promise<boolean> {
    const key = ResourcesModel.key(resource);
    if (this._stopping.has(key)) {
      return false;
    }
    this._stopping.add(key);
    this.emitChanged();
    try {
      await this._stop(resource);
      this._actionError = null;
      return true;
    } catch (reason) {
      this._actionError = asRequestError(reason);
      return false;
    } finally {
      this._stopping.delete(key);
      await this.refresh();
    }
  }

  /** Admins: stop every kernel idle at least `minutes`; the number stopped, or null. */
  async stopIdle(minutes: number): Promise<number | null> {
    try {
      const stopped = await this._stopIdle(minutes);
      this._actionError = null;
      return stopped.length;
    } catch (reason) {
      this._actionError = asRequestError(reason);
      this.emitChanged();
      return null;
    } finally {
      await this.refresh();
    }
  }

  protected async read(): Promise<void> {
    const scope = this._scope;
    try {
      const overview = await this._fetch(scope);
      if (scope !== this._scope) {
        return; // switched meanwhile; the switch reads again
      }
      this._overview = overview;
      this._readError = null;
      this.recordRead(true);
    } catch (reason) {
      this._readError = asRequestError(reason);
      this.recordRead(false);
    }
    this.emitChanged();
  }

  protected onEvent(emission: Event.Emission): void {
    if (String(emission.schema_id ?? '').includes('mlstudio')) {
      this.requestEventRefresh();
    }
  }

  private _fetch: (scope: ResourceScope) => Promise<IResourceOverview>;
  private _stop: (resource: IRunningResource) => Promise<unknown>;
  private _stopIdle: (minutes: number) => Promise<IRunningResource[]>;
  private _overview: IResourceOverview | null = null;
  private _readError: MLStudioRequestError | null = null;
  private _actionError: MLStudioRequestError | null = null;
  private _scope: ResourceScope = 'mine';
  private _stopping = new Set<string>();
}

export namespace ResourcesModel {
  /** Default milliseconds between reads (run times and memory move on their own). */
  export const INTERVAL = 5000;

  /** Constructor options. */
  export interface IOptions {
    fetch: (scope: ResourceScope) => Promise<IResourceOverview>;
    stop: (resource: IRunningResource) => Promise<unknown>;
    stopIdle: (minutes: number) => Promise<IRunningResource[]>;
    events?: PollingModel.IOptions['events'];
    interval?: number;
  }

  /** A resource's identity across reads. */
  export function key(resource: Pick<IRunningResource, 'kind' | 'id'>): string {
    return `${resource.kind}:${resource.id}`;
  }
}
