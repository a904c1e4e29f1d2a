import type { Event } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { isMLStudioEvent } from '../events';
import type { IMLStudioEvents } from '../tokens';

/** Filters the Jupyter server's event stream down to ML Studio's events. */
export class MLStudioEventStream implements IMLStudioEvents, IDisposable {
  /**
   * @param source - the server's whole event stream (`serviceManager.events.stream`).
   */
  constructor(source: ISignal<unknown, Event.Emission>) {
    this._source = source;
    source.connect(this._onEmission, this);
  }

  get stream(): ISignal<this, Event.Emission> {
    return this._stream;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._source.disconnect(this._onEmission, this);
    Signal.clearData(this);
  }

  private _onEmission(_: unknown, emission: Event.Emission): void {
    if (isMLStudioEvent(emission.schema_id)) {
      this._stream.emit(emission);
    }
  }

  private _isDisposed = false;
  private _source: ISignal<unknown, Event.Emission>;
  private _stream = new Signal<this, Event.Emission>(this);
}
