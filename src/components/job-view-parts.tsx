import type { TranslationBundle } from '@jupyterlab/translation';
import { stopIcon } from '@jupyterlab/ui-components';
import React from 'react';

import type { JobDetailModel } from '../models/job-detail-model';
import type { TrainingJobStatus } from '../tokens';
import { JobStatusBadge } from './job-status-badge';
import { LogView } from './log-view';

/** Props of {@link JobViewHeader}. */
export interface IJobViewHeaderProps {
  /** The job's model (any kind). */
  model: JobDetailModel<unknown, never>;
  trans: TranslationBundle;
  /** How the title names the kind ("Transform job"). */
  kindTitle: string;
  /** The job's ARN, shown as the title's tooltip. */
  arn: string;
  /** What the job is doing now, shown while it runs. */
  statusMessage?: string | null;
  /** The Stop button's tooltip: what stopping does to this kind. */
  stopTitle: string;
  /** Ask before stopping; without it Stop stops at once. */
  confirmStop?: (name: string) => Promise<boolean>;
}

/**
 * A job view's header: the kind and name, the status badge, what the job is doing, Stop
 * (while it runs) and why a stop was refused.
 */
export function JobViewHeader(props: IJobViewHeaderProps): JSX.Element {
  const { model, trans, confirmStop } = props;
  const status = model.status ?? 'InProgress';
  const running = status === 'InProgress' || status === 'Stopping';
  const stop = async (): Promise<void> => {
    if (confirmStop && !(await confirmStop(model.name))) {
      return;
    }
    await model.stop();
  };
  const message = running && props.statusMessage ? props.statusMessage : null;
  return (
    <>
      <header className="jp-mlstudio-job-header">
        <h2 className="jp-mlstudio-job-title" title={props.arn}>
          <span className="jp-mlstudio-title-kind">{props.kindTitle}</span>{' '}
          {model.name}
        </h2>
        <JobStatusBadge status={status as TrainingJobStatus} trans={trans} />
        {message ? (
          <span className="jp-mlstudio-secondary-status">{message}</span>
        ) : null}
        <span className="jp-mlstudio-spacer" />
        {running ? (
          <button
            type="button"
            className="jp-mlstudio-button jp-mod-styled jp-mod-warn jp-mlstudio-stop"
            disabled={!model.canStop}
            title={props.stopTitle}
            onClick={() => void stop()}
          >
            <stopIcon.react tag="span" className="jp-mlstudio-button-icon" />
            {model.isStopRequested || status === 'Stopping'
              ? trans.__('Stopping…')
              : trans.__('Stop')}
          </button>
        ) : null}
      </header>
      {model.stopError ? (
        <div className="jp-mlstudio-error jp-mlstudio-stop-error" role="alert">
          <div className="jp-mlstudio-error-heading">
            {trans.__('The job could not be stopped')}
          </div>
          <div className="jp-mlstudio-error-message">
            {model.stopError.message}
          </div>
        </div>
      ) : null}
    </>
  );
}

/** Why a job failed, as an alert; the server's reason verbatim. */
export function FailureReason(props: {
  reason: string | null | undefined;
  trans: TranslationBundle;
}): JSX.Element {
  const { reason, trans } = props;
  return (
    <div className="jp-mlstudio-failure" role="alert">
      <div className="jp-mlstudio-failure-heading">
        {trans.__('Failure reason')}
      </div>
      <pre className="jp-mlstudio-failure-reason">
        {reason || trans.__('The server gave no reason.')}
      </pre>
    </div>
  );
}

/** The live log of the host the model has chosen, with a picker of its hosts. */
export function JobLogSection(props: {
  model: JobDetailModel<unknown, never>;
  trans: TranslationBundle;
  /** Whether the job has ended: the log is complete, nothing is left to follow. */
  ended: boolean;
}): JSX.Element {
  const { model, trans, ended } = props;
  return (
    <section className="jp-mlstudio-job-section jp-mlstudio-job-logs">
      <h3 className="jp-mlstudio-subheading">{trans.__('Logs')}</h3>
      <LogView
        key={model.selectedHost}
        model={model.logs(model.selectedHost)}
        trans={trans}
        hosts={model.hosts}
        selectedHost={model.selectedHost}
        onSelectHost={host => {
          model.selectedHost = host;
        }}
        ended={ended}
      />
    </section>
  );
}
