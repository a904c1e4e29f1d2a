import type { Event } from '@jupyterlab/services';
import type { ISignal } from '@lumino/signaling';

import type { IInvocation, IInvocationResult } from '../api/endpoints';
import {
  ENDPOINT_EVENT_SCHEMA,
  type IEndpointChange,
  type IEndpointEvent,
  type IEndpointMetrics,
  type IEndpointView,
  type IScalingPolicy,
  type IVariantScaling
} from '../endpoint-types';
import { asRequestError, MLStudioRequestError } from '../request';
import { PollingModel } from './polling-model';

/** The server calls an endpoint view makes; injected, so tests need no server. */
export interface IEndpointApi {
  get(name: string): Promise<IEndpointView>;
  metrics(name: string, seconds: number): Promise<IEndpointMetrics>;
  update(name: string, change: IEndpointChange): Promise<IEndpointView>;
  remove(name: string): Promise<void>;
  invoke(name: string, call: IInvocation): Promise<IInvocationResult>;
  putScaling(
    name: string,
    variant: string,
    policy: IScalingPolicy
  ): Promise<IVariantScaling>;
  deleteScaling(name: string, variant: string): Promise<void>;
}

/**
 * Everything an endpoint view shows, kept live: the endpoint (status, variants, instance
 * health, recent errors, autoscaling) and its per-second invocation and latency series.
 *
 * The poll reads both every interval while the view is visible (the series are live);
 * `endpoint` events read the endpoint at once. Once the endpoint is gone the poll rests.
 */
export class EndpointModel extends PollingModel {
  constructor(options: EndpointModel.IOptions) {
    const standby = options.standby;
    super({
      name: `jupyterlab-mlstudio:endpoint:${options.name}`,
      interval: options.interval,
      events: options.events,
      standby: () => this._gone || (standby ? standby() : document.hidden)
    });
    this.name = options.name;
    this._api = options.api;
    this.seconds = options.seconds ?? 300;
  }

  /** The endpoint's name. */
  readonly name: string;

  /** Seconds of history the charts show. */
  seconds: number;

  get view(): IEndpointView | null {
    return this._view;
  }

  get metrics(): IEndpointMetrics | null {
    return this._metrics;
  }

  /** Why the last read or action failed, or null. */
  get error(): MLStudioRequestError | null {
    return this._error;
  }

  /** Whether the endpoint was deleted (or never existed). */
  get gone(): boolean {
    return this._gone;
  }

  /** Increases whenever the series change (charts redraw on it). */
  get version(): number {
    return this._version;
  }

  /** New weights for some variants. */
  setWeights(weights: Record<string, number>): Promise<void> {
    return this._act(async () => {
      this._view = await this._api.update(this.name, {
        variants: Object.entries(weights).map(([variant_name, weight]) => ({
          variant_name,
          weight
        }))
      });
    });
  }

  /** A variant's autoscaling policy (null: stop autoscaling it). */
  setScaling(variant: string, policy: IScalingPolicy | null): Promise<void> {
    return this._act(async () => {
      if (policy) {
        await this._api.putScaling(this.name, variant, policy);
      } else {
        await this._api.deleteScaling(this.name, variant);
      }
      this._view = await this._api.get(this.name);
    });
  }

  /** Stop the endpoint and forget it. */
  remove(): Promise<void> {
    return this._act(() => this._api.remove(this.name));
  }

  /** One invocation from the request box. */
  invoke(call: IInvocation): Promise<IInvocationResult> {
    return this._api.invoke(this.name, call);
  }

  protected async read(): Promise<void> {
    try {
      const [view, metrics] = await Promise.all([
        this._api.get(this.name),
        this._api.metrics(this.name, this.seconds)
      ]);
      if (this.isDisposed) {
        return;
      }
      this._view = view;
      this._metrics = metrics;
      this._version++;
      this._error = null;
      this.recordRead(true);
    } catch (reason) {
      const error = asRequestError(reason);
      this._gone = error.status === 404;
      this._error = error;
      this.recordRead(false);
    } finally {
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
    if (event.name !== this.name) {
      return;
    }
    if (event.status === 'Deleted') {
      this._gone = true;
      this.emitChanged();
      return;
    }
    if (this._view) {
      this._view = {
        ...this._view,
        endpoint_status: event.status,
        failure_reason: event.failure_reason ?? null
      };
      this.emitChanged();
    }
    this.requestEventRefresh();
  }

  private async _act(action: () => Promise<void>): Promise<void> {
    try {
      await action();
      this._error = null;
    } catch (reason) {
      this._error = asRequestError(reason);
    }
    this.emitChanged();
    void this.refresh();
  }

  private _api: IEndpointApi;
  private _error: MLStudioRequestError | null = null;
  private _gone = false;
  private _metrics: IEndpointMetrics | null = null;
  private _version = 0;
  private _view: IEndpointView | null = null;
}

export namespace EndpointModel {
  /** Constructor options. */
  export interface IOptions {
    name: string;
    api: IEndpointApi;
    /** Milliseconds between reads (the charts' refresh). */
    interval: number;
    seconds?: number;
    events?: ISignal<unknown, Event.Emission>;
    standby?: () => boolean;
  }
}
