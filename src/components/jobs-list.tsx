import type { TranslationBundle } from '@jupyterlab/translation';
import { addIcon } from '@jupyterlab/ui-components';
import React, { useCallback } from 'react';

import {
  formatAge,
  formatDateTime,
  formatDuration,
  parseTime
} from '../format';
import {
  isActiveStatus,
  type IJobRow,
  type JobKinds
} from '../models/job-kinds';
import type { TrainingJobStatus } from '../tokens';
import { JobStatusBadge } from './job-status-badge';
import { RequestErrorMessage } from './request-error-message';
import { useNow } from './use-now';
import { VirtualList } from './virtual-list';

/** Height of a job row, in pixels; the list is virtualized on it. */
export const JOB_ROW_HEIGHT = 44;

/** How often ages and running durations are renewed, in ms. */
const CLOCK_INTERVAL = 5000;

/** Props of {@link JobsList}. */
export interface IJobsListProps {
  /** The kinds of job listed (training, transform, ...). */
  model: JobKinds;
  trans: TranslationBundle;
  /** Open the new-training-job form. */
  onNew: () => void;
}

/** "1 job", "3 jobs, 1 running": the jobs listed and how many of them run. */
export function jobsSummary(
  jobs: readonly IJobRow[],
  trans: TranslationBundle
): string {
  const running = jobs.filter(job => isActiveStatus(job.status)).length;
  const count = trans._n('%1 job', '%1 jobs', jobs.length);
  return running ? trans.__('%1, %2 running', count, running) : count;
}

/** Most job rows shown at once; a longer list scrolls. */
const VISIBLE_JOB_ROWS = 8;

/**
 * The Jobs section: a "New training job" button and the domain's jobs of every kind,
 * newest first, each with its kind, status, what it is doing and how long it has run. The
 * list is as tall as its rows, up to eight of them.
 */
export function JobsList(props: IJobsListProps): JSX.Element {
  const { model, trans, onNew } = props;
  const now = useNow(CLOCK_INTERVAL);
  const jobs = model.rows;

  const renderRow = useCallback(
    (index: number) => {
      const job = jobs[index];
      return (
        <JobRow
          job={job}
          kindLabel={model.kind(job.kind)?.label ?? job.kind}
          now={now}
          trans={trans}
          onOpen={row => model.open(row)}
        />
      );
    },
    [jobs, now, trans, model]
  );

  let body: JSX.Element;
  if (!model.isLoaded) {
    body = <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>;
  } else if (jobs.length === 0 && !model.error) {
    body = (
      <div className="jp-mlstudio-empty jp-mlstudio-empty-state">
        {trans.__(
          'No jobs yet. Start one with New training job, or run %%mlstudio train in a notebook cell.'
        )}
      </div>
    );
  } else {
    body = (
      <div
        className="jp-mlstudio-list-frame"
        style={{
          height: Math.min(jobs.length, VISIBLE_JOB_ROWS) * JOB_ROW_HEIGHT + 2
        }}
      >
        <VirtualList
          className="jp-mlstudio-jobs-list"
          count={jobs.length}
          rowHeight={JOB_ROW_HEIGHT}
          renderRow={renderRow}
          ariaLabel={trans.__('Jobs')}
          overscan={5}
        />
      </div>
    );
  }

  return (
    <div className="jp-mlstudio-jobs">
      <div className="jp-mlstudio-jobs-header">
        <button
          type="button"
          className="jp-mlstudio-button jp-mod-styled jp-mod-accept jp-mlstudio-new-job"
          onClick={onNew}
          title={trans.__('Open the form of a new training job')}
        >
          <addIcon.react tag="span" className="jp-mlstudio-button-icon" />
          {trans.__('New training job')}
        </button>
      </div>
      {model.error ? (
        <RequestErrorMessage
          error={model.error}
          trans={trans}
          stale={jobs.length > 0}
        />
      ) : null}
      {body}
      {model.hasMore ? (
        <button
          type="button"
          className="jp-mlstudio-button jp-mod-styled jp-mlstudio-load-more"
          onClick={() => void model.loadMore()}
          disabled={model.isLoading}
        >
          {trans.__('Older jobs…')}
        </button>
      ) : null}
    </div>
  );
}

/** One job: name, kind and status badge; what it is doing, duration and age. */
function JobRow(props: {
  job: IJobRow;
  kindLabel: string;
  now: number;
  trans: TranslationBundle;
  onOpen: (job: IJobRow) => void;
}): JSX.Element {
  const { job, kindLabel, now, trans, onOpen } = props;
  const created = parseTime(job.creation_time);
  const ended = parseTime(job.end_time);
  const isRunning = isActiveStatus(job.status);
  const duration = (Number.isFinite(ended) ? ended : now) - created;
  const open = (): void => onOpen(job);
  return (
    <div
      className="jp-mlstudio-job-row"
      data-job-name={job.name}
      data-job-kind={job.kind}
      data-status={job.status}
      role="button"
      tabIndex={0}
      title={trans.__(
        '%1 (%2)\nCreated %3. Click to open.',
        job.name,
        kindLabel,
        formatDateTime(created)
      )}
      onClick={open}
      onKeyDown={event => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          open();
        }
      }}
    >
      <div className="jp-mlstudio-job-row-main">
        <span className="jp-mlstudio-job-name">{job.name}</span>
        <JobStatusBadge
          status={job.status as TrainingJobStatus}
          trans={trans}
        />
      </div>
      <div className="jp-mlstudio-job-row-detail">
        <span className="jp-mlstudio-secondary-status">
          <span className="jp-mlstudio-job-kind">{kindLabel}</span>
          {job.detail ? ` ${job.detail}` : ''}
        </span>
        <span className="jp-mlstudio-job-times">
          <span
            className="jp-mlstudio-job-duration"
            title={isRunning ? trans.__('Running for') : trans.__('Ran for')}
          >
            {formatDuration(duration)}
          </span>
          {' · '}
          <span className="jp-mlstudio-job-age">
            {formatAge(now - created)}
          </span>
        </span>
      </div>
    </div>
  );
}
