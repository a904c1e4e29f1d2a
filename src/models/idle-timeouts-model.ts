import type { Event } from '@jupyterlab/services';
import type { Poll } from '@lumino/polling';
import type { ISignal } from '@lumino/signaling';

import { asRequestError, MLStudioRequestError } from '../request';
import type { IIdleTimeouts } from '../tokens';
import { PollingModel } from './polling-model';

/** Where the edit of one instance type's timeout stands. */
export interface IIdleTimeoutEdit {
  /** Whether the new value is on its way to the server. */
  saving: boolean;
  /** Why the last edit was refused; null after a success. */
  error: string | null;
}

/**
 * Idle timeouts per instance type (minutes; 0 = never), shown and edited on the rows of
 * the Instance types section.
 *
 * An edit is checked here first (a number from 0 to {@link IdleTimeoutsModel.MAX_MINUTES}),
 * then sent; the table shows the server's answer, and a refusal next to the value.
 */
export class IdleTimeoutsModel extends PollingModel {
  constructor(options: IdleTimeoutsModel.IOptions) {
    super({
      name: 'jupyterlab-mlstudio:idle-timeouts',
      interval: options.interval,
      events: options.events,
      standby: options.standby
    });
    this._fetch = options.fetchTimeouts;
    this._put = options.putTimeout;
    this._onSaved = options.onSaved ?? null;
  }

  /** Minutes per instance type, or null before the first successful read. */
  get timeouts(): Readonly<Record<string, number>> | null {
    return this._timeouts;
  }

  /** Why the last read failed, or null after a success. */
  get error(): MLStudioRequestError | null {
    return this._error;
  }

  /** The state of the last edit of a type, if any. */
  edit(instanceType: string): IIdleTimeoutEdit | null {
    return this._edits.get(instanceType) ?? null;
  }

  /**
   * Set a type's timeout. Resolves true once the server stored it, false when the value
   * is refused (here or by the server); {@link edit} then says why.
   */
  async set(instanceType: string, minutes: number): Promise<boolean> {
    const problem = IdleTimeoutsModel.validate(minutes);
    if (problem) {
      this._setEdit(instanceType, { saving: false, error: problem });
      return false;
    }
    this._setEdit(instanceType, { saving: true, error: null });
    try {
      const stored = await this._put(instanceType, minutes);
      if (this.isDisposed) {
        return true;
      }
      this._timeouts = { ...(this._timeouts ?? {}), [instanceType]: stored };
      this._edits.delete(instanceType);
      this.emitChanged();
      this._onSaved?.(instanceType, stored);
      return true;
    } catch (reason) {
      this._setEdit(instanceType, {
        saving: false,
        error: asRequestError(reason).message
      });
      return false;
    }
  }

  /** Forget a refused edit (the user cancelled it). */
  clearEdit(instanceType: string): void {
    if (this._edits.delete(instanceType)) {
      this.emitChanged();
    }
  }

  protected async read(): Promise<void> {
    try {
      const answer = await this._fetch();
      if (this.isDisposed) {
        return;
      }
      this._timeouts = { ...answer.timeouts };
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

  protected onEvent(_: Event.Emission): void {
    // The server sends no event when a timeout changes; the poll and edits keep it fresh.
  }

  private _setEdit(instanceType: string, edit: IIdleTimeoutEdit): void {
    if (this.isDisposed) {
      return;
    }
    this._edits.set(instanceType, edit);
    this.emitChanged();
  }

  private _edits = new Map<string, IIdleTimeoutEdit>();
  private _error: MLStudioRequestError | null = null;
  private _fetch: () => Promise<IIdleTimeouts>;
  private _onSaved: ((instanceType: string, minutes: number) => void) | null;
  private _put: (instanceType: string, minutes: number) => Promise<number>;
  private _timeouts: Record<string, number> | null = null;
}

export namespace IdleTimeoutsModel {
  /** The longest timeout the server takes: 30 days, in minutes. */
  export const MAX_MINUTES = 43200;

  /** Constructor options. */
  export interface IOptions {
    /** Reads `kernels/idle-timeouts`. */
    fetchTimeouts: () => Promise<IIdleTimeouts>;
    /** `PUT kernels/idle-timeouts/{type}`; resolves with the stored minutes. */
    putTimeout: (instanceType: string, minutes: number) => Promise<number>;
    /** Called after the server stored a timeout. */
    onSaved?: (instanceType: string, minutes: number) => void;
    /** Milliseconds between periodic reads while nothing fails. */
    interval: number;
    events?: ISignal<unknown, Event.Emission>;
    /** When the poll rests. Default: when the page is hidden. */
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
  }

  /** Why a timeout cannot be set, or null when it can. */
  export function validate(minutes: number): string | null {
    if (!Number.isFinite(minutes)) {
      return 'Enter a number of minutes (0 = never).';
    }
    if (minutes < 0 || minutes > MAX_MINUTES) {
      return `An idle timeout is from 0 (never) to ${MAX_MINUTES} minutes (30 days).`;
    }
    return null;
  }
}
