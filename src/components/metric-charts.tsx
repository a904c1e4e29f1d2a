import type { TranslationBundle } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import React from 'react';

import { formatMetricValue } from '../format';
import { valueRange } from '../models/metric-series';
import type { RunMetricsModel } from '../models/run-metrics-model';
import { LineChart } from './line-chart';
import { RequestErrorMessage } from './request-error-message';

/** Props of {@link MetricCharts}. */
export interface IMetricChartsProps {
  /** The run's metrics; null while the run is not known yet. */
  model: RunMetricsModel | null;
  /** Most points drawn per chart. */
  budget: number;
  trans: TranslationBundle;
}

/** One live line chart per metric of the job's run, with its last value and range. */
export function MetricCharts(props: IMetricChartsProps): JSX.Element {
  const { model, budget, trans } = props;
  if (!model) {
    return (
      <div className="jp-mlstudio-empty">
        {trans.__('The job has no run yet.')}
      </div>
    );
  }
  return (
    <UseSignal signal={model.changed}>
      {() => (
        <>
          {model.error ? (
            <RequestErrorMessage error={model.error} trans={trans} />
          ) : null}
          {model.keys.length === 0 ? (
            <div className="jp-mlstudio-empty">
              {model.isLoaded
                ? trans.__(
                    'No metrics yet. Metric definitions turn matching log lines into points.'
                  )
                : trans.__('Loading…')}
            </div>
          ) : (
            <div className="jp-mlstudio-charts">
              {model.keys.map(key => (
                <MetricCard
                  key={key}
                  metricKey={key}
                  model={model}
                  budget={budget}
                  trans={trans}
                />
              ))}
            </div>
          )}
        </>
      )}
    </UseSignal>
  );
}

function MetricCard(props: {
  metricKey: string;
  model: RunMetricsModel;
  budget: number;
  trans: TranslationBundle;
}): JSX.Element {
  const { metricKey, model, budget, trans } = props;
  const points = model.series(metricKey);
  const last = points[points.length - 1];
  const range = valueRange(points);
  const notFinite = points.filter(
    point => !Number.isFinite(point.value)
  ).length;
  return (
    <figure className="jp-mlstudio-metric" data-metric-key={metricKey}>
      <figcaption className="jp-mlstudio-metric-header">
        <span className="jp-mlstudio-metric-name">{metricKey}</span>
        <span className="jp-mlstudio-metric-last">
          {last ? formatMetricValue(last.value) : '–'}
        </span>
      </figcaption>
      <LineChart
        points={points}
        version={model.version(metricKey)}
        budget={budget}
        label={trans.__('%1 by step', metricKey)}
      />
      <div className="jp-mlstudio-metric-facts">
        <span>{trans._n('%1 point', '%1 points', points.length)}</span>
        {range ? (
          <span>
            {trans.__(
              'min %1 · max %2',
              formatMetricValue(range.min),
              formatMetricValue(range.max)
            )}
          </span>
        ) : null}
        {notFinite ? (
          <span className="jp-mlstudio-warning">
            {trans._n('%1 value not finite', '%1 values not finite', notFinite)}
          </span>
        ) : null}
        {model.isLoading(metricKey) ? (
          <span>{trans.__('reading…')}</span>
        ) : null}
      </div>
    </figure>
  );
}
