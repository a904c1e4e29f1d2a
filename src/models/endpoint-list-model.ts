import type { Event } from '@jupyterlab/services';
import type { Poll } from '@lumino/polling';
import type { ISignal } from '@lumino/signaling';

import {
  ENDPOINT_EVENT_SCHEMA,
  type IEndpointEvent,
  type IEndpointList,
  type IEndpointSummary
} from '../endpoint-types';
import type { IListEndpointsOptions } from '../api/endpoints';
import { asRequestError, MLStudioRequestError } from '../request';
import { PollingModel } from './polling-model';

/**
 * The domain's endpoints, newest first, as the Endpoints section lists them.
 *
 * An `endpoint` event updates the listed endpoint's status at once (and drops it when it
 * is `Deleted`), then asks for a read; a poll reads the list as a fallback.
 */
export class EndpointListModel extends PollingModel {
  constructor(options: EndpointListModel.IOptions) {
    super({
      name: 'jupyterlab-mlstudio:endpoints',
      interval: options.interval,
      events: options.events,
      standby: options.standby
    });
    this._fetch = options.fetch;
  }

  /** The endpoints read so far, newest first. */
  get endpoints(): readonly IEndpointSummary[] {
    return this._endpoints;
  }

  /** Why the last read failed, or null after a success. */
  get error(): MLStudioRequestError | null {
    return this._error;
  }

  /** Whether the first read has answered. */
  get isLoaded(): boolean {
    return this._loaded;
  }

  protected async read(): Promise<void> {
    const sequence = ++this._sequence;
    try {
      const page = await this._fetch({ max_items: 100 });
      if (this.isDisposed || sequence < this._applied) {
        return;
      }
      this._applied = sequence;
      this._endpoints = [...page.endpoints];
      this._error = null;
      this.recordRead(true);
    } catch (reason) {
      this._error = asRequestError(reason);
      this.recordRead(false);
    } finally {
      this._loaded = true;
      if (!this.isDisposed) {
        this.emitChanged();
      }
    }
  }

  protected onEvent(emission: Event.Emission): void {
    if (emission.schema_id !== ENDPOINT_EVENT_SCHEMA) {
      return;
    }
    const event = emission as unknown as IEndpointEvent;
    const index = this._endpoints.findIndex(
      item => item.endpoint_name === event.name
    );
    if (index !== -1) {
      const endpoints = [...this._endpoints];
      if (event.status === 'Deleted') {
        endpoints.splice(index, 1);
      } else {
        endpoints[index] = {
          ...endpoints[index],
          endpoint_status: event.status,
          failure_reason: event.failure_reason ?? null
        };
      }
      this._endpoints = endpoints;
      this.emitChanged();
    }
    this.requestEventRefresh();
  }

  private _applied = 0;
  private _endpoints: IEndpointSummary[] = [];
  private _error: MLStudioRequestError | null = null;
  private _fetch: (options: IListEndpointsOptions) => Promise<IEndpointList>;
  private _loaded = false;
  private _sequence = 0;
}

export namespace EndpointListModel {
  /** Constructor options. */
  export interface IOptions {
    fetch: (options: IListEndpointsOptions) => Promise<IEndpointList>;
    /** Milliseconds between reads while nothing fails. */
    interval: number;
    events?: ISignal<unknown, Event.Emission>;
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
  }
}
