import type { ServerConnection } from '@jupyterlab/services';

import { queryString, requestAPI } from '../request';
import type {
  IAppImageConfig,
  IBuildLogs,
  ICreateImageRequest,
  ICreateImageVersionRequest,
  IImageConfigRequest,
  IImageEntry,
  IImageList,
  IImageVersion,
  IPythonEnvironment
} from '../tokens';

function imagePath(name: string): string {
  return `images/${encodeURIComponent(name)}`;
}

/** `GET mlstudio/api/v1/images`: every image with its versions and config. */
export function listImages(
  settings?: ServerConnection.ISettings
): Promise<IImageList> {
  return requestAPI<IImageList>('images', { method: 'GET' }, settings);
}

/** `POST mlstudio/api/v1/images`: register an image and, with a base, its first version. */
export function createImage(
  request: ICreateImageRequest,
  settings?: ServerConnection.ISettings
): Promise<IImageEntry> {
  return requestAPI<IImageEntry>(
    'images',
    { method: 'POST', body: JSON.stringify(request) },
    settings
  );
}

/** `DELETE mlstudio/api/v1/images/{name}`. */
export async function deleteImage(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<void> {
  await requestAPI<void>(imagePath(name), { method: 'DELETE' }, settings);
}

/** `POST mlstudio/api/v1/images/{name}/versions`: a version, validated in the background. */
export function createImageVersion(
  name: string,
  request: ICreateImageVersionRequest,
  settings?: ServerConnection.ISettings
): Promise<IImageVersion> {
  return requestAPI<IImageVersion>(
    `${imagePath(name)}/versions`,
    { method: 'POST', body: JSON.stringify(request) },
    settings
  );
}

/** `DELETE mlstudio/api/v1/images/{name}/versions/{version}`. */
export async function deleteImageVersion(
  name: string,
  version: number,
  settings?: ServerConnection.ISettings
): Promise<void> {
  await requestAPI<void>(
    `${imagePath(name)}/versions/${version}`,
    { method: 'DELETE' },
    settings
  );
}

/** `PUT mlstudio/api/v1/images/{name}/config`: kernel specs and file-system settings. */
export function putImageConfig(
  name: string,
  request: IImageConfigRequest,
  settings?: ServerConnection.ISettings
): Promise<IAppImageConfig> {
  return requestAPI<IAppImageConfig>(
    `${imagePath(name)}/config`,
    { method: 'PUT', body: JSON.stringify(request) },
    settings
  );
}

/** `GET mlstudio/api/v1/images/{name}/versions/{version}/build-logs?after=SEQ`. */
export function getImageBuildLogs(
  name: string,
  version: number,
  after: number,
  settings?: ServerConnection.ISettings
): Promise<IBuildLogs> {
  return requestAPI<IBuildLogs>(
    `${imagePath(name)}/versions/${version}/build-logs${queryString({ after })}`,
    { method: 'GET' },
    settings
  );
}

/**
 * `GET mlstudio/api/v1/python-environments`: the Python environments the server finds
 * on its host (its own, venvs and conda environments in the workspace and the usual places).
 */
export async function listPythonEnvironments(
  settings?: ServerConnection.ISettings
): Promise<IPythonEnvironment[]> {
  const answer = await requestAPI<{ environments: IPythonEnvironment[] }>(
    'python-environments',
    { method: 'GET' },
    settings
  );
  return answer.environments;
}
