/*
 * REST and event types of kernel images and instance types for notebooks. Field names
 * are snake_case on purpose: they mirror the server's pydantic models one to one.
 */

/** An image a notebook can run in, as the pickers list it. */
export interface IProfileImage {
  name: string;
  display_name: string | null;
  /** `local` (a Python on this host) or `docker`; null when the image cannot run. */
  kind: string | null;
  /** The version kernels start in (the newest usable one). */
  version: number | null;
  /** Kernel spec name inside the image → Jupyter kernel name (`mlstudio-<image>-<spec>`). */
  kernel_names: Record<string, string>;
  available: boolean;
  /** Why the image cannot be used here; null when it can. */
  reason: string | null;
}

/** An instance type a notebook can run on, as the pickers list it. */
export interface IProfileInstanceType {
  name: string;
  description: string;
  /** The vCPUs a kernel really gets on this host. */
  vcpus: number;
  /** The type's own vCPUs; more than `vcpus` when the host has fewer cores. */
  nominal_vcpus?: number;
  memory_gib: number;
  gpus: number;
  available: boolean;
  reason: string | null;
  /** Minutes of idleness before kernels of this type are shut down; 0 = never. */
  idle_timeout_minutes: number;
}

/** `GET mlstudio/api/v1/kernels/profiles`. */
export interface IKernelProfiles {
  images: IProfileImage[];
  instance_types: IProfileInstanceType[];
  default_image: string;
  default_instance_type: string;
}

/** A notebook's choice, stored in its metadata under `mlstudio`. */
export interface INotebookProfile {
  image: string;
  instance_type: string;
}

/** `POST mlstudio/api/v1/kernels/profile-check`. */
export interface IProfileCheckRequest {
  image: string;
  instance_type: string;
  /** The kernel spec inside the image, e.g. `python3`. */
  spec: string;
}

/** The answer of a profile check: what a kernel of the profile gets here. */
export interface ICheckedProfile {
  image: string;
  instance_type: string;
  /** The Jupyter kernel name to start, `mlstudio-<image>-<spec>`. */
  kernel_name: string;
  display_name: string;
  cpus: number;
  /** Memory limit in bytes; null when there is none (`local`). */
  memory_bytes: number | null;
  gpus: number;
}

/** `GET mlstudio/api/v1/kernels/{kernel_id}`: a kernel's profile and live usage. */
export interface IKernelUsage {
  kernel_id: string;
  image: string;
  image_version: number;
  kind: string;
  instance_type: string;
  cpus: number;
  memory_bytes: number | null;
  gpus: number;
  /** 100 = one CPU busy; null on the first read. */
  cpu_percent: number | null;
  cpu_limit_percent: number;
  memory_used_bytes: number | null;
  memory_limit_bytes: number;
  /** 0 = never. */
  idle_timeout_minutes: number;
  uptime_seconds: number;
}

/** `GET mlstudio/api/v1/kernels/idle-timeouts`: minutes per instance type. */
export interface IIdleTimeouts {
  timeouts: Record<string, number>;
}

/** The `metadata.mlstudio` of an ML Studio kernel spec. */
export interface IKernelSpecProfile {
  image: string;
  image_version: number;
  kind: string;
  /** The spec's name inside the image, e.g. `python3`. */
  spec: string;
}

/*
 * Images.
 */

/** Status of an image version while and after the server validates it. */
export type ImageVersionStatus = 'CREATING' | 'CREATED' | 'CREATE_FAILED';

/** A registered image. Times are UTC milliseconds. */
export interface IImage {
  image_name: string;
  image_arn: string;
  image_status: string;
  display_name: string | null;
  description: string | null;
  creation_time: number;
  last_modified_time: number;
}

/** What validation found inside a version. */
export interface IImageVersionDetails {
  interpreter?: string | null;
  python?: string | null;
  arch?: string | null;
  ipykernel?: string | null;
  kernel_specs?: string[];
  kernel_argv?: Record<string, string[]>;
}

/** One immutable version of an image. */
export interface IImageVersion {
  image_name: string;
  version: number;
  image_version_arn: string;
  image_arn: string;
  /** A Docker reference, `file:///python/or/env`, or `dockerfile:///abs/Dockerfile`. */
  base_image: string;
  container_image: string | null;
  kind: string;
  image_version_status: ImageVersionStatus;
  /** What is wrong with the version, in full; null unless it failed. */
  failure_reason: string | null;
  aliases: string[];
  details: IImageVersionDetails;
  creation_time: number;
  last_modified_time: number;
}

/** A kernel spec an image offers: its name inside the image and the launcher's words. */
export interface IImageKernelSpec {
  name: string;
  display_name: string;
}

/** An image's app image config: its kernel specs and file-system settings. */
export interface IAppImageConfig {
  name: string;
  arn: string;
  kernel_specs: IImageKernelSpec[];
  /** Where the workspace appears in a container ('' = its own path). */
  mount_path: string;
  uid: number;
  gid: number;
  creation_time: number;
  last_modified_time: number;
}

/** An image with its versions (newest first) and its config. */
export interface IImageEntry {
  image: IImage;
  versions: IImageVersion[];
  config: IAppImageConfig;
}

/** `GET mlstudio/api/v1/images`. */
export interface IImageList {
  images: IImageEntry[];
}

/** The file-system settings of an image's config. */
export interface IImageFileSystem {
  mount_path: string;
  /** 0 or 1000. */
  uid: number;
  /** 0 or 100. */
  gid: number;
}

/** `POST mlstudio/api/v1/images`. */
export interface ICreateImageRequest extends Partial<IImageFileSystem> {
  name: string;
  display_name?: string;
  description?: string;
  base_image?: string;
  kernel_specs?: IImageKernelSpec[];
}

/** `POST mlstudio/api/v1/images/{name}/versions`. */
export interface ICreateImageVersionRequest {
  base_image: string;
  aliases?: string[];
}

/** `PUT mlstudio/api/v1/images/{name}/config`. */
export interface IImageConfigRequest extends IImageFileSystem {
  kernel_specs: IImageKernelSpec[];
}

/** One stored line of a Dockerfile build. */
export interface IBuildLogLine {
  seq: number;
  /** UTC milliseconds. */
  timestamp: number;
  message: string;
}

/** `GET mlstudio/api/v1/images/{name}/versions/{n}/build-logs`. */
export interface IBuildLogs {
  lines: IBuildLogLine[];
}

/*
 * Events.
 */

/** `image-version/v1`: a version finished validating. */
export interface IImageVersionEvent {
  name: string;
  version: number;
  status: ImageVersionStatus;
  failure_reason?: string | null;
}

/** `image-build-logs/v1`: new lines of a Dockerfile build. */
export interface IImageBuildLogsEvent {
  name: string;
  version: number;
  lines: string[];
}

/** `kernel/v1`: a kernel changed from the server side. */
export interface IKernelEvent {
  /** The kernel before a switch. */
  kernel_id: string;
  new_kernel_id?: string | null;
  action: 'switched' | 'idle-shutdown' | 'died';
  /** The notebook's contents path. */
  path?: string | null;
  image?: string;
  instance_type?: string;
  message?: string;
}
