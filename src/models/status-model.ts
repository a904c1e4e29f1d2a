import type { Event } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { IPoll, Poll, Throttler } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

import { affectsStatus } from '../events';
import { asRequestError, MLStudioRequestError } from '../request';
import type { IInstanceTypeList, IStatus } from '../tokens';

/**
 * What the Status and Instance types sections show: the server's status and its
 * instance-type catalogue, kept fresh by a poll and by ML Studio server events.
 *
 * A failed read keeps the last good data and records the error, so a view can
 * show both. Each consecutive failure doubles the wait before the next read, up to
 * {@link StatusModel.BACKOFF_LIMIT} times the interval; a success restores the interval.
 */
export class StatusModel implements IDisposable {
  constructor(options: StatusModel.IOptions) {
    this._fetchStatus = options.fetchStatus;
    this._fetchInstanceTypes = options.fetchInstanceTypes;
    this._isRelevant = options.isRelevantEvent ?? affectsStatus;
    this._interval = StatusModel.normalizeInterval(options.interval);
    this._poll = new Poll({
      auto: false,
      factory: () => this._fetch(),
      frequency: StatusModel.frequency(this._interval, 0),
      name: 'jupyterlab-mlstudio:status',
      standby: options.standby ?? 'when-hidden'
    });
    this._poll.ticked.connect(this._onTicked, this);
    this._eventRefresh = new Throttler(() => this._refreshForEvent(), {
      limit: options.eventThrottle ?? StatusModel.DEFAULT_EVENT_THROTTLE,
      edge: 'trailing'
    });
    this._events = options.events ?? null;
    this._events?.connect(this._onEvent, this);
  }

  /** The last status read, or null before the first success. */
  get status(): IStatus | null {
    return this._status;
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

  /** Emitted whenever any of the above changes. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Milliseconds between refreshes while nothing fails. */
  get interval(): number {
    return this._interval;
  }
  set interval(milliseconds: number) {
    milliseconds = StatusModel.normalizeInterval(milliseconds);
    if (milliseconds === this._interval) {
      return;
    }
    this._interval = milliseconds;
    this._poll.frequency = StatusModel.frequency(milliseconds, this._failures);
    // The pending tick was scheduled with the old interval; start afresh.
    if (this._poll.state.phase !== 'constructed') {
      void this._poll.refresh();
    }
  }

  /** Milliseconds until the next periodic read: the interval, or longer after failures. */
  get currentInterval(): number {
    return this._poll.frequency.interval;
  }

  /** Number of times data was requested from the server (for diagnostics and tests). */
  get fetchCount(): number {
    return this._fetchCount;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Start polling: the first read happens at once, unless the poll stands by. */
  start(): Promise<void> {
    return this._poll.start();
  }

  /** Read the server now; resolves once the read has finished, failed or not. */
  async refresh(): Promise<void> {
    if (this._isDisposed) {
      return;
    }
    if (this._poll.state.phase === 'constructed') {
      await this._poll.start();
    } else {
      await this._poll.refresh();
    }
    await this._poll.tick.catch(() => undefined);
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._events?.disconnect(this._onEvent, this);
    this._eventRefresh.dispose();
    this._poll.dispose();
    Signal.clearData(this);
  }

  private async _fetch(): Promise<void> {
    // A refresh button may start a read while a periodic one is in flight:
    // number the reads so an older answer never overwrites a newer one.
    const sequence = ++this._fetchCount;
    this._inFlight++;
    this._changed.emit();
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
      const failed =
        status.status === 'rejected' || instanceTypes.status === 'rejected';
      this._failures = failed ? this._failures + 1 : 0;
    } finally {
      // The poll reads its frequency when it schedules the next tick, just after this.
      if (!this._isDisposed) {
        this._poll.frequency = StatusModel.frequency(
          this._interval,
          this._failures
        );
      }
      this._inFlight--;
      if (!this._isDisposed) {
        this._changed.emit();
      }
    }
  }

  private _onEvent(_: unknown, emission: Event.Emission): void {
    if (this._isRelevant(emission.schema_id)) {
      void this._eventRefresh.invoke().catch(() => undefined);
    }
  }

  private async _refreshForEvent(): Promise<void> {
    if (this._isDisposed) {
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
      void this._poll.refresh();
    }
  }

  private _appliedSequence = 0;
  private _changed = new Signal<this, void>(this);
  private _eventRefresh: Throttler<void>;
  private _events: ISignal<unknown, Event.Emission> | null;
  private _failures = 0;
  private _fetchCount = 0;
  private _fetchInstanceTypes: () => Promise<IInstanceTypeList>;
  private _fetchStatus: () => Promise<IStatus>;
  private _inFlight = 0;
  private _instanceTypes: IInstanceTypeList | null = null;
  private _instanceTypesError: MLStudioRequestError | null = null;
  private _interval: number;
  private _isDisposed = false;
  private _isRelevant: (schemaId: string) => boolean;
  private _poll: Poll<void, unknown, 'standby'>;
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
  export const DEFAULT_EVENT_THROTTLE = 250;

  /** After failures the interval grows up to this many times the normal one. */
  export const BACKOFF_LIMIT = 6;

  /** Intervals are whole milliseconds, at least one. */
  export function normalizeInterval(milliseconds: number): number {
    // Timers take 32-bit delays; keep the backed-off interval within them too.
    const longest = Math.floor(Poll.MAX_INTERVAL / BACKOFF_LIMIT);
    if (!Number.isFinite(milliseconds)) {
      return longest;
    }
    return Math.min(longest, Math.max(1, Math.round(milliseconds)));
  }

  /**
   * Poll frequency after `failures` consecutive failed reads: the interval doubled
   * per failure, at most {@link BACKOFF_LIMIT} times the interval.
   *
   * The poll's own random back-off is off: it restarts from almost nothing after
   * an immediate tick (start, refresh), which would retry a failing server at once.
   */
  export function frequency(
    interval: number,
    failures: number
  ): IPoll.Frequency {
    const max = interval * BACKOFF_LIMIT;
    return {
      interval: Math.min(max, interval * 2 ** Math.min(failures, 30)),
      backoff: false,
      max
    };
  }
}
