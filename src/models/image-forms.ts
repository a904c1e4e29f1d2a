/*
 * The Images panel's forms (register an image, add a version, edit a config): their
 * values, the checks made before asking the server, and the requests they send.
 */
import type {
  IAppImageConfig,
  ICreateImageRequest,
  ICreateImageVersionRequest,
  IImageConfigRequest,
  IImageKernelSpec
} from '../tokens';

/** Names the server accepts: letters, digits, '-' and '.', at most 63. */
const IMAGE_NAME = /^[a-zA-Z0-9]([-.]?[a-zA-Z0-9]){0,62}$/;

/** The user ids a container may run as. */
export const ALLOWED_UIDS = [0, 1000];

/** The group ids a container may run as. */
export const ALLOWED_GIDS = [0, 100];

/** The ids the server takes (the forms hold any number until they are checked). */
type Uid = NonNullable<IImageConfigRequest['uid']>;
type Gid = NonNullable<IImageConfigRequest['gid']>;

/** What a base image is, by its form. */
export type BaseImageKind = 'docker' | 'file' | 'dockerfile';

/**
 * The kind of a base image: a Python of this host (`file://` and a path, or a bare absolute
 * path such as `/opt/venv/bin/python`), a `dockerfile://` build, or a Docker image.
 */
export function baseImageKind(base: string): BaseImageKind | null {
  const value = base.trim();
  if (!value) {
    return null;
  }
  if (value.startsWith('dockerfile://')) {
    return 'dockerfile';
  }
  if (value.startsWith('file://') || value.startsWith('/')) {
    return 'file';
  }
  return 'docker';
}

/** A base as the server takes it: a bare absolute path becomes a `file://` URI. */
export function normalizeBaseImage(base: string): string {
  const value = base.trim();
  return value.startsWith('/') ? `file://${value}` : value;
}

/** Kernel specs, mount path and ids: shared by registering and editing a config. */
export interface IFileSystemValues {
  kernel_specs: IImageKernelSpec[];
  mount_path: string;
  uid: number;
  gid: number;
}

/** The register form's values. */
export interface IRegisterImageValues extends IFileSystemValues {
  name: string;
  display_name: string;
  description: string;
  base_image: string;
}

/** The add-version form's values. */
export interface IVersionValues {
  base_image: string;
  /** Comma-separated aliases. */
  aliases: string;
}

/** Errors by field name (`kernel_specs.0` for a row); empty when the values are fine. */
export type FormErrors = Record<string, string>;

/** A new image's form as it opens: one Python 3 kernel spec, root ids. */
export function emptyRegisterValues(): IRegisterImageValues {
  return {
    name: '',
    display_name: '',
    description: '',
    base_image: '',
    kernel_specs: [{ name: 'python3', display_name: 'Python 3' }],
    mount_path: '',
    uid: 0,
    gid: 0
  };
}

/** An image's config as the edit form opens. */
export function configValues(config: IAppImageConfig): IFileSystemValues {
  return {
    kernel_specs: config.kernel_specs.map(spec => ({
      name: spec.name,
      display_name: spec.display_name
    })),
    mount_path: config.mount_path,
    uid: config.uid,
    gid: config.gid
  };
}

/** Why a base image cannot be used, or null when it looks right. */
export function checkBaseImage(base: string): string | null {
  const value = normalizeBaseImage(base);
  const kind = baseImageKind(value);
  if (kind === 'file' || kind === 'dockerfile') {
    const path = value.slice(`${kind}://`.length);
    if (!path.startsWith('/')) {
      return `Give an absolute path after ${kind}://, e.g. ${kind}:///opt/envs/ml`;
    }
  }
  if (kind === 'docker' && /\s/.test(value)) {
    return 'A Docker image reference has no spaces, e.g. mlstudio/sklearn:latest';
  }
  return null;
}

function checkFileSystem(values: IFileSystemValues, errors: FormErrors): void {
  if (!values.kernel_specs.length) {
    errors.kernel_specs = 'Name at least one kernel spec (e.g. python3).';
  }
  const seen = new Set<string>();
  values.kernel_specs.forEach((spec, index) => {
    const name = spec.name.trim();
    if (!name) {
      errors[`kernel_specs.${index}`] = 'Name the kernel spec (e.g. python3).';
    } else if (seen.has(name)) {
      errors[`kernel_specs.${index}`] = `${name} is listed twice: remove one.`;
    }
    seen.add(name);
  });
  if (values.mount_path && !values.mount_path.startsWith('/')) {
    errors.mount_path =
      'The mount path is absolute, e.g. /home/sagemaker-user.';
  }
  if (!ALLOWED_UIDS.includes(values.uid)) {
    errors.uid = 'The user id is 0 or 1000.';
  }
  if (!ALLOWED_GIDS.includes(values.gid)) {
    errors.gid = 'The group id is 0 or 100.';
  }
}

/** Check the register form before sending it. */
export function validateRegister(values: IRegisterImageValues): FormErrors {
  const errors: FormErrors = {};
  const name = values.name.trim();
  if (!name) {
    errors.name = 'Name the image.';
  } else if (!IMAGE_NAME.test(name)) {
    errors.name =
      "An image name has letters, digits, '-' and '.' only, starts and ends with a letter or digit and is at most 63 long: change it.";
  }
  const base = checkBaseImage(values.base_image);
  if (base) {
    errors.base_image = base;
  }
  checkFileSystem(values, errors);
  return errors;
}

/** Check the add-version form before sending it. */
export function validateVersion(values: IVersionValues): FormErrors {
  const errors: FormErrors = {};
  if (!values.base_image.trim()) {
    errors.base_image = 'Give the base image of the new version.';
  } else {
    const base = checkBaseImage(values.base_image);
    if (base) {
      errors.base_image = base;
    }
  }
  return errors;
}

/** Check the config form before sending it. */
export function validateConfig(values: IFileSystemValues): FormErrors {
  const errors: FormErrors = {};
  checkFileSystem(values, errors);
  return errors;
}

function cleanSpecs(specs: IImageKernelSpec[]): IImageKernelSpec[] {
  return specs.map(spec => ({
    name: spec.name.trim(),
    display_name: spec.display_name.trim() || spec.name.trim()
  }));
}

/** The body of `POST images`, leaving out what the user left empty. */
export function registerRequest(
  values: IRegisterImageValues
): ICreateImageRequest {
  const request: ICreateImageRequest = {
    name: values.name.trim(),
    kernel_specs: cleanSpecs(values.kernel_specs),
    mount_path: values.mount_path.trim(),
    uid: values.uid as Uid,
    gid: values.gid as Gid
  };
  const optional = {
    display_name: values.display_name.trim(),
    description: values.description.trim(),
    base_image: normalizeBaseImage(values.base_image)
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value) {
      request[key as keyof typeof optional] = value;
    }
  }
  return request;
}

/** The body of `POST images/{name}/versions`. */
export function versionRequest(
  values: IVersionValues
): ICreateImageVersionRequest {
  const aliases = values.aliases
    .split(',')
    .map(alias => alias.trim())
    .filter(Boolean);
  return { base_image: normalizeBaseImage(values.base_image), aliases };
}

/** The body of `PUT images/{name}/config`. */
export function configRequest(values: IFileSystemValues): IImageConfigRequest {
  return {
    kernel_specs: cleanSpecs(values.kernel_specs),
    mount_path: values.mount_path.trim(),
    uid: values.uid as Uid,
    gid: values.gid as Gid
  };
}
