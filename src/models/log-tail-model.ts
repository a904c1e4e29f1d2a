import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { asRequestError, MLStudioRequestError } from '../request';
import type { ILogLine, ILogPage, ITrainingLogsEvent } from '../tokens';

/**
 * One host's log as a view needs it: how many lines there are, and the lines in view.
 *
 * A log can hold far more lines than a page should keep, so lines live in pages of
 * `pageSize` (page `p` holds sequence numbers `p * pageSize` up to the next page) that are
 * read on demand (`after`/`limit` of the logs endpoint) when a view shows them, and
 * forgotten, least recently used first, beyond `maxCachedPages`. Live events add lines
 * at the tail and raise the total; lines a burst left out of its event are read when
 * they come into view.
 *
 * The model also keeps whether the view follows the tail, so the decision is testable:
 * the view follows until the user scrolls up, and again once they scroll back down.
 */
export class LogTailModel implements IDisposable {
  constructor(options: LogTailModel.IOptions) {
    this._fetch = options.fetch;
    this._pageSize = Math.max(1, Math.floor(options.pageSize));
    this._maxCachedPages = Math.max(
      2,
      Math.floor(options.maxCachedPages ?? LogTailModel.DEFAULT_CACHED_PAGES)
    );
    this._retryDelay = options.retryDelay ?? LogTailModel.DEFAULT_RETRY_DELAY;
  }

  /** Lines the host's log holds, as far as the page knows. */
  get total(): number {
    return this._total;
  }

  /** Lines per request and per cached page. */
  get pageSize(): number {
    return this._pageSize;
  }

  /** Whether the view keeps the last line in sight as lines arrive. */
  get following(): boolean {
    return this._following;
  }
  set following(value: boolean) {
    if (value !== this._following) {
      this._following = value;
      this._changed.emit();
    }
  }

  /** Why the last read failed, or null after a success. */
  get error(): MLStudioRequestError | null {
    return this._error;
  }

  /** Whether a read is in flight. */
  get isLoading(): boolean {
    return this._inFlight.size > 0 || this._refreshing > 0;
  }

  /** Whether the first read has answered. */
  get isLoaded(): boolean {
    return this._loaded;
  }

  /** Pages held in memory (for tests and diagnostics). */
  get cachedPageCount(): number {
    return this._pages.size;
  }

  /** Requests made so far (for tests and diagnostics). */
  get requestCount(): number {
    return this._requests;
  }

  /** Emitted when lines, the total, the following state or the error change. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** The line at `seq`, or undefined while it has not been read. */
  lineAt(seq: number): ILogLine | undefined {
    return this._pages.get(Math.floor(seq / this._pageSize))?.lines[
      seq % this._pageSize
    ];
  }

  /**
   * Say which lines are in view, `[start, end)`: read the missing ones, and keep their
   * pages when memory is trimmed.
   */
  ensureRange(start: number, end: number): void {
    if (this._isDisposed) {
      return;
    }
    start = Math.max(0, Math.floor(start));
    end = Math.min(this._total, Math.ceil(end));
    if (end <= start) {
      this._pinned = null;
      return;
    }
    const firstPage = Math.floor(start / this._pageSize);
    const lastPage = Math.floor((end - 1) / this._pageSize);
    this._pinned = { first: firstPage, last: lastPage };
    const now = ++this._clock;
    for (let index = firstPage; index <= lastPage; index++) {
      const page = this._pages.get(index);
      if (page) {
        page.lastUsed = now;
      }
      if (this._needsRead(index)) {
        void this._readPage(index);
      }
    }
    this._trim();
  }

  /** Take in a `training-logs` event of this host. */
  applyEvent(
    event: Pick<ITrainingLogsEvent, 'first_seq' | 'count' | 'lines'>
  ): void {
    if (this._isDisposed) {
      return;
    }
    const lines = event.lines ?? [];
    // The event carries the last lines of the burst; the others are read when shown.
    const firstCarried = event.first_seq + event.count - lines.length;
    lines.forEach((line, index) => {
      this._store({
        seq: firstCarried + index,
        timestamp: line.timestamp,
        message: line.message
      });
    });
    this._total = Math.max(this._total, event.first_seq + event.count);
    this._trim();
    this._changed.emit();
  }

  /**
   * Read the lines after the last known one: the first read, and the fallback when
   * events may have been missed. Resolves once the read is done; never rejects.
   */
  async refresh(): Promise<void> {
    if (this._isDisposed) {
      return;
    }
    this._refreshing++;
    this._changed.emit();
    try {
      this._accept(await this._request(this._total - 1, this._pageSize));
    } catch (reason) {
      this._error = asRequestError(reason);
    } finally {
      this._refreshing--;
      this._loaded = true;
      if (!this._isDisposed) {
        this._trim();
        this._changed.emit();
      }
    }
  }

  /**
   * Decide from a scroll position whether to follow the tail: yes when the view's bottom
   * is within `tolerance` pixels of the content's end.
   *
   * @returns the new following state.
   */
  updateFollowing(
    scrollTop: number,
    viewportHeight: number,
    contentHeight: number,
    tolerance: number
  ): boolean {
    this.following = scrollTop + viewportHeight >= contentHeight - tolerance;
    return this._following;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._pages.clear();
    Signal.clearData(this);
  }

  private _request(after: number, limit: number): Promise<ILogPage> {
    this._requests++;
    return this._fetch(after, limit);
  }

  private _accept(page: ILogPage): void {
    for (const line of page.lines) {
      this._store(line);
    }
    const last = page.lines[page.lines.length - 1];
    this._total = Math.max(this._total, page.total, last ? last.seq + 1 : 0);
    this._error = null;
  }

  private _store(line: ILogLine): void {
    const index = Math.floor(line.seq / this._pageSize);
    let page = this._pages.get(index);
    if (!page) {
      page = { lines: [], loaded: 0, lastUsed: ++this._clock };
      this._pages.set(index, page);
    }
    const offset = line.seq % this._pageSize;
    if (page.lines[offset] === undefined) {
      page.loaded++;
    }
    page.lines[offset] = line;
  }

  /** Lines page `index` should hold, given the total. */
  private _expected(index: number): number {
    return Math.max(
      0,
      Math.min(this._pageSize, this._total - index * this._pageSize)
    );
  }

  private _needsRead(index: number): boolean {
    if (this._inFlight.has(index) || Date.now() < this._retryAt) {
      return false;
    }
    const expected = this._expected(index);
    const page = this._pages.get(index);
    if ((page?.loaded ?? 0) >= expected) {
      return false;
    }
    // A read that found nothing is not repeated until the log has grown.
    return this._emptyAt.get(index) !== this._total;
  }

  private async _readPage(index: number): Promise<void> {
    const start = index * this._pageSize;
    const expected = this._expected(index);
    const page = this._pages.get(index);
    let missing = 0;
    while (missing < expected && page?.lines[missing] !== undefined) {
      missing++;
    }
    const read = (async () => {
      try {
        const answer = await this._request(
          start + missing - 1,
          expected - missing
        );
        if (this._isDisposed) {
          return;
        }
        if (answer.lines.length === 0) {
          this._emptyAt.set(index, this._total);
        }
        this._accept(answer);
        const stored = this._pages.get(index);
        if (stored) {
          stored.lastUsed = ++this._clock;
        }
      } catch (reason) {
        this._error = asRequestError(reason);
        this._retryAt = Date.now() + this._retryDelay;
      }
    })();
    this._inFlight.set(index, read);
    this._changed.emit();
    await read;
    this._inFlight.delete(index);
    if (!this._isDisposed) {
      this._trim();
      this._changed.emit();
    }
  }

  /** Forget the least recently used pages beyond the limit, never those in view. */
  private _trim(): void {
    if (this._pages.size <= this._maxCachedPages) {
      return;
    }
    const pinned = this._pinned;
    const candidates = [...this._pages.entries()]
      .filter(
        ([index]) => !pinned || index < pinned.first || index > pinned.last
      )
      .sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    for (const [index] of candidates) {
      if (this._pages.size <= this._maxCachedPages) {
        break;
      }
      this._pages.delete(index);
      this._emptyAt.delete(index);
    }
  }

  private _changed = new Signal<this, void>(this);
  private _clock = 0;
  private _emptyAt = new Map<number, number>();
  private _error: MLStudioRequestError | null = null;
  private _fetch: (after: number, limit: number) => Promise<ILogPage>;
  private _following = true;
  private _inFlight = new Map<number, Promise<void>>();
  private _isDisposed = false;
  private _loaded = false;
  private _maxCachedPages: number;
  private _pages = new Map<number, LogTailModel.IPage>();
  private _pageSize: number;
  private _pinned: { first: number; last: number } | null = null;
  private _refreshing = 0;
  private _requests = 0;
  private _retryAt = 0;
  private _retryDelay: number;
  private _total = 0;
}

export namespace LogTailModel {
  /** Constructor options. */
  export interface IOptions {
    /** Reads up to `limit` lines with a sequence number above `after`. */
    fetch: (after: number, limit: number) => Promise<ILogPage>;
    /** Lines per request and per cached page. */
    pageSize: number;
    /** Pages kept in memory at most. Default: {@link DEFAULT_CACHED_PAGES}. */
    maxCachedPages?: number;
    /** Milliseconds before a failed read is tried again. Default: {@link DEFAULT_RETRY_DELAY}. */
    retryDelay?: number;
  }

  /** Default {@link IOptions.maxCachedPages}. */
  export const DEFAULT_CACHED_PAGES = 50;

  /** Default {@link IOptions.retryDelay}. */
  export const DEFAULT_RETRY_DELAY = 2000;

  /** A page of lines; `lines` is sparse while parts are unread. */
  export interface IPage {
    lines: (ILogLine | undefined)[];
    loaded: number;
    lastUsed: number;
  }
}
