import type { Event } from '@jupyterlab/services';
import type { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import { KERNEL_EVENT_SCHEMA } from '../events';
import { asRequestError, MLStudioRequestError } from '../request';
import type { IKernelUsage } from '../tokens';
import { PollingModel } from './polling-model';

/**
 * The live CPU and memory use of one kernel against its limits, for the status bar.
 *
 * The plugin points it at the current notebook's kernel ({@link kernelId}); it reads
 * `kernels/{id}` every {@link KernelUsageModel.INTERVAL} ms while the page is visible.
 * A 404 means the kernel does not run in an ML Studio image: the item hides, and reads
 * go on with back-off in case the kernel was only starting.
 */
export class KernelUsageModel extends PollingModel {
  constructor(options: KernelUsageModel.IOptions) {
    super({
      name: 'jupyterlab-mlstudio:kernel-usage',
      interval: options.interval ?? KernelUsageModel.INTERVAL,
      events: options.events,
      standby: options.standby
    });
    this._fetch = options.fetchUsage;
    this._historyLength = options.historyLength ?? 30;
  }

  /** The kernel watched; null for none (the item hides). */
  get kernelId(): string | null {
    return this._kernelId;
  }
  set kernelId(id: string | null) {
    if (id === this._kernelId) {
      return;
    }
    this._kernelId = id;
    this._usage = null;
    this._error = null;
    this._notFound = false;
    this._cpuHistory = [];
    this._update();
    if (id !== null) {
      void this.refresh();
    }
  }

  /** The last reading of the watched kernel, or null. */
  get usage(): IKernelUsage | null {
    return this._usage;
  }

  /** Why the last read failed (other than 404), or null. */
  get error(): MLStudioRequestError | null {
    return this._error;
  }

  /** CPU readings (100 = one CPU), oldest first, at most `historyLength`. */
  get cpuHistory(): readonly number[] {
    return this._cpuHistory;
  }

  /** Whether there is an ML Studio kernel to show. */
  get isVisible(): boolean {
    return this._kernelId !== null && this._usage !== null && !this._notFound;
  }

  /** Emitted when {@link isVisible} changes. */
  get visibilityChanged(): ISignal<this, boolean> {
    return this._visibilityChanged;
  }

  protected async read(): Promise<void> {
    const id = this._kernelId;
    if (id === null) {
      return;
    }
    try {
      const usage = await this._fetch(id);
      if (this.isDisposed || id !== this._kernelId) {
        return;
      }
      this._usage = usage;
      this._error = null;
      this._notFound = false;
      if (usage.cpu_percent !== null) {
        this._cpuHistory = [...this._cpuHistory, usage.cpu_percent].slice(
          -this._historyLength
        );
      }
      this.recordRead(true);
    } catch (reason) {
      if (this.isDisposed || id !== this._kernelId) {
        return;
      }
      const error = asRequestError(reason);
      if (error.status === 404) {
        this._notFound = true;
        this._usage = null;
        this._error = null;
      } else {
        // Keep the last reading on screen, marked stale by the error.
        this._error = error;
      }
      this.recordRead(false);
    }
    this._update();
  }

  protected onEvent(emission: Event.Emission): void {
    if (emission.schema_id === KERNEL_EVENT_SCHEMA) {
      this.requestEventRefresh();
    }
  }

  private _update(): void {
    const visible = this.isVisible;
    if (visible !== this._wasVisible) {
      this._wasVisible = visible;
      this._visibilityChanged.emit(visible);
    }
    this.emitChanged();
  }

  private _cpuHistory: number[] = [];
  private _error: MLStudioRequestError | null = null;
  private _fetch: (kernelId: string) => Promise<IKernelUsage>;
  private _historyLength: number;
  private _kernelId: string | null = null;
  private _notFound = false;
  private _usage: IKernelUsage | null = null;
  private _visibilityChanged = new Signal<this, boolean>(this);
  private _wasVisible = false;
}

export namespace KernelUsageModel {
  /** Milliseconds between reads: the status bar's pace. */
  export const INTERVAL = 2000;

  /** Constructor options. */
  export interface IOptions {
    /** Reads `kernels/{kernel_id}`. */
    fetchUsage: (kernelId: string) => Promise<IKernelUsage>;
    /** Milliseconds between reads. Default: {@link INTERVAL}. */
    interval?: number;
    /** Readings kept for the sparkline. Default: 30. */
    historyLength?: number;
    /** Server events; kernel ones cause a read. */
    events?: ISignal<unknown, Event.Emission>;
    /** When the poll rests. Default: when the page is hidden. */
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
  }
}
