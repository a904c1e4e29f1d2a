import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import type { RunStatus } from '../tokens';

/** Words shown for each run status. */
export function runStatusLabel(
  status: RunStatus,
  trans: TranslationBundle
): string {
  switch (status) {
    case 'RUNNING':
      return trans.__('Running');
    case 'SCHEDULED':
      return trans.__('Scheduled');
    case 'FINISHED':
      return trans.__('Finished');
    case 'FAILED':
      return trans.__('Failed');
    case 'KILLED':
      return trans.__('Killed');
    default:
      return String(status);
  }
}

/** A coloured pill with a run's status, coloured like the job statuses. */
export function RunStatusBadge(props: {
  status: RunStatus;
  trans: TranslationBundle;
}): JSX.Element {
  const { status, trans } = props;
  return (
    <span
      className={`jp-mlstudio-badge jp-mlstudio-run-status jp-mlstudio-run-status-${String(status).toLowerCase()}`}
      data-status={status}
    >
      {runStatusLabel(status, trans)}
    </span>
  );
}
