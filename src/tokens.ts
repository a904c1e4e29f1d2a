import type { Event } from '@jupyterlab/services';
import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';
import type { Widget } from '@lumino/widgets';

/*
 * REST types. Field names are snake_case on purpose: they mirror the
 * server's pydantic models one to one, so a JSON body can be used as is.
 */

/** The body of every error answer of the ML Studio REST API. */
export interface IApiErrorBody {
  /** Machine-readable kind, e.g. `InvalidInput`, `NotFound`, `Conflict`. */
  error: string;
  /** Human-readable explanation, fit to show to the user. */
  message: string;
  /** The request field at fault, when there is one. */
  field?: string | null;
}

/** A runtime backend (process, docker, ...) and whether jobs can run on it now. */
export interface IBackendStatus {
  name: string;
  available: boolean;
  /** Why the backend cannot be used; null when it is available. */
  reason: string | null;
  /** Extra facts, e.g. the interpreter or engine version. */
  detail: string | null;
}

/** A GPU of the host. */
export interface IGpu {
  index: number;
  name: string;
  memory_bytes: number | null;
  uuid: string | null;
}

/** What the machine running the Jupyter server offers. */
export interface IHostResources {
  cpus: number;
  memory_bytes: number;
  gpus: IGpu[];
}

/** The record store (experiments, jobs, ...). */
export interface IStoreInfo {
  dialect: string;
  /** SQLAlchemy URL with any password hidden. */
  url: string;
  /** Migration revision the store is at. */
  revision: string | null;
}

/** The object store (artifacts, logs, models). */
export interface IObjectStoreInfo {
  default_root: string;
  schemes: string[];
  s3_endpoint_url: string | null;
}

/** `GET mlstudio/api/v1/status`. */
export interface IStatus {
  version: string;
  user: string;
  domain: string;
  space: string;
  store: IStoreInfo;
  object_store: IObjectStoreInfo;
  backends: IBackendStatus[];
  host: IHostResources;
}

/** One entry of the instance-type catalogue. */
export interface IInstanceType {
  name: string;
  family: string;
  description: string;
  vcpus: number;
  memory_gib: number;
  gpus: number;
  gpu_name: string | null;
  /** Whether this host can run the type. */
  available: boolean;
  /** Why the host cannot run the type; null when it can. */
  reason: string | null;
  /** CPUs a job of this type really gets on this host. */
  effective_vcpus: number;
  /** How the type is emulated on this host, when it differs from the cloud. */
  note: string | null;
  /** Whether this is a local-mode type (`local`, `local_gpu`). */
  local: boolean;
}

/** `GET mlstudio/api/v1/instance-types`. */
export interface IInstanceTypeList {
  instance_types: IInstanceType[];
  /** Name of the type used when a request names none. */
  default: string;
}

/*
 * Front-end tokens.
 */

/** The ML Studio sidebar: a container of sections that other plugins add to. */
export interface IMLStudioSidebar {
  /**
   * Add a section (an accordion pane) to the sidebar.
   *
   * Sections are ordered by rank, lowest first; equal ranks keep their insertion order.
   */
  addSection(widget: Widget, options?: IMLStudioSidebar.ISectionOptions): void;

  /** Milliseconds between background refreshes, from the user's settings. */
  readonly refreshInterval: number;

  /** Emitted with the new interval when the user changes it. */
  readonly refreshIntervalChanged: ISignal<IMLStudioSidebar, number>;

  /** Ask every section to refresh now (the toolbar's refresh button does this). */
  requestRefresh(): void;

  /** Emitted when a refresh of every section is requested. */
  readonly refreshRequested: ISignal<IMLStudioSidebar, void>;
}

export namespace IMLStudioSidebar {
  /** Options of {@link IMLStudioSidebar.addSection}. */
  export interface ISectionOptions {
    /** Position among the sections; lower comes first. Default: 500. */
    rank?: number;
  }
}

/** The sidebar token. */
export const IMLStudioSidebar = new Token<IMLStudioSidebar>(
  'jupyterlab-mlstudio:IMLStudioSidebar',
  'The ML Studio sidebar, to which plugins add sections.'
);

/** ML Studio's share of the Jupyter server's event stream. */
export interface IMLStudioEvents {
  /** Emitted for every server event whose schema belongs to ML Studio. */
  readonly stream: ISignal<IMLStudioEvents, Event.Emission>;
}

/** The events token. */
export const IMLStudioEvents = new Token<IMLStudioEvents>(
  'jupyterlab-mlstudio:IMLStudioEvents',
  'Server events of ML Studio (status, training jobs, logs, metrics).'
);

/** The server's status and instance-type catalogue, kept fresh. */
export interface IMLStudioStatus {
  /** The last status read, or null before the first success. */
  readonly status: IStatus | null;
  /** The last catalogue read, or null before the first success. */
  readonly instanceTypes: IInstanceTypeList | null;
  /** Emitted whenever the data, the loading state or the error change. */
  readonly changed: ISignal<IMLStudioStatus, void>;
  /** Read the server now; resolves once the read has finished. */
  refresh(): Promise<void>;
}

/** The status token. */
export const IMLStudioStatus = new Token<IMLStudioStatus>(
  'jupyterlab-mlstudio:IMLStudioStatus',
  "The ML Studio server's status and instance-type catalogue."
);
