import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useMemo } from 'react';

import { IRunField } from '../chart/axes';
import { buildParallelCoordinates } from '../chart/parallel-coordinates';
import { buildScatter } from '../chart/scatter-data';
import type { IRun } from '../tokens';
import { ParallelCoordinatesChart } from './parallel-coordinates-chart';
import { ScatterChart } from './scatter-chart';

/** What the params sections show; the view keeps it. */
export interface IParamSettings {
  /** The params of the parallel coordinates, in axis order. */
  params: string[];
  /** The metric of the last axis. */
  metric: string;
  scatterX: IRunField | null;
  scatterY: IRunField | null;
}

/** `param:lr` / `metric:loss`, the value of a field in a select. */
export function fieldOption(field: IRunField): string {
  return `${field.kind}:${field.key}`;
}

/** The field of a select's value. */
export function parseFieldOption(value: string): IRunField {
  const colon = value.indexOf(':');
  return {
    kind: value.slice(0, colon) === 'param' ? 'param' : 'metric',
    key: value.slice(colon + 1)
  };
}

/** A select of every param and metric of the compared runs. */
function FieldSelect(props: {
  value: IRunField | null;
  params: readonly string[];
  metrics: readonly string[];
  onChange: (field: IRunField) => void;
  className: string;
  trans: TranslationBundle;
}): JSX.Element {
  const { value, params, metrics, onChange, className, trans } = props;
  return (
    <select
      className={`jp-mod-styled ${className}`}
      value={value ? fieldOption(value) : ''}
      onChange={event => onChange(parseFieldOption(event.target.value))}
    >
      {value ? null : <option value="">{trans.__('Choose…')}</option>}
      <optgroup label={trans.__('Parameters')}>
        {params.map(key => (
          <option key={key} value={`param:${key}`}>
            {key}
          </option>
        ))}
      </optgroup>
      <optgroup label={trans.__('Metrics')}>
        {metrics.map(key => (
          <option key={key} value={`metric:${key}`}>
            {key}
          </option>
        ))}
      </optgroup>
    </select>
  );
}

/** Props of {@link CompareParams}. */
export interface ICompareParamsProps {
  runs: readonly IRun[];
  paramKeys: readonly string[];
  metricKeys: readonly string[];
  settings: IParamSettings;
  onSettingsChange: (settings: IParamSettings) => void;
  onOpenRun: (runId: string) => void;
  trans: TranslationBundle;
}

/** Parallel coordinates of the params against a metric, and a scatter of any two fields. */
export function CompareParams(props: ICompareParamsProps): JSX.Element {
  const {
    runs,
    paramKeys,
    metricKeys,
    settings,
    onSettingsChange,
    onOpenRun,
    trans
  } = props;
  const update = (changes: Partial<IParamSettings>): void =>
    onSettingsChange({ ...settings, ...changes });
  const parallel = useMemo(
    () => buildParallelCoordinates(runs, settings.params, settings.metric),
    [runs, settings.params, settings.metric]
  );
  const scatter = useMemo(
    () =>
      settings.scatterX && settings.scatterY
        ? buildScatter(runs, settings.scatterX, settings.scatterY)
        : null,
    [runs, settings.scatterX, settings.scatterY]
  );

  return (
    <>
      <section className="jp-mlstudio-compare-section jp-mlstudio-compare-parallel">
        <h3 className="jp-mlstudio-subheading">
          {trans.__('Parallel coordinates')}
        </h3>
        <div className="jp-mlstudio-compare-controls">
          <label className="jp-mlstudio-control">
            {trans.__('Metric')}{' '}
            <select
              className="jp-mod-styled jp-mlstudio-parallel-metric"
              value={settings.metric}
              onChange={event => update({ metric: event.target.value })}
            >
              {metricKeys.map(key => (
                <option key={key} value={key}>
                  {key}
                </option>
              ))}
            </select>
          </label>
          <div
            className="jp-mlstudio-chips"
            role="group"
            aria-label={trans.__('Parameters')}
          >
            {paramKeys.map(key => {
              const on = settings.params.includes(key);
              return (
                <label
                  key={key}
                  className={`jp-mlstudio-chip${on ? ' jp-mod-active' : ''}`}
                  data-param-key={key}
                >
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={() =>
                      update({
                        params: on
                          ? settings.params.filter(item => item !== key)
                          : [...settings.params, key]
                      })
                    }
                  />
                  {key}
                </label>
              );
            })}
          </div>
        </div>
        {metricKeys.length === 0 ? (
          <div className="jp-mlstudio-empty">
            {trans.__('The runs have no metrics.')}
          </div>
        ) : (
          <>
            <ParallelCoordinatesChart
              data={parallel}
              label={trans.__('Parameters against %1', settings.metric)}
              onOpenRun={onOpenRun}
            />
          </>
        )}
      </section>
      <section className="jp-mlstudio-compare-section jp-mlstudio-compare-scatter">
        <h3 className="jp-mlstudio-subheading">{trans.__('Scatter')}</h3>
        <div className="jp-mlstudio-compare-controls">
          <label className="jp-mlstudio-control">
            {trans.__('X')}{' '}
            <FieldSelect
              value={settings.scatterX}
              params={paramKeys}
              metrics={metricKeys}
              onChange={field => update({ scatterX: field })}
              className="jp-mlstudio-scatter-x"
              trans={trans}
            />
          </label>
          <label className="jp-mlstudio-control">
            {trans.__('Y')}{' '}
            <FieldSelect
              value={settings.scatterY}
              params={paramKeys}
              metrics={metricKeys}
              onChange={field => update({ scatterY: field })}
              className="jp-mlstudio-scatter-y"
              trans={trans}
            />
          </label>
          {scatter?.missing ? (
            <span className="jp-mlstudio-summary">
              {trans._n(
                '%1 run lacks a value',
                '%1 runs lack a value',
                scatter.missing
              )}
            </span>
          ) : null}
        </div>
        {scatter ? (
          <ScatterChart
            data={scatter}
            label={trans.__('Scatter of the compared runs')}
            onOpenRun={onOpenRun}
          />
        ) : null}
      </section>
    </>
  );
}
