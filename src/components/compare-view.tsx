import type { TranslationBundle } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import React, { useEffect, useState } from 'react';

import { runColorCss } from '../chart/colors';
import { varyingParams } from '../chart/parallel-coordinates';
import type { CompareModel } from '../models/compare-model';
import type { IRun } from '../tokens';
import { CompareCurves, ICurveSettings } from './compare-curves';
import { CompareParams, IParamSettings } from './compare-params';
import { RequestErrorMessage } from './request-error-message';

/** Curves drawn at first: a comparison with many metrics shows these, the rest on demand. */
const INITIAL_CURVES = 4;

/** Parallel-coordinate axes at first. */
const INITIAL_AXES = 10;

/** Props of {@link CompareView}. */
export interface ICompareViewProps {
  model: CompareModel;
  trans: TranslationBundle;
  /** Points drawn per curve. */
  budget: number;
  onOpenRun: (runId: string) => void;
}

/** What to show first, from the runs' keys. */
export function initialSettings(
  runs: readonly IRun[],
  metricKeys: readonly string[]
): { curves: ICurveSettings; params: IParamSettings } {
  const varying = varyingParams(runs, true).slice(0, INITIAL_AXES);
  const metric = metricKeys[0] ?? '';
  return {
    curves: {
      metrics: metricKeys.slice(0, INITIAL_CURVES),
      xAxis: 'step',
      smoothing: 0
    },
    params: {
      params: varying,
      metric,
      scatterX: varying.length
        ? { kind: 'param', key: varying[0] }
        : metricKeys.length > 1
          ? { kind: 'metric', key: metricKeys[1] }
          : null,
      scatterY: metric ? { kind: 'metric', key: metric } : null
    }
  };
}

/**
 * Runs side by side: a legend, overlaid metric curves, parallel coordinates of the
 * params against a metric, and a scatter of any two fields.
 */
export function CompareView(props: ICompareViewProps): JSX.Element {
  const { model } = props;
  return (
    <UseSignal signal={model.changed}>
      {() => <CompareBody {...props} />}
    </UseSignal>
  );
}

function CompareBody(props: ICompareViewProps): JSX.Element {
  const { model, trans, budget, onOpenRun } = props;
  const runs = model.runs;
  const [curves, setCurves] = useState<ICurveSettings | null>(null);
  const [params, setParams] = useState<IParamSettings | null>(null);

  useEffect(() => {
    if (model.isLoaded && runs.length && curves === null) {
      const initial = initialSettings(runs, model.metricKeys);
      setCurves(initial.curves);
      setParams(initial.params);
    }
  }, [model.isLoaded, runs]);

  return (
    <div className="jp-mlstudio-compare-view" data-run-count={runs.length}>
      <header className="jp-mlstudio-job-header">
        <h2 className="jp-mlstudio-job-title">
          {trans._n(
            'Comparing %1 run',
            'Comparing %1 runs',
            model.runIds.length
          )}
        </h2>
      </header>
      {model.error ? (
        <RequestErrorMessage error={model.error} trans={trans} stale />
      ) : null}
      {!model.isLoaded ? (
        <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>
      ) : null}
      <ol className="jp-mlstudio-compare-legend">
        {runs.map((run, index) => (
          <li key={run.run_id} data-run-id={run.run_id}>
            <button
              type="button"
              className="jp-mlstudio-link"
              title={trans.__('Open run %1', run.run_id)}
              onClick={() => onOpenRun(run.run_id)}
            >
              <span
                className="jp-mlstudio-swatch"
                style={{ background: runColorCss(index) }}
              />
              {run.name}
            </button>
          </li>
        ))}
      </ol>
      {curves && params ? (
        <>
          <CompareCurves
            model={model}
            settings={curves}
            onSettingsChange={setCurves}
            budget={budget}
            trans={trans}
          />
          <CompareParams
            runs={runs}
            paramKeys={model.paramKeys}
            metricKeys={model.metricKeys}
            settings={params}
            onSettingsChange={setParams}
            onOpenRun={onOpenRun}
            trans={trans}
          />
        </>
      ) : null}
    </div>
  );
}
