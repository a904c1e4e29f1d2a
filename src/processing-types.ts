/*
 * REST types of processing jobs: aliases of the types generated from the server's OpenAPI
 * document (`api/schema.ts`, `jlpm api:types`), and the `processing-job` event.
 */

import type { Schemas } from './api/schema-types';
import { EVENT_SCHEMA_PREFIX } from './events';

/** Schema of "a processing job changed status". */
export const PROCESSING_JOB_EVENT_SCHEMA = `${EVENT_SCHEMA_PREFIX}processing-job/v1`;

/** SageMaker's ProcessingJobStatus. */
export type ProcessingJobStatus = Schemas['ProcessingJobStatus'];

/** One row of `GET mlstudio/api/v1/processing-jobs`. */
export type IProcessingJobSummary = Schemas['ProcessingJobSummary'];

/** `GET mlstudio/api/v1/processing-jobs`. */
export type IProcessingJobList = Schemas['ProcessingJobList'];

/** `GET mlstudio/api/v1/processing-jobs/{name}`. */
export type IProcessingJobDetail = Schemas['ProcessingJobDetail'];

/** One of a processing job's inputs. */
export type IProcessingInput = Schemas['ProcessingInput-Output'];

/** One of a processing job's outputs. */
export type IProcessingOutput = Schemas['ProcessingOutput-Output'];

/** The `processing-job` event's payload. */
export interface IProcessingJobEvent {
  name: string;
  status: ProcessingJobStatus;
  message?: string | null;
  failure_reason?: string | null;
}
