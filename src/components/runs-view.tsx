import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import type { RunTableModel } from '../models/run-table-model';
import type { IExperiment } from '../tokens';
import { ColumnPicker } from './column-picker';
import { RequestErrorMessage } from './request-error-message';
import { RunFilterBox } from './run-filter-box';
import { RunsTable } from './runs-table';
import { useNow } from './use-now';

/** Props of {@link RunsView}. */
export interface IRunsViewProps {
  model: RunTableModel;
  /** The experiment, once read (for its name and run count). */
  experiment: IExperiment | null;
  trans: TranslationBundle;
  onOpenRun: (runId: string) => void;
  /** Compare the selected runs. */
  onCompare: (runIds: readonly string[]) => void;
}

/**
 * An experiment's runs: the filter box, the column menu, what is loaded and selected,
 * the Compare button, and the virtualized table.
 */
export function RunsView(props: IRunsViewProps): JSX.Element {
  const { model, experiment, trans, onOpenRun, onCompare } = props;
  const now = useNow(5000);
  const selected = model.selection.size;
  const loaded = model.rows.length;
  const total =
    !model.filter.applied && experiment?.run_count !== null
      ? (experiment?.run_count ?? null)
      : null;

  let summary: string;
  if (!model.isLoaded) {
    summary = trans.__('Loading…');
  } else if (!model.hasMore) {
    summary = trans._n('%1 run', '%1 runs', loaded);
  } else if (total !== null) {
    summary = trans.__('%1 of %2 runs loaded', loaded, total);
  } else {
    summary = trans._n(
      '%1 run loaded, more as you scroll',
      '%1 runs loaded, more as you scroll',
      loaded
    );
  }

  return (
    <div
      className="jp-mlstudio-runs-view"
      data-experiment-id={model.experimentId}
      data-loading={model.isLoading}
    >
      <header className="jp-mlstudio-runs-view-header">
        <h2 className="jp-mlstudio-job-title">
          <span className="jp-mlstudio-title-kind">
            {trans.__('Experiment')}
          </span>{' '}
          {experiment?.name ?? model.experimentId}
        </h2>
        <span className="jp-mlstudio-summary jp-mlstudio-runs-summary">
          {summary}
        </span>
        {model.isLocalSort ? (
          <span
            className="jp-mlstudio-summary"
            title={trans.__('The server cannot sort by this column')}
          >
            {trans.__('sorted among the loaded runs')}
          </span>
        ) : null}
      </header>
      <RunFilterBox model={model} trans={trans} />
      <div className="jp-mlstudio-runs-toolbar">
        <ColumnPicker
          keys={model.keys}
          columns={model.columns}
          onChange={columns => model.setColumns(columns)}
          trans={trans}
        />
        <span className="jp-mlstudio-spacer" />
        <span className="jp-mlstudio-summary jp-mlstudio-selection-summary">
          {selected ? trans._n('%1 selected', '%1 selected', selected) : ''}
        </span>
        {selected ? (
          <button
            type="button"
            className="jp-mlstudio-button jp-mod-styled jp-mlstudio-clear-selection"
            onClick={() => model.selection.clear()}
          >
            {trans.__('Clear selection')}
          </button>
        ) : null}
        <button
          type="button"
          className="jp-mlstudio-button jp-mod-styled jp-mod-accept jp-mlstudio-compare"
          disabled={selected < 2}
          title={
            selected < 2
              ? trans.__('Select two or more runs to compare them')
              : trans.__('Compare the selected runs')
          }
          onClick={() => onCompare(model.selection.ids)}
        >
          {trans.__('Compare')}
        </button>
      </div>
      {model.error ? (
        <RequestErrorMessage
          error={model.error}
          trans={trans}
          stale={loaded > 0}
        />
      ) : null}
      {model.isLoaded && loaded === 0 && !model.error ? (
        <div className="jp-mlstudio-empty">
          {model.filter.applied
            ? trans.__('No run matches the filter. Clear it to see every run.')
            : trans.__(
                'No runs in this experiment yet. Runs appear here as a notebook or a training job logs them.'
              )}
        </div>
      ) : null}
      <RunsTable model={model} trans={trans} now={now} onOpenRun={onOpenRun} />
    </div>
  );
}
