import type { IDisposable } from '@lumino/disposable';
import { DisposableDelegate } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { parseTime } from '../format';
import type { MLStudioRequestError } from '../request';

/** A job of any kind as a row of the Jobs section. */
export interface IJobRow {
  /** The kind's id (`training`, `transform`, ...). */
  readonly kind: string;
  readonly name: string;
  /** The kind's status name (SageMaker's: `InProgress`, `Completed`, ...). */
  readonly status: string;
  /** What the job is doing, in a few words; null when the status says it all. */
  readonly detail: string | null;
  /** When it was created and ended (ISO times; null while it runs). */
  readonly creation_time: string;
  readonly end_time: string | null;
}

/** One kind's list of jobs, as the Jobs section reads it. */
export interface IJobKindList {
  readonly rows: readonly IJobRow[];
  readonly isLoaded: boolean;
  readonly isLoading: boolean;
  readonly hasMore: boolean;
  readonly error: MLStudioRequestError | null;
  readonly changed: ISignal<unknown, void>;
  loadMore(): Promise<void>;
  refresh(): Promise<void>;
}

/** A kind of job the Jobs section lists: adding a kind is adding one of these. */
export interface IJobKind {
  /** Short id, also the rows' `kind`. */
  readonly id: string;
  /** How a row names the kind ("Training", "Transform"). */
  readonly label: string;
  readonly list: IJobKindList;
  /** Open a job's view. */
  open(name: string): void;
}

/** Whether a job status means the job may still change. */
export function isActiveStatus(status: string): boolean {
  return status === 'InProgress' || status === 'Stopping';
}

/**
 * The kinds of job the Jobs section lists, as one newest-first list: rows of every kind,
 * one loading state, the first error, and "older jobs" reading the next page of each kind
 * that has one.
 */
export class JobKinds implements IDisposable {
  constructor(options: JobKinds.IOptions = {}) {
    this._isVisible = options.isVisible ?? (() => true);
  }

  /** Whether the Jobs section is on screen (the kinds' polls rest while it is not). */
  get isVisible(): boolean {
    return this._isVisible();
  }

  /** The kinds, in the order they were added. */
  get kinds(): readonly IJobKind[] {
    return this._kinds;
  }

  /** Emitted when a kind is added or removed or a kind's list changes. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Every kind's rows, newest first (ties by name). */
  get rows(): readonly IJobRow[] {
    const rows = this._kinds.flatMap(kind => kind.list.rows);
    return rows.sort(
      (a, b) =>
        parseTime(b.creation_time) - parseTime(a.creation_time) ||
        a.name.localeCompare(b.name)
    );
  }

  /** Whether every kind's first read has answered. */
  get isLoaded(): boolean {
    return this._kinds.every(kind => kind.list.isLoaded);
  }

  get isLoading(): boolean {
    return this._kinds.some(kind => kind.list.isLoading);
  }

  get hasMore(): boolean {
    return this._kinds.some(kind => kind.list.hasMore);
  }

  /** The first kind's read error, or null. */
  get error(): MLStudioRequestError | null {
    return this._kinds.find(kind => kind.list.error)?.list.error ?? null;
  }

  /** The kind of this id, if listed. */
  kind(id: string): IJobKind | undefined {
    return this._kinds.find(kind => kind.id === id);
  }

  /** List a kind; disposing the result takes it off. */
  add(kind: IJobKind): IDisposable {
    if (this.kind(kind.id)) {
      throw new Error(`Job kind ${kind.id} is already listed`);
    }
    this._kinds = [...this._kinds, kind];
    kind.list.changed.connect(this._emit, this);
    this._changed.emit();
    return new DisposableDelegate(() => {
      kind.list.changed.disconnect(this._emit, this);
      this._kinds = this._kinds.filter(item => item !== kind);
      this._changed.emit();
    });
  }

  /** Open a row's job in its kind's view. */
  open(row: IJobRow): void {
    this.kind(row.kind)?.open(row.name);
  }

  /** Read every kind's next older page. */
  async loadMore(): Promise<void> {
    await Promise.all(
      this._kinds
        .filter(kind => kind.list.hasMore)
        .map(kind => kind.list.loadMore())
    );
  }

  /** Read every kind's first page now. */
  async refresh(): Promise<void> {
    await Promise.all(this._kinds.map(kind => kind.list.refresh()));
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    for (const kind of this._kinds) {
      kind.list.changed.disconnect(this._emit, this);
    }
    this._kinds = [];
    Signal.clearData(this);
  }

  private _emit(): void {
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
  private _isDisposed = false;
  private _isVisible: () => boolean;
  private _kinds: IJobKind[] = [];
}

export namespace JobKinds {
  /** Constructor options. */
  export interface IOptions {
    /** Whether the Jobs section is on screen. Default: always. */
    isVisible?: () => boolean;
  }
}
