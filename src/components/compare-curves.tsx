import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useMemo } from 'react';

import { runColor } from '../chart/colors';
import { buildCurve, XAxisMode } from '../chart/curves';
import { MAX_SMOOTHING } from '../chart/smoothing';
import type { CompareModel } from '../models/compare-model';
import { ICurve, MultiLineChart } from './multi-line-chart';

/** What the curves section shows; the view keeps it. */
export interface ICurveSettings {
  metrics: string[];
  xAxis: XAxisMode;
  smoothing: number;
}

/** Props of {@link CompareCurves}. */
export interface ICompareCurvesProps {
  model: CompareModel;
  settings: ICurveSettings;
  onSettingsChange: (settings: ICurveSettings) => void;
  budget: number;
  trans: TranslationBundle;
}

/** The curves section: a metric picker, the x axis, smoothing, and a chart per metric. */
export function CompareCurves(props: ICompareCurvesProps): JSX.Element {
  const { model, settings, onSettingsChange, budget, trans } = props;
  const keys = model.metricKeys;
  const update = (changes: Partial<ICurveSettings>): void =>
    onSettingsChange({ ...settings, ...changes });

  useEffect(() => {
    settings.metrics.forEach(key => void model.ensureMetric(key));
  }, [model, settings.metrics, model.runs]);

  return (
    <section className="jp-mlstudio-compare-section jp-mlstudio-compare-curves">
      <h3 className="jp-mlstudio-subheading">{trans.__('Metric curves')}</h3>
      <div className="jp-mlstudio-compare-controls">
        <div
          className="jp-mlstudio-chips"
          role="group"
          aria-label={trans.__('Metrics')}
        >
          {keys.map(key => {
            const on = settings.metrics.includes(key);
            return (
              <label
                key={key}
                className={`jp-mlstudio-chip${on ? ' jp-mod-active' : ''}`}
                data-metric-key={key}
              >
                <input
                  type="checkbox"
                  checked={on}
                  onChange={() =>
                    update({
                      metrics: on
                        ? settings.metrics.filter(item => item !== key)
                        : [...settings.metrics, key]
                    })
                  }
                />
                {key}
              </label>
            );
          })}
        </div>
        <label className="jp-mlstudio-control">
          {trans.__('X axis')}{' '}
          <select
            className="jp-mod-styled jp-mlstudio-x-axis"
            value={settings.xAxis}
            onChange={event =>
              update({ xAxis: event.target.value as XAxisMode })
            }
          >
            <option value="step">{trans.__('Step')}</option>
            <option value="relative">{trans.__('Relative time')}</option>
          </select>
        </label>
        <label className="jp-mlstudio-control">
          {trans.__('Smoothing')}{' '}
          <input
            type="range"
            className="jp-mlstudio-smoothing"
            min={0}
            max={MAX_SMOOTHING}
            step={0.01}
            value={settings.smoothing}
            onChange={event =>
              update({ smoothing: Number(event.target.value) })
            }
          />
          <output className="jp-mlstudio-smoothing-value">
            {settings.smoothing.toFixed(2)}
          </output>
        </label>
      </div>
      {settings.metrics.length === 0 ? (
        <div className="jp-mlstudio-empty">
          {trans.__('Choose metrics to draw.')}
        </div>
      ) : (
        <div className="jp-mlstudio-charts">
          {settings.metrics.map(key => (
            <CurveCard
              key={key}
              metricKey={key}
              model={model}
              settings={settings}
              budget={budget}
              trans={trans}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function CurveCard(props: {
  metricKey: string;
  model: CompareModel;
  settings: ICurveSettings;
  budget: number;
  trans: TranslationBundle;
}): JSX.Element {
  const { metricKey, model, settings, budget, trans } = props;
  const version = model.version(metricKey);
  const curves = useMemo(() => {
    const built: ICurve[] = [];
    model.runs.forEach((run, index) => {
      const series = model.series(metricKey, run.run_id);
      if (series && series.length) {
        built.push({
          id: run.run_id,
          name: run.name,
          color: runColor(index),
          points: buildCurve(series, settings.xAxis, settings.smoothing)
        });
      }
    });
    return built;
  }, [
    model,
    model.runs,
    metricKey,
    version,
    settings.xAxis,
    settings.smoothing
  ]);
  const pending = model.pending(metricKey);
  return (
    <figure
      className="jp-mlstudio-metric jp-mlstudio-compare-metric"
      data-metric-key={metricKey}
    >
      <figcaption className="jp-mlstudio-metric-header">
        <span className="jp-mlstudio-metric-name">{metricKey}</span>
        <span className="jp-mlstudio-summary">
          {pending
            ? trans.__('reading %1 runs…', pending)
            : trans._n('%1 run', '%1 runs', curves.length)}
        </span>
      </figcaption>
      <MultiLineChart
        curves={curves}
        version={`${version}-${settings.xAxis}-${settings.smoothing}`}
        budget={budget}
        xIsTime={settings.xAxis === 'relative'}
        label={trans.__('%1 of the compared runs', metricKey)}
      />
    </figure>
  );
}
