/*
 * REST types of endpoints: aliases of the types generated from the server's OpenAPI
 * document (`api/schema.ts`, `jlpm api:types`), and the `endpoint` event.
 */

import { EVENT_SCHEMA_PREFIX } from './events';
import type { Schemas } from './api/schema-types';

/** Schema of "an endpoint changed status" (status `Deleted` once it is gone). */
export const ENDPOINT_EVENT_SCHEMA = `${EVENT_SCHEMA_PREFIX}endpoint/v1`;

/** SageMaker's EndpointStatus. */
export type EndpointStatus = Schemas['EndpointStatus'];

/** One row of `GET mlstudio/api/v1/endpoints`. */
export type IEndpointSummary = Schemas['EndpointSummaryView'];

/** `GET mlstudio/api/v1/endpoints`. */
export type IEndpointList = Schemas['EndpointList'];

/** `GET mlstudio/api/v1/endpoints/{name}`. */
export type IEndpointView = Schemas['EndpointView'];

/** A variant of an endpoint, with its instances. */
export type IVariantView = Schemas['VariantView'];

/** One instance (serving unit) of a variant. */
export type IInstanceView = Schemas['InstanceView'];

/** A recent error of an endpoint. */
export type IEndpointError = Schemas['ErrorView'];

/** `GET mlstudio/api/v1/endpoints/{name}/metrics`. */
export type IEndpointMetrics = Schemas['EndpointMetrics'];

/** One second of a variant's series. */
export type IEndpointMetricPoint = Schemas['RatePoint'];

/** `POST mlstudio/api/v1/endpoints`: deploy in one step. */
export type IDeployRequest = Schemas['DeployRequest'];

/** `PATCH mlstudio/api/v1/endpoints/{name}`. */
export type IEndpointChange = Schemas['EndpointChange'];

/** A variant's target-tracking autoscaling policy. */
export type IScalingPolicy = Schemas['ScalingPolicy-Output'];

/** `GET mlstudio/api/v1/endpoints/{name}/variants/{variant}/autoscaling`. */
export type IVariantScaling = Schemas['VariantScaling'];

/** The `endpoint` event's payload. */
export interface IEndpointEvent {
  name: string;
  status: EndpointStatus | 'Deleted';
  message?: string | null;
  failure_reason?: string | null;
}
