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
  /** The run's metrics; null while there is no run yet (a job that has not made one). */
  model: RunMetricsModel | null;
  /** Most points drawn per chart. */
  budget: number;
  trans: TranslationBundle;
  /** What to say once the run is read and has no metric. */
  emptyMessage: string;
  /** What to say while there is no run. */
  noRunMessage?: string;
}

/**
 * A live line chart per metric of a run (a job's, or any), with its last value, range and
 * point count. Long series may arrive downsampled by the server (keeping extremes), which
 * the card says, with a button to read every point.
 */
export function MetricCharts(props: IMetricChartsProps): JSX.Element {
  const { model, budget, trans, emptyMessage, noRunMessage } = props;
  if (!model) {
    return <div className="jp-mlstudio-empty">{noRunMessage ?? ''}</div>;
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
              {model.isLoaded ? emptyMessage : trans.__('Loading…')}
            </div>
          ) : (
            <div className="jp-mlstudio-charts">
              {singlesFirst(model).map(key => (
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

/** The metric keys, those logged once first (their cards are small, above the charts). */
function singlesFirst(model: RunMetricsModel): string[] {
  const single = (key: string): boolean => model.total(key) === 1;
  return [
    ...model.keys.filter(single),
    ...model.keys.filter(key => !single(key))
  ];
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
  const total = model.total(metricKey);
  const downsampled = model.isDownsampled(metricKey);
  const loading = model.isLoading(metricKey);
  if (points.length === 1 && total <= 1 && !loading) {
    // A value logged once (a final accuracy): a chart of one dot says nothing more.
    return (
      <figure
        className="jp-mlstudio-metric jp-mlstudio-metric-single"
        data-metric-key={metricKey}
      >
        <figcaption className="jp-mlstudio-metric-header">
          <span className="jp-mlstudio-metric-name">{metricKey}</span>
          <span className="jp-mlstudio-metric-last">
            {formatMetricValue(points[0].value)}
          </span>
        </figcaption>
        <div className="jp-mlstudio-metric-facts">
          {trans.__('logged once, at step %1', points[0].step)}
        </div>
      </figure>
    );
  }
  return (
    <figure
      className="jp-mlstudio-metric"
      data-metric-key={metricKey}
      data-downsampled={downsampled}
    >
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
        <span className="jp-mlstudio-point-count">
          {downsampled
            ? trans.__('%1 of %2 points', points.length, total)
            : trans._n('%1 point', '%1 points', points.length)}
        </span>
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
        {loading ? <span>{trans.__('reading…')}</span> : null}
        {downsampled && !loading ? (
          <button
            type="button"
            className="jp-mlstudio-link jp-mlstudio-load-full"
            title={trans.__('Read all %1 points from the server', total)}
            onClick={() => void model.loadFull(metricKey)}
          >
            {trans.__('Load full data')}
          </button>
        ) : null}
      </div>
    </figure>
  );
}
