import type { Event } from '@jupyterlab/services';

import type { IListProcessingJobsOptions } from '../api/processing-jobs';
import {
  IProcessingJobDetail,
  IProcessingJobEvent,
  IProcessingJobList,
  IProcessingJobSummary,
  PROCESSING_JOB_EVENT_SCHEMA
} from '../processing-types';
import { hasEnded, IJobDetailApi, JobDetailModel } from './job-detail-model';
import type { IJobRow } from './job-kinds';
import { IJobPageQuery, PagedJobList } from './paged-job-list';

/** The kind id of processing jobs in the Jobs section. */
export const PROCESSING_KIND = 'processing';

/** A processing job's inputs or outputs as the view lists them: name, container path, URI. */
export interface IProcessingChannel {
  name: string;
  /** Where the container sees it (`/opt/ml/processing/...`), or null if not given. */
  localPath: string | null;
  /** Where it comes from or goes to, or null for an app-managed channel. */
  s3Uri: string | null;
  /** How it moves: the input's mode and data type, the output's upload mode. */
  mode: string | null;
}

/** The job's inputs, each with its local path and S3 URI. */
export function processingInputs(
  detail: Pick<IProcessingJobDetail, 'processing_inputs'>
): IProcessingChannel[] {
  return detail.processing_inputs.map(input => ({
    name: input.input_name,
    localPath: input.s3_input?.local_path ?? null,
    s3Uri: input.s3_input?.s3_uri ?? null,
    mode: input.s3_input
      ? [input.s3_input.s3_input_mode ?? 'File', input.s3_input.s3_data_type]
          .filter(Boolean)
          .join(', ')
      : null
  }));
}

/** The job's outputs, each with its local path and S3 URI. */
export function processingOutputs(
  detail: Pick<IProcessingJobDetail, 'processing_output_config'>
): IProcessingChannel[] {
  return (detail.processing_output_config?.outputs ?? []).map(output => ({
    name: output.output_name,
    localPath: output.s3_output?.local_path ?? null,
    s3Uri: output.s3_output?.s3_uri ?? null,
    mode: output.s3_output?.s3_upload_mode ?? null
  }));
}

/** Words as a command line, quoting those with spaces or quotes; null when there are none. */
export function commandLine(
  words: readonly string[] | null | undefined
): string | null {
  if (!words?.length) {
    return null;
  }
  return words
    .map(word =>
      word === '' || /[\s'"]/.test(word) ? JSON.stringify(word) : word
    )
    .join(' ');
}

/**
 * The domain's processing jobs, newest first, as the Jobs section lists them;
 * `processing-job` events update a listed job's status (and what it is doing) at once.
 */
export class ProcessingJobListModel extends PagedJobList<IProcessingJobSummary> {
  constructor(options: ProcessingJobListModel.IOptions) {
    const fetchPage = options.fetchPage;
    super({
      ...options,
      name: 'jupyterlab-mlstudio:processing-jobs',
      fetchPage: async (query: IJobPageQuery) => {
        const page = await fetchPage(query);
        return { items: page.processing_jobs, next_token: page.next_token };
      }
    });
  }

  protected nameOf(job: IProcessingJobSummary): string {
    return job.processing_job_name;
  }

  protected createdOf(job: IProcessingJobSummary): string {
    return job.creation_time;
  }

  protected toRow(job: IProcessingJobSummary): IJobRow {
    const active = !hasEnded(job.processing_job_status);
    return {
      kind: PROCESSING_KIND,
      name: job.processing_job_name,
      status: job.processing_job_status,
      // An ended job's status says it all; a running one says what it is doing.
      detail: active
        ? (this._messages.get(job.processing_job_name) ?? null)
        : null,
      creation_time: job.creation_time,
      end_time: job.processing_end_time ?? null
    };
  }

  protected onEvent(emission: Event.Emission): void {
    if (emission.schema_id !== PROCESSING_JOB_EVENT_SCHEMA) {
      return;
    }
    const event = emission as unknown as IProcessingJobEvent;
    if (event.message) {
      this._messages.set(event.name, event.message);
    }
    const changed = this.patch(event.name, job => ({
      ...job,
      processing_job_status: event.status,
      failure_reason: event.failure_reason ?? job.failure_reason
    }));
    if (!changed || hasEnded(event.status)) {
      this.requestEventRefresh();
    }
  }

  private _messages = new Map<string, string>();
}

export namespace ProcessingJobListModel {
  /** Constructor options. */
  export interface IOptions extends Omit<
    PagedJobList.IOptions<IProcessingJobSummary>,
    'name' | 'fetchPage'
  > {
    /** Reads one page of jobs. */
    fetchPage: (
      options: IListProcessingJobsOptions
    ) => Promise<IProcessingJobList>;
  }
}

/** The server calls a processing job view makes; injected, so tests need no server. */
export type IProcessingJobApi = IJobDetailApi<IProcessingJobDetail>;

/**
 * What a processing job view shows, kept live: the description (status, times, exit
 * message) and a log tail per host; see {@link JobDetailModel}.
 */
export class ProcessingJobModel extends JobDetailModel<
  IProcessingJobDetail,
  IProcessingJobEvent
> {
  constructor(options: ProcessingJobModel.IOptions) {
    super({ ...options, kind: PROCESSING_KIND });
  }

  protected readonly eventSchema = PROCESSING_JOB_EVENT_SCHEMA;

  protected statusOf(detail: IProcessingJobDetail): string {
    return detail.processing_job_status;
  }

  /** The hosts the server names, else `algo-1` ... `algo-N` of the cluster. */
  protected hostsOf(detail: IProcessingJobDetail): string[] {
    if (detail.hosts.length) {
      return detail.hosts;
    }
    const count = detail.processing_resources.cluster_config.instance_count;
    return Array.from({ length: count }, (_, index) => `algo-${index + 1}`);
  }

  protected withEvent(
    detail: IProcessingJobDetail,
    event: IProcessingJobEvent
  ): IProcessingJobDetail {
    return {
      ...detail,
      processing_job_status: event.status,
      status_message: event.message ?? detail.status_message,
      failure_reason: event.failure_reason ?? detail.failure_reason
    };
  }
}

export namespace ProcessingJobModel {
  /** Constructor options. */
  export type IOptions = Omit<
    JobDetailModel.IOptions<IProcessingJobDetail>,
    'kind'
  >;
}
