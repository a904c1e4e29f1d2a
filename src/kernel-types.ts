/*
 * Types of kernel images and instance types for notebooks. The REST ones are aliases of
 * the types generated from the server's OpenAPI document (`api/schema.ts`,
 * `jlpm api:types`); notebook metadata, kernel spec metadata and events are written here.
 */

import type { Schemas } from './api/schema-types';

/** An image a notebook can run in, as the pickers list it. */
export type IProfileImage = Schemas['ProfileImage'];

/** An instance type a notebook can run on, as the pickers list it. */
export type IProfileInstanceType = Schemas['ProfileInstanceType'];

/** `GET mlstudio/api/v1/kernels/profiles`. */
export type IKernelProfiles = Schemas['Profiles'];

/** A notebook's choice, stored in its metadata under `mlstudio`. */
export interface INotebookProfile {
  image: string;
  instance_type: string;
}

/** `POST mlstudio/api/v1/kernels/profile-check`. */
export type IProfileCheckRequest = Schemas['ProfileCheck'];

/** The answer of a profile check: what a kernel of the profile gets here. */
export type ICheckedProfile = Schemas['CheckedProfile'];

/** `GET mlstudio/api/v1/kernels/{kernel_id}`: a kernel's profile and live usage. */
export type IKernelUsage = Schemas['KernelUsage'];

/** `GET mlstudio/api/v1/kernels/idle-timeouts`: minutes per instance type. */
export type IIdleTimeouts = Schemas['IdleTimeouts'];

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
export type IImage = Schemas['Image'];

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
export type IImageVersion = Schemas['ImageVersion'];

/**
 * A kernel spec an image offers: its name inside the image and the launcher's words (the
 * forms always fill both; the server takes the name when the words are left out).
 */
export type IImageKernelSpec = Required<Schemas['KernelSpecEntry']>;

/** An image's app image config: its kernel specs and file-system settings. */
export type IAppImageConfig = Schemas['AppImageConfig'];

/** An image with its versions (newest first) and its config. */
export type IImageEntry = Schemas['ImageEntry'];

/** `GET mlstudio/api/v1/images`. */
export type IImageList = Schemas['ImageList'];

/** The file-system settings of an image's config (uid 0 or 1000, gid 0 or 100). */
export type IImageFileSystem = Required<
  Pick<Schemas['ConfigBody'], 'mount_path' | 'uid' | 'gid'>
>;

/** `POST mlstudio/api/v1/images`. */
export type ICreateImageRequest = Schemas['NewImage'];

/** `POST mlstudio/api/v1/images/{name}/versions`. */
export type ICreateImageVersionRequest = Schemas['NewVersion'];

/** `PUT mlstudio/api/v1/images/{name}/config`. */
export type IImageConfigRequest = Schemas['ConfigBody'];

/** One stored line of a Dockerfile build. */
export type IBuildLogLine = Schemas['BuildLogLine'];

/** `GET mlstudio/api/v1/images/{name}/versions/{n}/build-logs`. */
export type IBuildLogs = Schemas['BuildLogs'];

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

/**
 * A Python environment the server found on its host (`GET python-environments`): the
 * server's own, a venv or a conda environment.
 */
export type IPythonEnvironment = Schemas['PythonEnvironment'];
