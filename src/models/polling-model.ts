import type { Event } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { IPoll, Poll, Throttler } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';

/**
 * A model the server keeps fresh: a Lumino poll reads it periodically, and server events
 * ask for a (throttled) read sooner.
 *
 * Subclasses say what a read is ({@link read}) and which events matter
 * ({@link onEvent}). A read reports its outcome with {@link recordRead}: each consecutive
 * failure doubles the wait before the next periodic read, up to
 * {@link PollingModel.BACKOFF_LIMIT} times the interval; a success restores the interval.
 */
export abstract class PollingModel implements IDisposable {
  constructor(options: PollingModel.IOptions) {
    this._interval = PollingModel.normalizeInterval(options.interval);
    this._poll = new Poll({
      auto: false,
      factory: () => this.read(),
      frequency: PollingModel.frequency(this._interval, 0),
      name: options.name,
      standby: options.standby ?? 'when-hidden'
    });
    this._eventRefresh = new Throttler(() => this.refreshForEvent(), {
      limit: options.eventThrottle ?? PollingModel.DEFAULT_EVENT_THROTTLE,
      edge: 'trailing'
    });
    this._events = options.events ?? null;
    this._events?.connect(this._onEmission, this);
  }

  /** Emitted whenever what the model shows changes. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Milliseconds between periodic reads while nothing fails. */
  get interval(): number {
    return this._interval;
  }
  set interval(milliseconds: number) {
    milliseconds = PollingModel.normalizeInterval(milliseconds);
    if (milliseconds === this._interval) {
      return;
    }
    this._interval = milliseconds;
    this._poll.frequency = PollingModel.frequency(milliseconds, this._failures);
    this.onIntervalChanged();
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Start polling: the first read happens at once, unless the poll stands by. */
  start(): Promise<void> {
    return this._poll.start();
  }

  /** Read now; resolves once the read has finished, failed or not. */
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
    this._events?.disconnect(this._onEmission, this);
    this._eventRefresh.dispose();
    this._poll.dispose();
    Signal.clearData(this);
  }

  /** The poll, for subclasses that watch its ticks or read again at once. */
  protected get poll(): Poll<void, unknown, 'standby'> {
    return this._poll;
  }

  /** The poll's work: one read of everything the model shows. */
  protected abstract read(): Promise<void>;

  /** Handle a server event; call {@link requestEventRefresh} when it calls for a read. */
  protected abstract onEvent(emission: Event.Emission): void;

  /** The read an event asks for, at most once per throttle period. Default: {@link refresh}. */
  protected refreshForEvent(): Promise<void> {
    return this.refresh();
  }

  /** Called after the interval changed. Default: the pending tick starts afresh. */
  protected onIntervalChanged(): void {
    // The pending tick was scheduled with the old interval; start afresh.
    if (this._poll.state.phase !== 'constructed') {
      void this._poll.refresh();
    }
  }

  /** Ask for {@link refreshForEvent}, throttled: events close together cause one read. */
  protected requestEventRefresh(): void {
    void this._eventRefresh.invoke().catch(() => undefined);
  }

  /**
   * Count a read's outcome: the next periodic read waits the interval after a success,
   * longer after consecutive failures. The poll reads its frequency when it schedules
   * the next tick, just after the read.
   */
  protected recordRead(succeeded: boolean): void {
    this._failures = succeeded ? 0 : this._failures + 1;
    if (!this._isDisposed) {
      this._poll.frequency = PollingModel.frequency(
        this._interval,
        this._failures
      );
    }
  }

  protected emitChanged(): void {
    this._changed.emit();
  }

  private _onEmission(_: unknown, emission: Event.Emission): void {
    this.onEvent(emission);
  }

  private _changed = new Signal<this, void>(this);
  private _eventRefresh: Throttler<void>;
  private _events: ISignal<unknown, Event.Emission> | null;
  private _failures = 0;
  private _interval: number;
  private _isDisposed = false;
  private _poll: Poll<void, unknown, 'standby'>;
}

export namespace PollingModel {
  /** Constructor options. */
  export interface IOptions {
    /** The poll's name, for diagnostics. */
    name: string;
    /** Milliseconds between periodic reads while nothing fails. */
    interval: number;
    /** Server events, passed to {@link PollingModel.onEvent}. */
    events?: ISignal<unknown, Event.Emission>;
    /** Events closer together than this many ms cause one read. Default: 250. */
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
