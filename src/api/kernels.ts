import type { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../request';
import type {
  ICheckedProfile,
  IIdleTimeouts,
  IKernelProfiles,
  IKernelUsage,
  IProfileCheckRequest
} from '../tokens';

/** `GET mlstudio/api/v1/kernels/profiles`: the images and instance types notebooks can use. */
export function getKernelProfiles(
  settings?: ServerConnection.ISettings
): Promise<IKernelProfiles> {
  return requestAPI<IKernelProfiles>(
    'kernels/profiles',
    { method: 'GET' },
    settings
  );
}

/**
 * `POST mlstudio/api/v1/kernels/profile-check`: whether a profile can run here.
 *
 * @throws {MLStudioRequestError} 400 with the reason when it cannot; nothing changes.
 */
export function checkKernelProfile(
  request: IProfileCheckRequest,
  settings?: ServerConnection.ISettings
): Promise<ICheckedProfile> {
  return requestAPI<ICheckedProfile>(
    'kernels/profile-check',
    { method: 'POST', body: JSON.stringify(request) },
    settings
  );
}

/**
 * `GET mlstudio/api/v1/kernels/{kernel_id}`: a kernel's profile and its CPU and memory use.
 *
 * @throws {MLStudioRequestError} 404 when the kernel does not run in an ML Studio image.
 */
export function getKernelUsage(
  kernelId: string,
  settings?: ServerConnection.ISettings
): Promise<IKernelUsage> {
  return requestAPI<IKernelUsage>(
    `kernels/${encodeURIComponent(kernelId)}`,
    { method: 'GET' },
    settings
  );
}

/** `GET mlstudio/api/v1/kernels/idle-timeouts`: minutes per instance type (0 = never). */
export function getIdleTimeouts(
  settings?: ServerConnection.ISettings
): Promise<IIdleTimeouts> {
  return requestAPI<IIdleTimeouts>(
    'kernels/idle-timeouts',
    { method: 'GET' },
    settings
  );
}

/** `PUT mlstudio/api/v1/kernels/idle-timeouts/{type}`: set one type's timeout. */
export async function setIdleTimeout(
  instanceType: string,
  minutes: number,
  settings?: ServerConnection.ISettings
): Promise<number> {
  const answer = await requestAPI<{ minutes: number }>(
    `kernels/idle-timeouts/${encodeURIComponent(instanceType)}`,
    { method: 'PUT', body: JSON.stringify({ minutes }) },
    settings
  );
  return answer.minutes;
}
