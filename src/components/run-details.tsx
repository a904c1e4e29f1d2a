import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import type { IRunModelVersion } from '../api/models';
import { formatMetricValue } from '../format';
import { metricValueToNumber } from '../models/metric-series';
import type { IRun, MetricValue } from '../tokens';

function metricText(value: MetricValue): string {
  return value === null ? '–' : formatMetricValue(metricValueToNumber(value));
}

/** A two-column table of names and values, or "none". */
export function KeyValueTable(props: {
  entries: [string, string][];
  className: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { entries, className, trans } = props;
  if (entries.length === 0) {
    return <div className="jp-mlstudio-empty">{trans.__('none')}</div>;
  }
  return (
    <table className={`jp-mlstudio-table ${className}`}>
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key} data-key={key}>
            <th scope="row">{key}</th>
            <td className="jp-mlstudio-uri">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The latest value of each metric with its range and step. */
export function LatestMetricsTable(props: {
  run: IRun;
  trans: TranslationBundle;
}): JSX.Element {
  const { run, trans } = props;
  if (run.metrics.length === 0) {
    return <div className="jp-mlstudio-empty">{trans.__('none')}</div>;
  }
  const metrics = [...run.metrics].sort((a, b) => a.key.localeCompare(b.key));
  return (
    <table className="jp-mlstudio-table jp-mlstudio-latest-metrics">
      <thead>
        <tr>
          <th>{trans.__('Metric')}</th>
          <th className="jp-mlstudio-numeric">{trans.__('Value')}</th>
          <th className="jp-mlstudio-numeric">{trans.__('Min')}</th>
          <th className="jp-mlstudio-numeric">{trans.__('Max')}</th>
          <th className="jp-mlstudio-numeric">{trans.__('Step')}</th>
        </tr>
      </thead>
      <tbody>
        {metrics.map(metric => (
          <tr key={metric.key} data-key={metric.key}>
            <th scope="row">{metric.key}</th>
            <td className="jp-mlstudio-numeric jp-mlstudio-metric-value">
              {metricText(metric.value)}
            </td>
            <td className="jp-mlstudio-numeric">{metricText(metric.min)}</td>
            <td className="jp-mlstudio-numeric">{metricText(metric.max)}</td>
            <td className="jp-mlstudio-numeric">{metric.step}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The registered model versions made from the run, each opening the registry. */
export function RunModelVersions(props: {
  versions: readonly IRunModelVersion[] | null;
  onOpenModel: (name: string) => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { versions, onOpenModel, trans } = props;
  if (versions === null) {
    return <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>;
  }
  if (versions.length === 0) {
    return <div className="jp-mlstudio-empty">{trans.__('none')}</div>;
  }
  return (
    <ul className="jp-mlstudio-run-models">
      {versions.map(version => (
        <li
          key={`${version.name}/${version.version}`}
          data-model={version.name}
        >
          <button
            type="button"
            className="jp-mlstudio-link"
            onClick={() => onOpenModel(version.name)}
          >
            {trans.__('%1 version %2', version.name, version.version)}
          </button>
          {(version.aliases ?? []).map(alias => (
            <span key={alias} className="jp-mlstudio-alias">
              @{alias}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}
