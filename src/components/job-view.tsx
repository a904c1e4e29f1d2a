import type { TranslationBundle } from '@jupyterlab/translation';
import { stopIcon, UseSignal } from '@jupyterlab/ui-components';
import React from 'react';

import { formatDateTime, formatDuration, parseTime } from '../format';
import { isTerminal, TrainingJobModel } from '../models/training-job-model';
import type { ITrainingJobDetail } from '../tokens';
import {
  Channels,
  FinalMetrics,
  Hyperparameters,
  Timeline
} from './job-details';
import { JobStatusBadge } from './job-status-badge';
import { LogView } from './log-view';
import { MetricCharts } from './metric-charts';
import { LoadingState } from './model-state';
import { RequestErrorMessage } from './request-error-message';
import { useNow } from './use-now';

/** Props of {@link JobView}. */
export interface IJobViewProps {
  model: TrainingJobModel;
  trans: TranslationBundle;
  /** Most points drawn per chart. */
  chartPointBudget: number;
  /** Open the experiment run the job records into; without it the run id is plain text. */
  onOpenRun?: (runId: string) => void;
  /** Ask before stopping; without it Stop stops at once. */
  confirmStop?: (name: string) => Promise<boolean>;
  /** Register the job's model in the model registry; without it there is no such button. */
  onRegisterModel?: (detail: ITrainingJobDetail) => void;
  /**
   * The URL that downloads the job's model (`model.tar.gz`) or output (`output.tar.gz`)
   * through the server; without it the artifacts are shown as URIs only.
   */
  downloadUrl?: (artifact: JobArtifact) => string;
}

/** What of a job can be downloaded. */
export type JobArtifact = 'model' | 'output';

/**
 * A training job: status and Stop, the failure reason, the status timeline, the
 * configuration, the artifacts, live metric charts and the live log of each host.
 */
export function JobView(props: IJobViewProps): JSX.Element {
  const { model, trans, chartPointBudget, onOpenRun } = props;
  const { confirmStop, onRegisterModel, downloadUrl } = props;
  return (
    <UseSignal signal={model.changed}>
      {() => {
        const detail = model.detail;
        if (!detail) {
          return (
            <div className="jp-mlstudio-job-view">
              <h2 className="jp-mlstudio-job-title">{model.name}</h2>
              <LoadingState error={model.error} trans={trans} />
            </div>
          );
        }
        return (
          <div
            className="jp-mlstudio-job-view"
            data-job-name={detail.training_job_name}
            data-status={detail.training_job_status}
          >
            <JobHeader
              model={model}
              detail={detail}
              trans={trans}
              confirmStop={confirmStop}
              onRegisterModel={onRegisterModel}
            />
            {model.error ? (
              <RequestErrorMessage error={model.error} trans={trans} stale />
            ) : null}
            {detail.training_job_status === 'Failed' ? (
              <div className="jp-mlstudio-failure" role="alert">
                <div className="jp-mlstudio-failure-heading">
                  {trans.__('Failure reason')}
                </div>
                <pre className="jp-mlstudio-failure-reason">
                  {detail.failure_reason ||
                    trans.__('The server gave no reason.')}
                </pre>
              </div>
            ) : null}
            <div className="jp-mlstudio-job-columns">
              <div className="jp-mlstudio-job-main">
                <section className="jp-mlstudio-job-section jp-mlstudio-job-metrics">
                  <h3 className="jp-mlstudio-subheading">
                    {trans.__('Metrics')}
                  </h3>
                  <FinalMetrics detail={detail} />
                  <MetricCharts
                    model={model.metrics}
                    budget={chartPointBudget}
                    trans={trans}
                    emptyMessage={trans.__(
                      'No metrics yet. Metric definitions turn matching log lines into points.'
                    )}
                    noRunMessage={trans.__('The job has no run yet.')}
                  />
                </section>
                <section className="jp-mlstudio-job-section jp-mlstudio-job-logs">
                  <h3 className="jp-mlstudio-subheading">{trans.__('Logs')}</h3>
                  <LogView
                    key={model.selectedHost}
                    model={model.logs(model.selectedHost)}
                    trans={trans}
                    hosts={detail.hosts}
                    selectedHost={model.selectedHost}
                    onSelectHost={host => {
                      model.selectedHost = host;
                    }}
                    ended={isTerminal(detail.training_job_status)}
                  />
                </section>
              </div>
              <div className="jp-mlstudio-job-side">
                <section className="jp-mlstudio-job-section">
                  <h3 className="jp-mlstudio-subheading">
                    {trans.__('Status timeline')}
                  </h3>
                  <Timeline
                    transitions={detail.secondary_status_transitions}
                    ended={isTerminal(detail.training_job_status)}
                    trans={trans}
                  />
                </section>
                <Overview detail={detail} trans={trans} onOpenRun={onOpenRun} />
                <Artifacts
                  detail={detail}
                  trans={trans}
                  downloadUrl={downloadUrl}
                />
                <Hyperparameters detail={detail} trans={trans} />
                <Channels detail={detail} trans={trans} />
              </div>
            </div>
          </div>
        );
      }}
    </UseSignal>
  );
}

function JobHeader(props: {
  model: TrainingJobModel;
  detail: ITrainingJobDetail;
  trans: TranslationBundle;
  confirmStop?: (name: string) => Promise<boolean>;
  onRegisterModel?: (detail: ITrainingJobDetail) => void;
}): JSX.Element {
  const { model, detail, trans, confirmStop, onRegisterModel } = props;
  const status = detail.training_job_status;
  const running = status === 'InProgress' || status === 'Stopping';
  // The secondary status repeats the status once the job has ended ("Completed").
  const secondary =
    detail.secondary_status && detail.secondary_status !== status
      ? detail.secondary_status
      : null;
  const stop = async (): Promise<void> => {
    if (confirmStop && !(await confirmStop(detail.training_job_name))) {
      return;
    }
    await model.stop();
  };
  return (
    <>
      <header className="jp-mlstudio-job-header">
        <h2 className="jp-mlstudio-job-title" title={detail.training_job_arn}>
          <span className="jp-mlstudio-title-kind">{trans.__('Job')}</span>{' '}
          {detail.training_job_name}
        </h2>
        <JobStatusBadge status={status} trans={trans} />
        {secondary ? (
          <span className="jp-mlstudio-secondary-status">{secondary}</span>
        ) : null}
        <span className="jp-mlstudio-spacer" />
        {onRegisterModel &&
        status === 'Completed' &&
        detail.model_artifacts?.s3_model_artifacts ? (
          <button
            type="button"
            className="jp-mlstudio-button jp-mod-styled jp-mod-accept jp-mlstudio-register-model"
            title={trans.__(
              "Register the job's model in the model registry, as a new version"
            )}
            onClick={() => onRegisterModel(detail)}
          >
            {trans.__('Register model')}
          </button>
        ) : null}
        {running ? (
          <button
            type="button"
            className="jp-mlstudio-button jp-mod-styled jp-mod-warn jp-mlstudio-stop"
            disabled={!model.canStop}
            title={trans.__(
              'Stop the job: its processes get SIGTERM, then SIGKILL'
            )}
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

function Overview(props: {
  detail: ITrainingJobDetail;
  trans: TranslationBundle;
  onOpenRun?: (runId: string) => void;
}): JSX.Element {
  const { detail, trans, onOpenRun } = props;
  const resources = detail.resource_config;
  const started = parseTime(detail.training_start_time);
  const ended = parseTime(detail.training_end_time);
  const now = useNow(isTerminal(detail.training_job_status) ? 3_600_000 : 1000);
  return (
    <section className="jp-mlstudio-job-section">
      <h3 className="jp-mlstudio-subheading">{trans.__('Overview')}</h3>
      <dl className="jp-mlstudio-facts jp-mlstudio-job-facts">
        <dt>{trans.__('Instances')}</dt>
        <dd className="jp-mlstudio-job-instances">
          {resources.instance_count > 1
            ? trans.__(
                '%1 × %2',
                resources.instance_count,
                resources.instance_type
              )
            : resources.instance_type}
        </dd>
        <dt>{trans.__('Image')}</dt>
        <dd className="jp-mlstudio-uri">
          {detail.algorithm_specification.training_image}
        </dd>
        <dt>{trans.__('Backend')}</dt>
        <dd className="jp-mlstudio-job-backend">{detail.backend}</dd>
        <dt>{trans.__('Created')}</dt>
        <dd data-fact="created">
          {formatDateTime(parseTime(detail.creation_time))}
        </dd>
        <dt>{trans.__('Training time')}</dt>
        <dd className="jp-mlstudio-job-training-time" data-fact="training-time">
          {Number.isFinite(started)
            ? formatDuration((Number.isFinite(ended) ? ended : now) - started)
            : '–'}
        </dd>
        <dt>{trans.__('Max runtime')}</dt>
        <dd>
          {formatDuration(
            detail.stopping_condition.max_runtime_in_seconds * 1000
          )}
        </dd>
        {detail.run_id ? (
          <>
            <dt>{trans.__('Run')}</dt>
            <dd className="jp-mlstudio-uri jp-mlstudio-job-run" data-fact="run">
              {onOpenRun ? (
                <button
                  type="button"
                  className="jp-mlstudio-link"
                  title={trans.__(
                    "Open the run's metrics, params and artifacts"
                  )}
                  onClick={() => onOpenRun(detail.run_id!)}
                >
                  {detail.run_id}
                </button>
              ) : (
                detail.run_id
              )}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

function Artifacts(props: {
  detail: ITrainingJobDetail;
  trans: TranslationBundle;
  downloadUrl?: (artifact: JobArtifact) => string;
}): JSX.Element {
  const { detail, trans, downloadUrl } = props;
  const model = detail.model_artifacts?.s3_model_artifacts ?? null;
  const ended = isTerminal(detail.training_job_status);
  return (
    <section className="jp-mlstudio-job-section jp-mlstudio-job-artifacts">
      <h3 className="jp-mlstudio-subheading">{trans.__('Artifacts')}</h3>
      <dl className="jp-mlstudio-facts">
        <dt>{trans.__('Model')}</dt>
        <dd className="jp-mlstudio-model-artifacts">
          {model ? (
            <>
              {downloadUrl && detail.downloads.includes('model') ? (
                <a
                  className="jp-mlstudio-download"
                  href={downloadUrl('model')}
                  download="model.tar.gz"
                  title={trans.__('Download %1 through the server', model)}
                >
                  {trans.__('Download model.tar.gz')}
                </a>
              ) : null}
              <div className="jp-mlstudio-uri" title={model}>
                {model}
              </div>
            </>
          ) : ended ? (
            trans.__('none')
          ) : (
            trans.__('when the job completes')
          )}
        </dd>
        {downloadUrl && detail.downloads.includes('output') ? (
          <>
            <dt>{trans.__('Output')}</dt>
            <dd>
              <a
                className="jp-mlstudio-download jp-mlstudio-output-download"
                href={downloadUrl('output')}
                download="output.tar.gz"
                title={trans.__(
                  'Download what the job wrote to /opt/ml/output/data, if anything'
                )}
              >
                {trans.__('Download output.tar.gz')}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{trans.__('Output path')}</dt>
        <dd className="jp-mlstudio-uri jp-mlstudio-output-path">
          {detail.output_data_config.s3_output_path}
        </dd>
      </dl>
    </section>
  );
}
