/*
 * The detail sections of a training job's view: its hyperparameters, channels, status
 * timeline and final metrics.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import {
  formatClock,
  formatDateTime,
  formatDuration,
  formatMetricValue,
  parseTime
} from '../format';
import { metricValueToNumber } from '../models/metric-series';
import type { ISecondaryStatusTransition, ITrainingJobDetail } from '../tokens';
import { KeyValueTable } from './run-details';
import { useNow } from './use-now';

export function Hyperparameters(props: {
  detail: ITrainingJobDetail;
  trans: TranslationBundle;
}): JSX.Element {
  const { detail, trans } = props;
  const entries = Object.entries(detail.hyper_parameters);
  const definitions = detail.algorithm_specification.metric_definitions ?? [];
  return (
    <section className="jp-mlstudio-job-section">
      <h3 className="jp-mlstudio-subheading">{trans.__('Hyperparameters')}</h3>
      <KeyValueTable
        entries={entries}
        className="jp-mlstudio-hyperparameters"
        trans={trans}
      />
      {definitions.length ? (
        <>
          <h3 className="jp-mlstudio-subheading">
            {trans.__('Metric definitions')}
          </h3>
          <table className="jp-mlstudio-table jp-mlstudio-metric-definitions">
            <tbody>
              {definitions.map(definition => (
                <tr key={definition.name}>
                  <th scope="row">{definition.name}</th>
                  <td className="jp-mlstudio-uri">{definition.regex}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

export function Channels(props: {
  detail: ITrainingJobDetail;
  trans: TranslationBundle;
}): JSX.Element {
  const { detail, trans } = props;
  return (
    <section className="jp-mlstudio-job-section">
      <h3 className="jp-mlstudio-subheading">{trans.__('Input channels')}</h3>
      {detail.input_data_config.length === 0 ? (
        <div className="jp-mlstudio-empty">{trans.__('none')}</div>
      ) : (
        <table className="jp-mlstudio-table jp-mlstudio-channels">
          <tbody>
            {detail.input_data_config.map(channel => (
              <tr
                key={channel.channel_name}
                data-channel={channel.channel_name}
              >
                <th scope="row">{channel.channel_name}</th>
                <td className="jp-mlstudio-uri">
                  {channel.data_source.s3_data_source.s3_uri}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * A job's status transitions (a training job's SecondaryStatusTransitions, another kind's
 * state machine log), oldest first; the current one counts up until the job has ended.
 */
export function Timeline(props: {
  transitions: readonly ISecondaryStatusTransition[];
  ended: boolean;
  trans: TranslationBundle;
}): JSX.Element {
  const { transitions, ended, trans } = props;
  const now = useNow(ended ? 3_600_000 : 1000);
  if (transitions.length === 0) {
    return <div className="jp-mlstudio-empty">{trans.__('No steps yet.')}</div>;
  }
  return (
    <ol className="jp-mlstudio-timeline">
      {transitions.map((transition, index) => (
        <TimelineStep
          key={`${index}-${transition.status}`}
          transition={transition}
          isCurrent={!ended && index === transitions.length - 1}
          now={now}
        />
      ))}
    </ol>
  );
}

function TimelineStep(props: {
  transition: ISecondaryStatusTransition;
  isCurrent: boolean;
  now: number;
}): JSX.Element {
  const { transition, isCurrent, now } = props;
  const start = parseTime(transition.start_time);
  const end = parseTime(transition.end_time);
  const duration = (Number.isFinite(end) ? end : now) - start;
  return (
    <li
      className={`jp-mlstudio-timeline-step${
        isCurrent ? ' jp-mlstudio-timeline-current' : ''
      }`}
      data-status={transition.status}
    >
      <div className="jp-mlstudio-timeline-head">
        <span className="jp-mlstudio-timeline-status">{transition.status}</span>
        <span
          className="jp-mlstudio-timeline-times"
          title={`${formatDateTime(start)} – ${
            Number.isFinite(end) ? formatDateTime(end) : '…'
          }`}
        >
          {formatClock(start).slice(0, 8)}
          {' – '}
          {Number.isFinite(end) ? formatClock(end).slice(0, 8) : '…'}
          {` (${formatDuration(duration)})`}
        </span>
      </div>
      {transition.status_message ? (
        <div className="jp-mlstudio-timeline-message">
          {transition.status_message}
        </div>
      ) : null}
    </li>
  );
}

export function FinalMetrics(props: {
  detail: ITrainingJobDetail;
}): JSX.Element | null {
  const { detail } = props;
  if (detail.final_metric_data_list.length === 0) {
    return null;
  }
  return (
    <div className="jp-mlstudio-final-metrics">
      {detail.final_metric_data_list.map(metric => (
        <span
          key={metric.metric_name}
          className="jp-mlstudio-final-metric"
          data-metric={metric.metric_name}
        >
          <span className="jp-mlstudio-final-metric-name">
            {metric.metric_name}
          </span>{' '}
          {formatMetricValue(metricValueToNumber(metric.value))}
        </span>
      ))}
    </div>
  );
}
