import type { Event } from '@jupyterlab/services';
import type { IPoll, Poll } from '@lumino/polling';
import type { ISignal } from '@lumino/signaling';

import { affectsStatus } from '../events';
import { asRequestError, MLStudioRequestError } from '../request';
import type { ICapacityReport, IInstanceTypeList, IStatus } from '../tokens';
import { PollingModel } from './polling-model';

/**
 * What the Status and Instance types sections show: the server's status and its
 * instance-type catalogue, kept fresh by a poll and by ML Studio server events.
 *
 * A failed read keeps the last good data and records the error, so a view can
 * show both. Each consecutive failure doubles the wait before the next read, up to
 * {@link StatusModel.BACKOFF_LIMIT} times the interval; a success restores the interval.
 */
export class StatusModel extends PollingModel {
  constructor(options: StatusModel.IOptions) {
    super({
      name: 'jupyterlab-mlstudio:status',
      interval: options.interval,
      events: options.events,
      eventThrottle: options.eventThrottle,
      standby: options.standby
    });
    this._fetchStatus = options.fetchStatus;
    this._fetchInstanceTypes = options.fetchInstanceTypes;
    this._isRelevant = options.isRelevantEvent ?? affectsStatus;
    this.poll.ticked.connect(this._onTicked, this);
  }

  /** The last status read, or null before the first success. */
  get status(): IStatus | null {
    return this._status;
  }

  /** What kernels and jobs have reserved of the host, as last read; null before that. */
  get capacity(): ICapacityReport | null {
    return this._status?.capacity ?? null;
  }

  /** The last catalogue read, or null before the first success. */
  get instanceTypes(): IInstanceTypeList | null {
    return this._instanceTypes;
  }

  /** Why the last read of the status failed, or null when it succeeded. */
  get statusError(): MLStudioRequestError | null {
    return this._statusError;
  }

  /** Why the last read of the catalogue failed, or null when it succeeded. */
  get instanceTypesError(): MLStudioRequestError | null {
    return this._instanceTypesError;
  }

  /** The first error of the last read, or null when both parts succeeded. */
  get error(): MLStudioRequestError | null {
    return this._statusError ?? this._instanceTypesError;
  }

  /** Whether a refresh is in flight. */
  get isLoading(): boolean {
    return this._inFlight > 0;
  }

  /** Milliseconds until the next periodic read: the interval, or longer after failures. */
  get currentInterval(): number {
    return this.poll.frequency.interval;
  }

  /** Number of times data was requested from the server (for diagnostics and tests). */
  get fetchCount(): number {
    return this._fetchCount;
  }

  protected async read(): Promise<void> {
    // A refresh button may start a read while a periodic one is in flight:
    // number the reads so an older answer never overwrites a newer one.
    const sequence = ++this._fetchCount;
    this._inFlight++;
    this.emitChanged();
    try {
      // Each part stands alone: a failing catalogue must not hide a good status.
      const [status, instanceTypes] = await Promise.allSettled([
        this._fetchStatus(),
        this._fetchInstanceTypes()
      ]);
      if (sequence > this._appliedSequence) {
        this._appliedSequence = sequence;
        if (status.status === 'fulfilled') {
          this._status = status.value;
          this._statusError = null;
        } else {
          this._statusError = asRequestError(status.reason);
        }
        if (instanceTypes.status === 'fulfilled') {
          this._instanceTypes = instanceTypes.value;
          this._instanceTypesError = null;
        } else {
          this._instanceTypesError = asRequestError(instanceTypes.reason);
        }
      }
      this.recordRead(
        status.status === 'fulfilled' && instanceTypes.status === 'fulfilled'
      );
    } finally {
      this._inFlight--;
      if (!this.isDisposed) {
        this.emitChanged();
      }
    }
  }

  protected onEvent(emission: Event.Emission): void {
    if (this._isRelevant(emission.schema_id)) {
      this.requestEventRefresh();
    }
  }

  protected async refreshForEvent(): Promise<void> {
    if (this.isDisposed) {
      return;
    }
    if (this._inFlight > 0) {
      // The read in flight may predate the event: read again once it is done.
      this._stale = true;
      return;
    }
    await this.refresh();
  }

  private _onTicked(
    _: Poll,
    state: IPoll.State<void, unknown, 'standby'>
  ): void {
    const settled = ['resolved', 'reconnected', 'rejected'].includes(
      state.phase
    );
    if (settled && this._stale) {
      this._stale = false;
      void this.poll.refresh();
    }
  }

  private _appliedSequence = 0;
  private _fetchCount = 0;
  private _fetchInstanceTypes: () => Promise<IInstanceTypeList>;
  private _fetchStatus: () => Promise<IStatus>;
  private _inFlight = 0;
  private _instanceTypes: IInstanceTypeList | null = null;
  private _instanceTypesError: MLStudioRequestError | null = null;
  private _isRelevant: (schemaId: string) => boolean;
  private _stale = false;
  private _status: IStatus | null = null;
  private _statusError: MLStudioRequestError | null = null;
}

export namespace StatusModel {
  /** Constructor options. */
  export interface IOptions {
    /** Reads the server's status. */
    fetchStatus: () => Promise<IStatus>;
    /** Reads the instance-type catalogue. */
    fetchInstanceTypes: () => Promise<IInstanceTypeList>;
    /** Milliseconds between refreshes while nothing fails. */
    interval: number;
    /** Server events; a relevant one triggers a refresh. */
    events?: ISignal<unknown, Event.Emission>;
    /** Which event schemas trigger a refresh. Default: ML Studio's, except log and metric output. */
    isRelevantEvent?: (schemaId: string) => boolean;
    /** Events closer together than this many ms cause one refresh. Default: 250. */
    eventThrottle?: number;
    /** When the poll rests, e.g. while nobody looks. Default: when the page is hidden. */
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
  }

  /** Default {@link IOptions.eventThrottle}. */
  export const DEFAULT_EVENT_THROTTLE = PollingModel.DEFAULT_EVENT_THROTTLE;

  /** After failures the interval grows up to this many times the normal one. */
  export const BACKOFF_LIMIT = PollingModel.BACKOFF_LIMIT;

  /** Intervals are whole milliseconds, at least one. */
  export const normalizeInterval = PollingModel.normalizeInterval;

  /** Poll frequency after `failures` consecutive failed reads; see {@link PollingModel.frequency}. */
  export const frequency = PollingModel.frequency;
}
