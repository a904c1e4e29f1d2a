import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import type { TrainingJobStatus } from '../tokens';

/** Props of {@link JobStatusBadge}. */
export interface IJobStatusBadgeProps {
  status: TrainingJobStatus;
  trans: TranslationBundle;
}

/** Words shown for each status; SageMaker's names, spaced for reading. */
export function statusLabel(
  status: TrainingJobStatus,
  trans: TranslationBundle
): string {
  switch (status) {
    case 'InProgress':
      return trans.__('In progress');
    case 'Completed':
      return trans.__('Completed');
    case 'Failed':
      return trans.__('Failed');
    case 'Stopping':
      return trans.__('Stopping');
    case 'Stopped':
      return trans.__('Stopped');
    default:
      return String(status);
  }
}

/**
 * A coloured pill with a job's status: blue while it runs, green when it completed,
 * red when it failed, amber while it stops, grey once stopped.
 */
export function JobStatusBadge(props: IJobStatusBadgeProps): JSX.Element {
  const { status, trans } = props;
  return (
    <span
      className={`jp-mlstudio-badge jp-mlstudio-job-status jp-mlstudio-job-status-${String(
        status
      ).toLowerCase()}`}
      data-status={status}
    >
      {statusLabel(status, trans)}
    </span>
  );
}
