import { URLExt } from '@jupyterlab/coreutils';
import type { ServerConnection } from '@jupyterlab/services';

import type {
  IDeployRequest,
  IEndpointChange,
  IEndpointList,
  IEndpointMetrics,
  IEndpointView,
  IScalingPolicy,
  IVariantScaling
} from '../endpoint-types';
import {
  API_PATH,
  MLStudioRequestError,
  queryString,
  requestAPI,
  requestRaw
} from '../request';
import type { GetQuery } from './schema-types';

/** Filters and paging of {@link listEndpoints}. */
export type IListEndpointsOptions = GetQuery<'/endpoints'>;

function endpointPath(name: string): string {
  return `endpoints/${encodeURIComponent(name)}`;
}

function scalingPath(name: string, variant: string): string {
  return `${endpointPath(name)}/variants/${encodeURIComponent(variant)}/autoscaling`;
}

/** `GET mlstudio/api/v1/endpoints`: the domain's endpoints, newest first. */
export function listEndpoints(
  options: IListEndpointsOptions = {},
  settings?: ServerConnection.ISettings
): Promise<IEndpointList> {
  return requestAPI<IEndpointList>(
    `endpoints${queryString({ ...options })}`,
    { method: 'GET' },
    settings
  );
}

/** `POST mlstudio/api/v1/endpoints`: a model, a config and an endpoint in one step. */
export function deployEndpoint(
  request: IDeployRequest,
  settings?: ServerConnection.ISettings
): Promise<IEndpointView> {
  return requestAPI<IEndpointView>(
    'endpoints',
    { method: 'POST', body: JSON.stringify(request) },
    settings
  );
}

/** `GET mlstudio/api/v1/endpoints/{name}`. */
export function getEndpoint(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<IEndpointView> {
  return requestAPI<IEndpointView>(
    endpointPath(name),
    { method: 'GET' },
    settings
  );
}

/** `PATCH mlstudio/api/v1/endpoints/{name}`: another config, or weights and counts. */
export function updateEndpoint(
  name: string,
  change: IEndpointChange,
  settings?: ServerConnection.ISettings
): Promise<IEndpointView> {
  return requestAPI<IEndpointView>(
    endpointPath(name),
    { method: 'PATCH', body: JSON.stringify(change) },
    settings
  );
}

/** `DELETE mlstudio/api/v1/endpoints/{name}`. */
export async function deleteEndpoint(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<void> {
  await requestAPI<void>(endpointPath(name), { method: 'DELETE' }, settings);
}

/** `GET mlstudio/api/v1/endpoints/{name}/metrics`: the last `seconds` seconds. */
export function getEndpointMetrics(
  name: string,
  seconds: number,
  settings?: ServerConnection.ISettings
): Promise<IEndpointMetrics> {
  return requestAPI<IEndpointMetrics>(
    `${endpointPath(name)}/metrics${queryString({ seconds })}`,
    { method: 'GET' },
    settings
  );
}

/** `GET .../variants/{variant}/autoscaling`. */
export function getVariantScaling(
  name: string,
  variant: string,
  settings?: ServerConnection.ISettings
): Promise<IVariantScaling> {
  return requestAPI<IVariantScaling>(
    scalingPath(name, variant),
    { method: 'GET' },
    settings
  );
}

/** `PUT .../variants/{variant}/autoscaling`: set the variant's policy. */
export function putVariantScaling(
  name: string,
  variant: string,
  policy: IScalingPolicy,
  settings?: ServerConnection.ISettings
): Promise<IVariantScaling> {
  return requestAPI<IVariantScaling>(
    scalingPath(name, variant),
    { method: 'PUT', body: JSON.stringify(policy) },
    settings
  );
}

/** `DELETE .../variants/{variant}/autoscaling`: stop autoscaling the variant. */
export async function deleteVariantScaling(
  name: string,
  variant: string,
  settings?: ServerConnection.ISettings
): Promise<void> {
  await requestAPI<void>(
    scalingPath(name, variant),
    { method: 'DELETE' },
    settings
  );
}

/** What an invocation answered. */
export interface IInvocationResult {
  /** HTTP status (200 for an answer of the model). */
  status: number;
  /** The answer's body as text. */
  body: string;
  contentType: string;
  /** The variant that answered (empty for an error). */
  variant: string;
  /** Milliseconds from sending to the whole answer. */
  elapsed: number;
}

/** What one invocation sends. */
export interface IInvocation {
  body: string;
  contentType: string;
  accept?: string;
  targetVariant?: string;
}

/**
 * `POST mlstudio/api/v1/endpoints/{name}/invocations`: InvokeEndpoint with the page's
 * credentials. A refusal or a model error is returned (not thrown) with the server's
 * message as the body, so the request box can show it; only an unreachable server throws.
 */
export async function invokeEndpoint(
  name: string,
  call: IInvocation,
  settings?: ServerConnection.ISettings
): Promise<IInvocationResult> {
  const headers: Record<string, string> = { 'Content-Type': call.contentType };
  if (call.accept) {
    headers['Accept'] = call.accept;
  }
  if (call.targetVariant) {
    headers['X-Amzn-SageMaker-Target-Variant'] = call.targetVariant;
  }
  const started = performance.now();
  try {
    const response = await requestRaw(
      URLExt.join(API_PATH, endpointPath(name), 'invocations'),
      { method: 'POST', body: call.body, headers },
      settings
    );
    const body = await response.text();
    return {
      status: response.status,
      body,
      contentType: response.headers.get('Content-Type') ?? '',
      variant: response.headers.get('X-Amzn-Invoked-Production-Variant') ?? '',
      elapsed: performance.now() - started
    };
  } catch (reason) {
    if (reason instanceof MLStudioRequestError && reason.status > 0) {
      return {
        status: reason.status,
        body: `${reason.error}: ${reason.message}`,
        contentType: 'text/plain',
        variant: '',
        elapsed: performance.now() - started
      };
    }
    throw reason;
  }
}
