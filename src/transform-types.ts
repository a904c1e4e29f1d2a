/*
 * REST types of batch transform jobs: aliases of the types generated from the server's
 * OpenAPI document (`api/schema.ts`, `jlpm api:types`), and the `transform-job` event.
 */

import type { Schemas } from './api/schema-types';
import { EVENT_SCHEMA_PREFIX } from './events';

/** Schema of "a transform job changed status or made progress". */
export const TRANSFORM_JOB_EVENT_SCHEMA = `${EVENT_SCHEMA_PREFIX}transform-job/v1`;

/** SageMaker's TransformJobStatus. */
export type TransformJobStatus = Schemas['TransformJobStatus'];

/** One row of `GET mlstudio/api/v1/transform-jobs`. */
export type ITransformJobSummary = Schemas['TransformJobSummary'];

/** `GET mlstudio/api/v1/transform-jobs`. */
export type ITransformJobList = Schemas['TransformJobList'];

/** `GET mlstudio/api/v1/transform-jobs/{name}`. */
export type ITransformJobDetail = Schemas['TransformJobDetail'];

/** Objects and records a transform job has done. */
export type ITransformProgress = Schemas['TransformProgress'];

/** The `transform-job` event's payload. */
export interface ITransformJobEvent {
  name: string;
  status: TransformJobStatus;
  message?: string | null;
  failure_reason?: string | null;
  progress?: Partial<ITransformProgress>;
}
