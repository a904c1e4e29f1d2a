import type { Event } from '@jupyterlab/services';

import type { IListTransformJobsOptions } from '../api/transform-jobs';
import {
  ITransformJobDetail,
  ITransformJobEvent,
  ITransformJobList,
  ITransformJobSummary,
  TRANSFORM_JOB_EVENT_SCHEMA
} from '../transform-types';
import type { IJobRow } from './job-kinds';
import { IJobDetailApi, JobDetailModel } from './job-detail-model';
import { IJobPageQuery, PagedJobList } from './paged-job-list';
import { isTerminal } from './training-job-model';

/** The kind id of batch transform jobs in the Jobs section. */
export const TRANSFORM_KIND = 'transform';

/** "12 of 40 objects" style progress, or null before the input is listed. */
export function transformProgressText(
  detail: Pick<ITransformJobDetail, 'progress'>
): string | null {
  const { objects_total, objects_done, records_done } = detail.progress;
  if (objects_total === null || objects_total === undefined) {
    return null;
  }
  return `${objects_done}/${objects_total} objects, ${records_done} records`;
}

/**
 * The domain's transform jobs, newest first, as the Jobs section lists them;
 * `transform-job` events update a listed job's status at once.
 */
export class TransformJobListModel extends PagedJobList<ITransformJobSummary> {
  constructor(options: TransformJobListModel.IOptions) {
    const fetchPage = options.fetchPage;
    super({
      ...options,
      name: 'jupyterlab-mlstudio:transform-jobs',
      fetchPage: async (query: IJobPageQuery) => {
        const page = await fetchPage(query);
        return { items: page.transform_jobs, next_token: page.next_token };
      }
    });
  }

  protected nameOf(job: ITransformJobSummary): string {
    return job.transform_job_name;
  }

  protected createdOf(job: ITransformJobSummary): string {
    return job.creation_time;
  }

  protected toRow(job: ITransformJobSummary): IJobRow {
    return {
      kind: TRANSFORM_KIND,
      name: job.transform_job_name,
      status: job.transform_job_status,
      detail: this._progress.get(job.transform_job_name) ?? null,
      creation_time: job.creation_time,
      end_time: job.transform_end_time ?? null
    };
  }

  protected onEvent(emission: Event.Emission): void {
    if (emission.schema_id !== TRANSFORM_JOB_EVENT_SCHEMA) {
      return;
    }
    const event = emission as unknown as ITransformJobEvent;
    const progress = event.progress;
    if (
      progress &&
      typeof progress.objects_total === 'number' &&
      typeof progress.objects_done === 'number'
    ) {
      this._progress.set(
        event.name,
        `${progress.objects_done}/${progress.objects_total} objects`
      );
    }
    const changed = this.patch(event.name, job => ({
      ...job,
      transform_job_status: event.status,
      failure_reason: event.failure_reason ?? job.failure_reason
    }));
    if (!changed || isTerminal(event.status)) {
      this.requestEventRefresh();
    }
  }

  private _progress = new Map<string, string>();
}

export namespace TransformJobListModel {
  /** Constructor options. */
  export interface IOptions extends Omit<
    PagedJobList.IOptions<ITransformJobSummary>,
    'name' | 'fetchPage'
  > {
    /** Reads one page of jobs. */
    fetchPage: (
      options: IListTransformJobsOptions
    ) => Promise<ITransformJobList>;
  }
}

/** The server calls a transform job view makes; injected, so tests need no server. */
export type ITransformJobApi = IJobDetailApi<ITransformJobDetail>;

/**
 * What a transform job view shows, kept live: the description (status, timeline,
 * progress) and a log tail per instance; see {@link JobDetailModel}.
 */
export class TransformJobModel extends JobDetailModel<
  ITransformJobDetail,
  ITransformJobEvent
> {
  constructor(options: TransformJobModel.IOptions) {
    super({ ...options, kind: TRANSFORM_KIND });
  }

  protected readonly eventSchema = TRANSFORM_JOB_EVENT_SCHEMA;

  protected statusOf(detail: ITransformJobDetail): string {
    return detail.transform_job_status;
  }

  /** The instances (`algo-1` ... `algo-N`). */
  protected hostsOf(detail: ITransformJobDetail): string[] {
    const count = detail.transform_resources.instance_count;
    return Array.from({ length: count }, (_, index) => `algo-${index + 1}`);
  }

  protected withEvent(
    detail: ITransformJobDetail,
    event: ITransformJobEvent
  ): ITransformJobDetail {
    return {
      ...detail,
      transform_job_status: event.status,
      failure_reason: event.failure_reason ?? detail.failure_reason,
      progress: { ...detail.progress, ...event.progress }
    };
  }
}

export namespace TransformJobModel {
  /** Constructor options. */
  export type IOptions = Omit<
    JobDetailModel.IOptions<ITransformJobDetail>,
    'kind'
  >;
}
