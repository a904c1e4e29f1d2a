import type { TranslationBundle } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import React from 'react';

import type { IArtifactContent } from '../api/runs';
import { formatDateTime, formatDuration } from '../format';
import { jobOfRun, RunModel } from '../models/run-model';
import type { IRun } from '../tokens';
import { ArtifactBrowser } from './artifact-browser';
import { RequestErrorMessage } from './request-error-message';
import {
  KeyValueTable,
  LatestMetricsTable,
  RunModelVersions
} from './run-details';
import { MetricCharts } from './metric-charts';
import { LoadingState } from './model-state';
import { RunStatusBadge } from './run-status-badge';
import { RunTraces } from './run-traces';
import { useNow } from './use-now';

/** Props of {@link RunView}. */
export interface IRunViewProps {
  model: RunModel;
  trans: TranslationBundle;
  /** Most points drawn per chart. */
  budget: number;
  readArtifact: (path: string, limit: number) => Promise<IArtifactContent>;
  downloadArtifact: (path: string) => void;
  onOpenJob: (name: string) => void;
  onOpenExperiment: (experimentId: string) => void;
  onOpenModel: (name: string) => void;
  /** Register a model from the run (a dialog); without it there is no such button. */
  onRegisterModel?: () => void;
}

/**
 * A run: status and links (its experiment, the training job that made it), metric
 * curves, artifacts with previews, and its params, latest metrics, tags and models.
 */
export function RunView(props: IRunViewProps): JSX.Element {
  const { model, trans } = props;
  return (
    <UseSignal signal={model.changed}>
      {() => {
        const run = model.run;
        if (!run) {
          return (
            <div className="jp-mlstudio-run-view">
              <h2 className="jp-mlstudio-job-title">{model.runId}</h2>
              <LoadingState error={model.error} trans={trans} />
            </div>
          );
        }
        return <RunBody {...props} run={run} />;
      }}
    </UseSignal>
  );
}

function RunBody(props: IRunViewProps & { run: IRun }): JSX.Element {
  const { model, run, trans, budget } = props;
  const job = jobOfRun(run);
  const now = useNow(run.status === 'RUNNING' ? 1000 : 3_600_000);
  const tags = Object.entries(run.tags).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div
      className="jp-mlstudio-run-view"
      data-run-id={run.run_id}
      data-status={run.status}
    >
      <header className="jp-mlstudio-job-header">
        <h2 className="jp-mlstudio-job-title" title={run.run_id}>
          <span className="jp-mlstudio-title-kind">{trans.__('Run')}</span>{' '}
          {run.name}
        </h2>
        <RunStatusBadge status={run.status} trans={trans} />
        <span className="jp-mlstudio-spacer" />
        {props.onRegisterModel && run.status === 'FINISHED' ? (
          <button
            type="button"
            className="jp-mlstudio-button jp-mod-styled jp-mod-accept jp-mlstudio-register-model"
            title={trans.__(
              "Register one of the run's artifacts as a version of a registered model"
            )}
            onClick={props.onRegisterModel}
          >
            {trans.__('Register model')}
          </button>
        ) : null}
        {job ? (
          <button
            type="button"
            className="jp-mlstudio-button jp-mod-styled jp-mlstudio-open-job"
            data-job-name={job}
            title={trans.__('Open the training job that made this run')}
            onClick={() => props.onOpenJob(job)}
          >
            {trans.__('Training job %1', job)}
          </button>
        ) : null}
        <button
          type="button"
          className="jp-mlstudio-button jp-mod-styled jp-mlstudio-open-experiment"
          onClick={() => props.onOpenExperiment(run.experiment_id)}
        >
          {trans.__('Experiment runs')}
        </button>
      </header>
      {model.error ? (
        <RequestErrorMessage error={model.error} trans={trans} stale />
      ) : null}
      <div className="jp-mlstudio-job-columns">
        <div className="jp-mlstudio-job-main">
          <section className="jp-mlstudio-job-section jp-mlstudio-run-metrics">
            <h3 className="jp-mlstudio-subheading">{trans.__('Metrics')}</h3>
            <MetricCharts
              model={model.metrics}
              budget={budget}
              trans={trans}
              emptyMessage={trans.__('No metrics logged.')}
            />
          </section>
          <RunTraces runId={run.run_id} trans={trans} />
          <section className="jp-mlstudio-job-section jp-mlstudio-run-artifacts">
            <h3 className="jp-mlstudio-subheading">{trans.__('Artifacts')}</h3>
            <ArtifactBrowser
              model={model.artifacts}
              read={props.readArtifact}
              download={props.downloadArtifact}
              trans={trans}
            />
          </section>
        </div>
        <div className="jp-mlstudio-job-side">
          <section className="jp-mlstudio-job-section">
            <h3 className="jp-mlstudio-subheading">{trans.__('Overview')}</h3>
            <dl className="jp-mlstudio-facts">
              <dt>{trans.__('Run id')}</dt>
              <dd className="jp-mlstudio-uri" data-fact="run-id">
                {run.run_id}
              </dd>
              <dt>{trans.__('User')}</dt>
              <dd data-fact="user">{run.user_id}</dd>
              <dt>{trans.__('Started')}</dt>
              <dd data-fact="started">{formatDateTime(run.start_time)}</dd>
              <dt>{trans.__('Duration')}</dt>
              <dd data-fact="duration">
                {formatDuration((run.end_time ?? now) - run.start_time)}
              </dd>
              <dt>{trans.__('Artifacts')}</dt>
              <dd className="jp-mlstudio-uri" data-fact="artifact-uri">
                {run.artifact_uri}
              </dd>
            </dl>
          </section>
          <section className="jp-mlstudio-job-section">
            <h3 className="jp-mlstudio-subheading">
              {trans.__('Latest metrics')}
            </h3>
            <LatestMetricsTable run={run} trans={trans} />
          </section>
          <section className="jp-mlstudio-job-section">
            <h3 className="jp-mlstudio-subheading">{trans.__('Parameters')}</h3>
            <KeyValueTable
              entries={Object.entries(run.params).sort(([a], [b]) =>
                a.localeCompare(b)
              )}
              className="jp-mlstudio-run-params"
              trans={trans}
            />
          </section>
          <section className="jp-mlstudio-job-section">
            <h3 className="jp-mlstudio-subheading">
              {trans.__('Registered models')}
            </h3>
            <RunModelVersions
              versions={model.modelVersions}
              onOpenModel={props.onOpenModel}
              trans={trans}
            />
          </section>
          <section className="jp-mlstudio-job-section">
            <h3 className="jp-mlstudio-subheading">{trans.__('Tags')}</h3>
            <KeyValueTable
              entries={tags}
              className="jp-mlstudio-run-tags"
              trans={trans}
            />
          </section>
        </div>
      </div>
    </div>
  );
}
