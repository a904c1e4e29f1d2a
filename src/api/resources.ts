import type { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../request';
import type { Schemas } from './schema-types';

/** One kernel, app, job or endpoint that runs. */
export type IRunningResource = Schemas['RunningResource'];
/** `GET mlstudio/api/v1/resources`. */
export type IResourceOverview = Schemas['ResourceOverview'];
/** Whose resources: the caller's, or everyone's (admins). */
export type ResourceScope = IResourceOverview['scope'];

/** `GET mlstudio/api/v1/resources`: what runs now. */
export function getResources(
  scope: ResourceScope,
  settings?: ServerConnection.ISettings
): Promise<IResourceOverview> {
  return requestAPI<IResourceOverview>(
    `resources?scope=${scope}`,
    { method: 'GET' },
    settings
  );
}

/** `POST mlstudio/api/v1/resources/stop`: stop one resource. */
export function stopResource(
  resource: Pick<IRunningResource, 'kind' | 'id'>,
  settings?: ServerConnection.ISettings
): Promise<IRunningResource> {
  return requestAPI<IRunningResource>(
    'resources/stop',
    {
      method: 'POST',
      body: JSON.stringify({ kind: resource.kind, id: resource.id })
    },
    settings
  );
}

/** `POST mlstudio/api/v1/resources/stop-idle`: admins stop idle kernels. */
export async function stopIdleResources(
  idleMinutes: number,
  settings?: ServerConnection.ISettings
): Promise<IRunningResource[]> {
  const answer = await requestAPI<Schemas['StoppedResources']>(
    'resources/stop-idle',
    { method: 'POST', body: JSON.stringify({ idle_minutes: idleMinutes }) },
    settings
  );
  return answer.stopped;
}
