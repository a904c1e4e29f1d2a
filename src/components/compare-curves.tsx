import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useMemo } from 'react';

import { runColor, runColorCss } from '../chart/colors';
import { formatMetricValue } from '../format';
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
          colorIndex: index,
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
  // A metric logged once per run (a final accuracy) has no curve to draw: bars instead.
  const single =
    curves.length > 0 &&
    curves.every(
      curve =>
        curve.points.filter(point => Number.isFinite(point.value)).length <= 1
    );
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
      {single ? (
        <MetricBars
          curves={curves}
          label={trans.__('%1 of the compared runs', metricKey)}
        />
      ) : (
        <MultiLineChart
          curves={curves}
          version={`${version}-${settings.xAxis}-${settings.smoothing}`}
          budget={budget}
          xIsTime={settings.xAxis === 'relative'}
          label={trans.__('%1 of the compared runs', metricKey)}
        />
      )}
    </figure>
  );
}

/**
 * One value per run as horizontal bars in the runs' colours, from zero (or from the
 * lowest value, when values are all far from zero on the same side).
 */
export function MetricBars(props: {
  curves: readonly ICurve[];
  label: string;
}): JSX.Element {
  const { curves, label } = props;
  const values = curves.map(curve => {
    const point = curve.points.find(item => Number.isFinite(item.value));
    return point ? point.value : null;
  });
  const finite = values.filter((value): value is number => value !== null);
  const low = Math.min(0, ...finite);
  const high = Math.max(0, ...finite);
  const span = high - low || 1;
  return (
    <div className="jp-mlstudio-metric-bars" role="list" aria-label={label}>
      {curves.map((curve, index) => {
        const value = values[index];
        const start = value === null ? 0 : (Math.min(0, value) - low) / span;
        const size = value === null ? 0 : Math.abs(value) / span;
        return (
          <div
            key={curve.id}
            className="jp-mlstudio-metric-bar"
            role="listitem"
            data-run-id={curve.id}
          >
            <span className="jp-mlstudio-metric-bar-name" title={curve.name}>
              {curve.name}
            </span>
            <span className="jp-mlstudio-metric-bar-track">
              <span
                className="jp-mlstudio-metric-bar-fill"
                style={{
                  left: `${start * 100}%`,
                  width: `${size * 100}%`,
                  background:
                    curve.colorIndex === undefined
                      ? curve.color
                      : runColorCss(curve.colorIndex)
                }}
              />
            </span>
            <span className="jp-mlstudio-metric-bar-value">
              {value === null ? '–' : formatMetricValue(value)}
            </span>
          </div>
        );
      })}
    </div>
  );
}
