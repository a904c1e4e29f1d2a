import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { formatAge, parseTime } from '../format';
import type { TuningListModel } from '../models/tuning-models';
import type { TrainingJobStatus } from '../tokens';
import type { ITuningJobSummary } from '../tuning-types';
import { JobStatusBadge } from './job-status-badge';
import { RequestErrorMessage } from './request-error-message';
import { useNow } from './use-now';

/** Props of {@link TuningList}. */
export interface ITuningListProps {
  model: TuningListModel;
  trans: TranslationBundle;
  onOpen: (name: string) => void;
}

/** The Tuning section: the domain's tuning jobs with status and progress. */
export function TuningList(props: ITuningListProps): JSX.Element {
  const { model, trans, onOpen } = props;
  const now = useNow(5000);
  if (!model.isLoaded) {
    return <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>;
  }
  return (
    <div className="jp-mlstudio-jobs jp-mlstudio-tuning-list">
      {model.error ? (
        <RequestErrorMessage
          error={model.error}
          trans={trans}
          stale={model.jobs.length > 0}
        />
      ) : null}
      {model.jobs.length === 0 && !model.error ? (
        <div className="jp-mlstudio-empty">
          {trans.__(
            'No tuning jobs yet. Create one with boto3, the SageMaker SDK, the client or %%mlstudio tune.'
          )}
        </div>
      ) : null}
      {model.jobs.map(job => (
        <TuningRow
          key={job.hyper_parameter_tuning_job_name}
          job={job}
          now={now}
          trans={trans}
          onOpen={onOpen}
        />
      ))}
    </div>
  );
}

/** Trials done (completed, failed or stopped) of the budget. */
export function trialsDone(job: ITuningJobSummary): number {
  const counters = job.training_job_status_counters;
  return (
    counters.completed +
    counters.non_retryable_error +
    counters.retryable_error +
    counters.stopped
  );
}

function TuningRow(props: {
  job: ITuningJobSummary;
  now: number;
  trans: TranslationBundle;
  onOpen: (name: string) => void;
}): JSX.Element {
  const { job, now, trans, onOpen } = props;
  const name = job.hyper_parameter_tuning_job_name;
  const budget = job.resource_limits?.max_number_of_training_jobs ?? null;
  const open = (): void => onOpen(name);
  return (
    <div
      className="jp-mlstudio-job-row jp-mlstudio-tuning-row"
      data-tuning-job={name}
      data-status={job.hyper_parameter_tuning_job_status}
      role="button"
      tabIndex={0}
      onClick={open}
      onKeyDown={event => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          open();
        }
      }}
    >
      <div className="jp-mlstudio-job-row-main">
        <span className="jp-mlstudio-job-name">{name}</span>
        <JobStatusBadge
          status={job.hyper_parameter_tuning_job_status as TrainingJobStatus}
          trans={trans}
        />
      </div>
      <div className="jp-mlstudio-job-row-detail">
        <span className="jp-mlstudio-tuning-row-progress">
          {budget === null
            ? trans._n(
                '%1 trial done (%2)',
                '%1 trials done (%2)',
                trialsDone(job),
                job.strategy
              )
            : trans.__(
                '%1 of %2 trials done (%3)',
                trialsDone(job),
                budget,
                job.strategy
              )}
        </span>
        <span className="jp-mlstudio-job-age">
          {formatAge(now - parseTime(job.creation_time))}
        </span>
      </div>
    </div>
  );
}
