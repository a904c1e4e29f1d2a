import type { TranslationBundle } from '@jupyterlab/translation';
import { stopIcon, UseSignal } from '@jupyterlab/ui-components';
import React, { useMemo } from 'react';

import { RUN_COLORS } from '../chart/colors';
import { buildParallelCoordinates } from '../chart/parallel-coordinates';
import { bestTrial, objectiveSeries, trialsAsRuns } from '../chart/tuning';
import { formatDuration, formatMetricValue } from '../format';
import type { TuningJobModel } from '../models/tuning-models';
import type { TrainingJobStatus } from '../tokens';
import type {
  IImportances,
  ITrialTable,
  ITuningJobDetail
} from '../tuning-types';
import { JobStatusBadge } from './job-status-badge';
import { LoadingState } from './model-state';
import { MultiLineChart } from './multi-line-chart';
import { ParallelCoordinatesChart } from './parallel-coordinates-chart';
import { RequestErrorMessage } from './request-error-message';

/** Props of {@link TuningView}. */
export interface ITuningViewProps {
  model: TuningJobModel;
  trans: TranslationBundle;
  chartPointBudget: number;
  /** Open a trial's training job. */
  onOpenJob?: (name: string) => void;
  /** Open a trial's experiment run. */
  onOpenRun?: (runId: string) => void;
}

/**
 * A tuning job, live while it runs: progress and the best trial, the objective by trial
 * with the best-so-far line, parameters against the objective, parameter importances and
 * every trial, with a Stop button.
 */
export function TuningView(props: ITuningViewProps): JSX.Element {
  return (
    <UseSignal signal={props.model.changed}>
      {() => <TuningBody {...props} />}
    </UseSignal>
  );
}

function TuningBody(props: ITuningViewProps): JSX.Element {
  const { model, trans } = props;
  const detail = model.detail;
  const table = model.trials;
  if (!detail || !table) {
    return (
      <div className="jp-mlstudio-tuning-view">
        <h2 className="jp-mlstudio-job-title">{model.name}</h2>
        <LoadingState error={model.error} trans={trans} />
      </div>
    );
  }
  return (
    <div
      className="jp-mlstudio-tuning-view"
      data-status={detail.hyper_parameter_tuning_job_status}
    >
      {model.error ? (
        <RequestErrorMessage error={model.error} trans={trans} stale />
      ) : null}
      <TuningHeader model={model} detail={detail} table={table} trans={trans} />
      {detail.failure_reason ? (
        <div className="jp-mlstudio-failure" role="alert">
          <div className="jp-mlstudio-failure-heading">
            {trans.__('Failure reason')}
          </div>
          <pre className="jp-mlstudio-failure-reason">
            {detail.failure_reason}
          </pre>
        </div>
      ) : null}
      <TuningCharts {...props} table={table} />
      <Importances importances={model.importances} trans={trans} />
      <TrialsTable {...props} table={table} />
    </div>
  );
}

function TuningHeader(props: {
  model: TuningJobModel;
  detail: ITuningJobDetail;
  table: ITrialTable;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, detail, table, trans } = props;
  const counters = detail.training_job_status_counters;
  const maximize = table.objective_type === 'Maximize';
  const best = bestTrial(table.trials, maximize);
  const status = detail.hyper_parameter_tuning_job_status;
  return (
    <>
      <header className="jp-mlstudio-job-header">
        <h2
          className="jp-mlstudio-job-title"
          title={detail.hyper_parameter_tuning_job_arn}
        >
          {detail.hyper_parameter_tuning_job_name}
        </h2>
        <JobStatusBadge status={status as TrainingJobStatus} trans={trans} />
        <span className="jp-mlstudio-tuning-progress">
          {trans.__(
            '%1 of %2 trials done, %3 running, %4 stopped early',
            counters.completed +
              counters.non_retryable_error +
              counters.retryable_error,
            detail.max_trials,
            counters.in_progress,
            counters.stopped
          )}
        </span>
        <span className="jp-mlstudio-spacer" />
        <button
          type="button"
          className="jp-mlstudio-button jp-mod-styled jp-mod-warn jp-mlstudio-stop"
          disabled={status !== 'InProgress'}
          title={
            status === 'InProgress'
              ? trans.__('Stop the tuning job and its running trials')
              : trans.__('Only a tuning job in progress can be stopped')
          }
          onClick={() => void model.stop()}
        >
          <stopIcon.react tag="span" className="jp-mlstudio-button-icon" />
          {status === 'Stopping' ? trans.__('Stopping…') : trans.__('Stop')}
        </button>
      </header>
      <div className="jp-mlstudio-tuning-best">
        {best
          ? trans.__(
              'Best so far: %1 = %2 (%3)',
              table.objective_metric,
              formatMetricValue(best.objective as number),
              best.training_job_name
            )
          : trans.__('No trial has reported %1 yet', table.objective_metric)}
      </div>
      {model.stopError ? (
        <div className="jp-mlstudio-error jp-mlstudio-stop-error" role="alert">
          <div className="jp-mlstudio-error-heading">
            {trans.__('The tuning job could not be stopped')}
          </div>
          <div className="jp-mlstudio-error-message">
            {model.stopError.message}
          </div>
        </div>
      ) : null}
    </>
  );
}

function TuningCharts(
  props: ITuningViewProps & { table: ITrialTable }
): JSX.Element {
  const { model, table, trans, chartPointBudget, onOpenRun } = props;
  const maximize = table.objective_type === 'Maximize';
  const version = model.version;
  const curves = useMemo(() => {
    const series = objectiveSeries(table.trials, maximize);
    return [
      {
        id: 'objective',
        name: table.objective_metric,
        color: RUN_COLORS[0],
        points: series.objective
      },
      {
        id: 'best',
        name: trans.__('best so far'),
        color: RUN_COLORS[1],
        points: series.bestSoFar
      }
    ];
  }, [version]);
  const parallel = useMemo(
    () =>
      buildParallelCoordinates(
        trialsAsRuns(table),
        table.parameters.map(parameter => parameter.name),
        table.objective_metric
      ),
    [version]
  );
  const scored = curves[0].points.length;
  return (
    <div className="jp-mlstudio-tuning-charts">
      <section className="jp-mlstudio-job-section jp-mlstudio-tuning-objective">
        <h3 className="jp-mlstudio-subheading">
          {trans.__(
            '%1 by trial, with the best so far',
            table.objective_metric
          )}
        </h3>
        {scored ? (
          <MultiLineChart
            curves={curves}
            version={version}
            budget={chartPointBudget}
            xIsTime={false}
            label={trans.__('%1 by trial', table.objective_metric)}
          />
        ) : (
          <div className="jp-mlstudio-empty">{trans.__('No values yet.')}</div>
        )}
      </section>
      <section className="jp-mlstudio-job-section jp-mlstudio-tuning-parallel">
        <h3 className="jp-mlstudio-subheading">
          {trans.__('Parameters against %1', table.objective_metric)}
        </h3>
        {table.trials.length ? (
          <ParallelCoordinatesChart
            data={parallel}
            label={trans.__('Parameters against the objective')}
            onOpenRun={onOpenRun}
          />
        ) : (
          <div className="jp-mlstudio-empty">{trans.__('No trials yet.')}</div>
        )}
      </section>
    </div>
  );
}

function Importances(props: {
  importances: IImportances | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { importances, trans } = props;
  const entries = Object.entries(importances?.importances ?? {}).sort(
    (a, b) => b[1] - a[1]
  );
  return (
    <section className="jp-mlstudio-job-section jp-mlstudio-tuning-importances">
      <h3 className="jp-mlstudio-subheading">
        {trans.__('Parameter importances')}
      </h3>
      {entries.length === 0 ? (
        <div className="jp-mlstudio-empty">
          {trans.__(
            'Shown once enough trials have completed (%1 so far).',
            importances?.completed_trials ?? 0
          )}
        </div>
      ) : (
        <table className="jp-mlstudio-table">
          <tbody>
            {entries.map(([name, share]) => (
              <tr key={name} data-parameter={name}>
                <th scope="row">{name}</th>
                <td className="jp-mlstudio-importance">
                  <span
                    className="jp-mlstudio-importance-bar"
                    style={{ width: `${Math.round(share * 100)}%` }}
                  />
                  <span>{`${(share * 100).toFixed(1)} %`}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function TrialsTable(
  props: ITuningViewProps & { table: ITrialTable }
): JSX.Element {
  const { table, trans, onOpenJob, onOpenRun } = props;
  const names = table.parameters.map(parameter => parameter.name);
  return (
    <section className="jp-mlstudio-job-section jp-mlstudio-tuning-trials">
      <h3 className="jp-mlstudio-subheading">{trans.__('Trials')}</h3>
      <table className="jp-mlstudio-table jp-mlstudio-trials-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{trans.__('Training job')}</th>
            <th>{trans.__('Status')}</th>
            <th>{table.objective_metric}</th>
            {names.map(name => (
              <th key={name}>{name}</th>
            ))}
            <th>{trans.__('Duration')}</th>
            <th>{trans.__('Run')}</th>
            <th>{trans.__('Reason')}</th>
          </tr>
        </thead>
        <tbody>
          {table.trials.map(trial => (
            <tr
              key={trial.training_job_name}
              data-trial={trial.number}
              data-status={trial.status}
            >
              <td>{trial.number}</td>
              <td>
                {onOpenJob ? (
                  <button
                    type="button"
                    className="jp-mlstudio-link"
                    onClick={() => onOpenJob(trial.training_job_name)}
                  >
                    {trial.training_job_name}
                  </button>
                ) : (
                  trial.training_job_name
                )}
              </td>
              <td>
                <JobStatusBadge
                  status={trial.status as TrainingJobStatus}
                  trans={trans}
                />
              </td>
              <td className="jp-mlstudio-trial-objective">
                {typeof trial.objective === 'number'
                  ? formatMetricValue(trial.objective)
                  : '–'}
              </td>
              {names.map(name => (
                <td key={name}>{trial.hyperparameters[name] ?? '–'}</td>
              ))}
              <td>
                {typeof trial.duration_seconds === 'number'
                  ? formatDuration(trial.duration_seconds * 1000)
                  : '–'}
              </td>
              <td>
                {trial.run_id && onOpenRun ? (
                  <button
                    type="button"
                    className="jp-mlstudio-link"
                    onClick={() => onOpenRun(trial.run_id as string)}
                  >
                    {trans.__('run')}
                  </button>
                ) : (
                  '–'
                )}
              </td>
              <td className="jp-mlstudio-trial-reason">{trial.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
