import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useCallback } from 'react';

import { formatAge, formatDateTime } from '../format';
import { registryIcon } from '../icons';
import type { ExperimentListModel } from '../models/experiment-list-model';
import type { IExperiment } from '../tokens';
import { RequestErrorMessage } from './request-error-message';
import { useNow } from './use-now';
import { VirtualList } from './virtual-list';

/** Height of an experiment row, in pixels. */
export const EXPERIMENT_ROW_HEIGHT = 30;

/** Props of {@link ExperimentsList}. */
export interface IExperimentsListProps {
  model: ExperimentListModel;
  trans: TranslationBundle;
  onOpen: (experimentId: string) => void;
  onOpenRegistry: () => void;
  /** Start a notebook that logs runs; no button without it. */
  onNewNotebook?: () => void;
}

/** "2 experiments", "100+ experiments". */
export function experimentsSummary(
  model: ExperimentListModel,
  trans: TranslationBundle
): string {
  const count = model.experiments.length;
  return (
    trans._n('%1 experiment', '%1 experiments', count) +
    (model.hasMore ? '+' : '')
  );
}

/** Most experiment rows shown at once; a longer list scrolls. */
const VISIBLE_EXPERIMENT_ROWS = 10;

/** The Experiments section: each experiment with its run count; and the model registry. */
export function ExperimentsList(props: IExperimentsListProps): JSX.Element {
  const { model, trans, onOpen, onOpenRegistry, onNewNotebook } = props;
  const now = useNow(30_000);
  const experiments = model.experiments;
  const renderRow = useCallback(
    (index: number) => (
      <ExperimentRow
        experiment={experiments[index]}
        now={now}
        trans={trans}
        onOpen={onOpen}
      />
    ),
    [experiments, now, trans, onOpen]
  );

  let body: JSX.Element;
  if (!model.isLoaded) {
    body = <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>;
  } else if (experiments.length === 0 && !model.error) {
    body = (
      <div className="jp-mlstudio-empty jp-mlstudio-empty-state">
        {trans.__(
          'No experiments yet. Runs appear here when a notebook logs them (mlflow works as is) or a training job runs.'
        )}
        {onNewNotebook ? (
          <div>
            <button
              type="button"
              className="jp-mlstudio-button jp-mod-styled jp-mlstudio-new-notebook"
              onClick={onNewNotebook}
            >
              {trans.__('New experiment notebook')}
            </button>
          </div>
        ) : null}
      </div>
    );
  } else {
    body = (
      <div
        className="jp-mlstudio-list-frame"
        style={{
          height:
            Math.min(experiments.length, VISIBLE_EXPERIMENT_ROWS) *
              EXPERIMENT_ROW_HEIGHT +
            2
        }}
      >
        <VirtualList
          className="jp-mlstudio-experiments-list"
          count={experiments.length}
          rowHeight={EXPERIMENT_ROW_HEIGHT}
          renderRow={renderRow}
          ariaLabel={trans.__('Experiments')}
          overscan={5}
        />
      </div>
    );
  }
  return (
    <div className="jp-mlstudio-experiments">
      <div className="jp-mlstudio-experiments-header">
        <button
          type="button"
          className="jp-mlstudio-button jp-mod-styled jp-mlstudio-open-registry"
          onClick={onOpenRegistry}
          title={trans.__('Open the model registry')}
        >
          <registryIcon.react tag="span" className="jp-mlstudio-button-icon" />
          {trans.__('Model registry')}
        </button>
      </div>
      {model.error ? (
        <RequestErrorMessage
          error={model.error}
          trans={trans}
          stale={experiments.length > 0}
        />
      ) : null}
      {body}
    </div>
  );
}

function ExperimentRow(props: {
  experiment: IExperiment;
  now: number;
  trans: TranslationBundle;
  onOpen: (experimentId: string) => void;
}): JSX.Element {
  const { experiment, now, trans, onOpen } = props;
  const open = (): void => onOpen(experiment.experiment_id);
  const count = experiment.run_count ?? 0;
  return (
    <div
      className="jp-mlstudio-experiment-row"
      data-experiment-id={experiment.experiment_id}
      data-experiment-name={experiment.name}
      role="button"
      tabIndex={0}
      title={trans.__(
        '%1 (id %2)\nUpdated %3. Click to open its runs.',
        experiment.name,
        experiment.experiment_id,
        formatDateTime(experiment.last_update_time)
      )}
      onClick={open}
      onKeyDown={event => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          open();
        }
      }}
    >
      <span className="jp-mlstudio-experiment-name">{experiment.name}</span>
      <span className="jp-mlstudio-experiment-age">
        {formatAge(now - experiment.last_update_time)}
      </span>
      <span
        className="jp-mlstudio-run-count"
        title={trans._n('%1 run', '%1 runs', count)}
      >
        {count}
      </span>
    </div>
  );
}
