import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';

import { asRequestError, MLStudioRequestError } from '../request';
import type { ITrainingJobDetail } from '../tokens';
import {
  IRangeRow,
  ITuneFormValues,
  tuneFormErrors,
  tuneFormFromJob
} from '../models/tune-form';
import { RequestErrorMessage } from './request-error-message';

/** Props of {@link TuneForm}. */
export interface ITuneFormProps {
  job: ITrainingJobDetail;
  trans: TranslationBundle;
  /** Create the tuning job; a rejection is shown above the button. */
  onSubmit: (values: ITuneFormValues) => Promise<void>;
}

/**
 * A tuning job from a training job: its hyperparameters, each kept or searched over a range,
 * its metrics as the objective, and the search's strategy and limits.
 */
export function TuneForm(props: ITuneFormProps): JSX.Element {
  const { job, trans, onSubmit } = props;
  const [values, setValues] = useState(() => tuneFormFromJob(job));
  const [failure, setFailure] = useState<MLStudioRequestError | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = tuneFormErrors(values);
  const metrics = job.algorithm_specification.metric_definitions ?? [];
  const set = (change: Partial<ITuneFormValues>): void =>
    setValues(current => ({ ...current, ...change }));
  const setRow = (index: number, change: Partial<IRangeRow>): void =>
    setValues(current => ({
      ...current,
      ranges: current.ranges.map((row, i) =>
        i === index ? { ...row, ...change } : row
      )
    }));
  const submit = async (): Promise<void> => {
    setBusy(true);
    try {
      await onSubmit(values);
      setFailure(null);
    } catch (reason) {
      setFailure(asRequestError(reason));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="jp-mlstudio-tune-form"
      onSubmit={event => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 className="jp-mlstudio-job-title">
        {trans.__('Tune %1', job.training_job_name)}
      </h2>
      <label className="jp-mlstudio-field">
        <span>{trans.__('Tuning job name')}</span>
        <input
          className="jp-mod-styled"
          name="name"
          value={values.name}
          onChange={event => set({ name: event.target.value })}
        />
        {errors.name ? <Problem text={errors.name} /> : null}
      </label>
      <div className="jp-mlstudio-tune-objective">
        <label className="jp-mlstudio-field">
          <span>{trans.__('Objective')}</span>
          <select
            className="jp-mod-styled"
            name="objective"
            value={values.objective}
            onChange={event => set({ objective: event.target.value })}
          >
            {metrics.map(metric => (
              <option key={metric.name} value={metric.name}>
                {metric.name}
              </option>
            ))}
          </select>
          {errors.objective ? <Problem text={errors.objective} /> : null}
        </label>
        <label className="jp-mlstudio-field">
          <span>{trans.__('Goal')}</span>
          <select
            className="jp-mod-styled"
            name="objectiveType"
            value={values.objectiveType}
            onChange={event =>
              set({
                objectiveType: event.target
                  .value as ITuneFormValues['objectiveType']
              })
            }
          >
            <option value="Maximize">{trans.__('Maximize')}</option>
            <option value="Minimize">{trans.__('Minimize')}</option>
          </select>
        </label>
        <label className="jp-mlstudio-field">
          <span>{trans.__('Strategy')}</span>
          <select
            className="jp-mod-styled"
            name="strategy"
            value={values.strategy}
            onChange={event =>
              set({
                strategy: event.target.value as ITuneFormValues['strategy']
              })
            }
          >
            {['Bayesian', 'Random', 'Grid', 'Hyperband'].map(strategy => (
              <option key={strategy} value={strategy}>
                {strategy}
              </option>
            ))}
          </select>
        </label>
        <label className="jp-mlstudio-field">
          <span>{trans.__('Trials')}</span>
          <input
            className="jp-mod-styled"
            type="number"
            min={1}
            name="maxJobs"
            value={values.maxJobs}
            disabled={values.strategy === 'Grid'}
            onChange={event => set({ maxJobs: Number(event.target.value) })}
          />
        </label>
        <label className="jp-mlstudio-field">
          <span>{trans.__('In parallel')}</span>
          <input
            className="jp-mod-styled"
            type="number"
            min={1}
            name="maxParallel"
            value={values.maxParallel}
            onChange={event => set({ maxParallel: Number(event.target.value) })}
          />
        </label>
        <label className="jp-mlstudio-checkbox">
          <input
            type="checkbox"
            name="earlyStopping"
            checked={values.earlyStopping}
            onChange={event => set({ earlyStopping: event.target.checked })}
          />
          {trans.__('Stop weak trials early')}
        </label>
        {errors.limits ? <Problem text={errors.limits} /> : null}
      </div>
      <table className="jp-mlstudio-table jp-mlstudio-tune-ranges">
        <thead>
          <tr>
            <th>{trans.__('Tune')}</th>
            <th>{trans.__('Hyperparameter')}</th>
            <th>{trans.__('Kind')}</th>
            <th>{trans.__('Range or values')}</th>
            <th>{trans.__('Scale')}</th>
          </tr>
        </thead>
        <tbody>
          {values.ranges.map((row, index) => (
            <RangeEditor
              key={row.name}
              row={row}
              error={row.tune ? errors[row.name] : undefined}
              trans={trans}
              onChange={change => setRow(index, change)}
            />
          ))}
        </tbody>
      </table>
      {errors.ranges ? <Problem text={errors.ranges} /> : null}
      {failure ? <RequestErrorMessage error={failure} trans={trans} /> : null}
      <button
        type="submit"
        className="jp-mlstudio-button jp-mod-styled jp-mod-accept jp-mlstudio-tune-submit"
        disabled={busy || Object.keys(errors).length > 0}
      >
        {trans.__('Create tuning job')}
      </button>
    </form>
  );
}

function Problem(props: { text: string }): JSX.Element {
  return (
    <span className="jp-mlstudio-field-error" role="alert">
      {props.text}
    </span>
  );
}

function RangeEditor(props: {
  row: IRangeRow;
  error?: string;
  trans: TranslationBundle;
  onChange: (change: Partial<IRangeRow>) => void;
}): JSX.Element {
  const { row, error, trans, onChange } = props;
  return (
    <tr data-hyperparameter={row.name}>
      <td>
        <input
          type="checkbox"
          aria-label={trans.__('Tune %1', row.name)}
          checked={row.tune}
          onChange={event => onChange({ tune: event.target.checked })}
        />
      </td>
      <td title={trans.__('The job ran with %1', row.value)}>{row.name}</td>
      <td>
        <select
          className="jp-mod-styled"
          value={row.kind}
          disabled={!row.tune}
          onChange={event =>
            onChange({ kind: event.target.value as IRangeRow['kind'] })
          }
        >
          <option value="continuous">{trans.__('continuous')}</option>
          <option value="integer">{trans.__('integer')}</option>
          <option value="categorical">{trans.__('categorical')}</option>
        </select>
      </td>
      <td>
        {row.kind === 'categorical' ? (
          <input
            className="jp-mod-styled"
            aria-label={trans.__('Values of %1', row.name)}
            value={row.values}
            disabled={!row.tune}
            onChange={event => onChange({ values: event.target.value })}
          />
        ) : (
          <>
            <input
              className="jp-mod-styled jp-mlstudio-range-bound"
              aria-label={trans.__('Minimum of %1', row.name)}
              value={row.min}
              disabled={!row.tune}
              onChange={event => onChange({ min: event.target.value })}
            />
            {' – '}
            <input
              className="jp-mod-styled jp-mlstudio-range-bound"
              aria-label={trans.__('Maximum of %1', row.name)}
              value={row.max}
              disabled={!row.tune}
              onChange={event => onChange({ max: event.target.value })}
            />
          </>
        )}
        {error ? <Problem text={error} /> : null}
      </td>
      <td>
        {row.kind === 'categorical' ? null : (
          <select
            className="jp-mod-styled"
            value={row.scaling}
            disabled={!row.tune}
            onChange={event =>
              onChange({ scaling: event.target.value as IRangeRow['scaling'] })
            }
          >
            <option value="Auto">{trans.__('Auto')}</option>
            <option value="Linear">{trans.__('Linear')}</option>
            <option value="Logarithmic">{trans.__('Logarithmic')}</option>
            {row.kind === 'continuous' ? (
              <option value="ReverseLogarithmic">
                {trans.__('Reverse logarithmic')}
              </option>
            ) : null}
          </select>
        )}
      </td>
    </tr>
  );
}
