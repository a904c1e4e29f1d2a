import type { Event } from '@jupyterlab/services';
import type { ISignal } from '@lumino/signaling';

import { IMAGE_BUILD_LOGS_EVENT_SCHEMA } from '../events';
import { asRequestError, MLStudioRequestError } from '../request';
import type {
  IBuildLogLine,
  IBuildLogs,
  IImageBuildLogsEvent
} from '../tokens';
import { PollingModel } from './polling-model';

/**
 * The log of a Dockerfile build of one image version, read as it grows.
 *
 * Each read asks for the lines after the last one held, so lines arrive once and in
 * order. An `image-build-logs` event of this version asks for a read at once (throttled);
 * while the build runs ({@link isLive}) a poll reads too, in case an event is lost.
 */
export class BuildLogModel extends PollingModel {
  constructor(options: BuildLogModel.IOptions) {
    // The poll asks for standby before the subclass's fields exist: share a holder.
    const state = { live: options.live ?? false, owesRead: true };
    super({
      name: `jupyterlab-mlstudio:build-log:${options.image}/${options.version}`,
      interval: options.interval ?? BuildLogModel.INTERVAL,
      events: options.events,
      eventThrottle: options.eventThrottle,
      // Rest while nobody looks, and once the build is over and its end was read.
      standby: () => document.hidden || (!state.live && !state.owesRead)
    });
    this._state = state;
    this.image = options.image;
    this.version = options.version;
    this._fetch = options.fetchLines;
    this._maxLines = options.maxLines ?? 5000;
  }

  /** The image's name. */
  readonly image: string;

  /** The version number. */
  readonly version: number;

  /** The lines held, oldest first (the newest {@link BuildLogModel.IOptions.maxLines}). */
  get lines(): readonly IBuildLogLine[] {
    return this._lines;
  }

  /** Why the last read failed, or null after a success. */
  get error(): MLStudioRequestError | null {
    return this._error;
  }

  /** Whether the first read has answered. */
  get isLoaded(): boolean {
    return this._loaded;
  }

  /** Whether the build may still write lines (the version is CREATING). */
  get isLive(): boolean {
    return this._state.live;
  }
  set isLive(live: boolean) {
    if (live === this._state.live) {
      return;
    }
    this._state.live = live;
    // The build just ended (read its last lines) or started again.
    this._state.owesRead = true;
    void this.refresh();
  }

  protected async read(): Promise<void> {
    this._state.owesRead = false;
    const after = this._lines.length
      ? this._lines[this._lines.length - 1].seq
      : -1;
    try {
      const answer = await this._fetch(after);
      if (this.isDisposed) {
        return;
      }
      const last = this._lines.length
        ? this._lines[this._lines.length - 1].seq
        : -1;
      // Two reads may overlap: keep only what is newer than what is held.
      const fresh = answer.lines.filter(line => line.seq > last);
      if (fresh.length) {
        this._lines = [...this._lines, ...fresh].slice(-this._maxLines);
      }
      this._error = null;
      this.recordRead(true);
    } catch (reason) {
      if (this.isDisposed) {
        return;
      }
      this._error = asRequestError(reason);
      this._state.owesRead = true;
      this.recordRead(false);
    }
    this._loaded = true;
    this.emitChanged();
  }

  protected onEvent(emission: Event.Emission): void {
    if (emission.schema_id !== IMAGE_BUILD_LOGS_EVENT_SCHEMA) {
      return;
    }
    const event = emission as unknown as IImageBuildLogsEvent;
    if (event.name === this.image && event.version === this.version) {
      this._state.owesRead = true;
      this.requestEventRefresh();
    }
  }

  private _error: MLStudioRequestError | null = null;
  private _fetch: (after: number) => Promise<IBuildLogs>;
  private _lines: IBuildLogLine[] = [];
  private _state: { live: boolean; owesRead: boolean };
  private _loaded = false;
  private _maxLines: number;
}

export namespace BuildLogModel {
  /** Milliseconds between reads while the build runs. */
  export const INTERVAL = 3000;

  /** Constructor options. */
  export interface IOptions {
    image: string;
    version: number;
    /** Reads the lines with a sequence number above `after`. */
    fetchLines: (after: number) => Promise<IBuildLogs>;
    /** Whether the build is running. Default: false. */
    live?: boolean;
    interval?: number;
    /** Lines kept; older ones are dropped. Default: 5000. */
    maxLines?: number;
    events?: ISignal<unknown, Event.Emission>;
    eventThrottle?: number;
  }
}
