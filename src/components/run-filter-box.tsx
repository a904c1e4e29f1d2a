import type { TranslationBundle } from '@jupyterlab/translation';
import { filterIcon } from '@jupyterlab/ui-components';
import React from 'react';

import { isFilterDirty } from '../models/run-filter';
import type { RunTableModel } from '../models/run-table-model';

/** An example of the syntax, shown in the empty box. */
export const FILTER_PLACEHOLDER =
  "metrics.accuracy > 0.9 and params.optimizer = 'adam'";

/**
 * The runs table's filter: MLflow's search syntax, applied with Enter. A filter the
 * server cannot parse leaves the rows as they were, and the server's explanation shows
 * under the box.
 */
export function RunFilterBox(props: {
  model: RunTableModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { model, trans } = props;
  const state = model.filter;
  const dirty = isFilterDirty(state);
  return (
    <div className="jp-mlstudio-run-filter">
      <form
        className="jp-mlstudio-run-filter-form"
        onSubmit={event => {
          event.preventDefault();
          void model.applyFilter();
        }}
      >
        <filterIcon.react tag="span" className="jp-mlstudio-button-icon" />
        <input
          type="text"
          className="jp-mlstudio-run-filter-input jp-mod-styled"
          value={state.draft}
          placeholder={FILTER_PLACEHOLDER}
          spellCheck={false}
          aria-label={trans.__('Filter runs (MLflow search syntax)')}
          aria-invalid={state.error !== null}
          onChange={event => model.editFilter(event.target.value)}
        />
        <button
          type="submit"
          className={`jp-mlstudio-button jp-mod-styled${dirty ? ' jp-mod-accept' : ''} jp-mlstudio-run-filter-apply`}
          disabled={state.pending !== null}
        >
          {trans.__('Apply')}
        </button>
        {state.applied || state.draft ? (
          <button
            type="button"
            className="jp-mlstudio-button jp-mod-styled jp-mlstudio-run-filter-clear"
            onClick={() => void model.clearFilter()}
          >
            {trans.__('Clear')}
          </button>
        ) : null}
      </form>
      {state.error ? (
        <div className="jp-mlstudio-filter-error" role="alert">
          {state.error}
        </div>
      ) : null}
    </div>
  );
}
