import type { Event } from '@jupyterlab/services';

import type {
  IListTrainingJobsOptions,
  listTrainingJobs
} from '../api/training-jobs';
import { TRAINING_JOB_EVENT_SCHEMA } from '../events';
import type { ITrainingJobEvent, ITrainingJobSummary } from '../tokens';
import type { IJobRow } from './job-kinds';
import { IJobPageQuery, mergeByName, PagedJobList } from './paged-job-list';

/** The kind id of training jobs in the Jobs section. */
export const TRAINING_KIND = 'training';

/**
 * The domain's training jobs, newest first, as the Jobs section lists them; `training-job`
 * events update a listed job at once (see {@link PagedJobList} for paging and polling).
 */
export class JobListModel extends PagedJobList<ITrainingJobSummary> {
  constructor(options: JobListModel.IOptions) {
    const fetchPage = options.fetchPage;
    super({
      ...options,
      name: 'jupyterlab-mlstudio:training-jobs',
      fetchPage: async (query: IJobPageQuery) => {
        const page = await fetchPage(query);
        return { items: page.training_jobs, next_token: page.next_token };
      }
    });
  }

  protected nameOf(job: ITrainingJobSummary): string {
    return job.training_job_name;
  }

  protected createdOf(job: ITrainingJobSummary): string {
    return job.creation_time;
  }

  protected toRow(job: ITrainingJobSummary): IJobRow {
    return {
      kind: TRAINING_KIND,
      name: job.training_job_name,
      status: job.training_job_status,
      // Once a job ends its secondary status repeats the status ("Completed"): say it once.
      detail:
        job.secondary_status && job.secondary_status !== job.training_job_status
          ? job.secondary_status
          : null,
      creation_time: job.creation_time,
      end_time: job.training_end_time ?? null
    };
  }

  protected onEvent(emission: Event.Emission): void {
    if (emission.schema_id !== TRAINING_JOB_EVENT_SCHEMA) {
      return;
    }
    const event = emission as unknown as ITrainingJobEvent;
    this.patch(event.name, job => ({
      ...job,
      training_job_status: event.status,
      secondary_status: event.secondary_status
    }));
    this.requestEventRefresh();
  }
}

export namespace JobListModel {
  /** Constructor options. */
  export interface IOptions extends Omit<
    PagedJobList.IOptions<ITrainingJobSummary>,
    'name' | 'fetchPage'
  > {
    /** Reads one page of jobs. */
    fetchPage: (
      options: IListTrainingJobsOptions
    ) => ReturnType<typeof listTrainingJobs>;
  }

  /**
   * `current` updated with `incoming`: a job in both takes the incoming row; the result
   * is ordered newest first (ties by name) and lists each job once.
   */
  export function mergeJobs(
    current: readonly ITrainingJobSummary[],
    incoming: readonly ITrainingJobSummary[]
  ): ITrainingJobSummary[] {
    return mergeByName(
      current,
      incoming,
      job => job.training_job_name,
      job => job.creation_time
    );
  }
}
