import { nullTranslator } from '@jupyterlab/translation';
import React, { act } from 'react';

import { MetricCharts } from '../components/metric-charts';
import { RunMetricsModel } from '../models/run-metrics-model';
import type { IMetricHistory, IMetricPoint, MetricValue } from '../tokens';
import { click, render, unmountAll, waitFor } from './dom';
import { latest, makeRun } from './experiment-fixtures';

const trans = nullTranslator.load('jupyterlab_mlstudio');

afterEach(unmountAll);

function points(key: string, values: MetricValue[]): IMetricPoint[] {
  return values.map((value, step) => ({
    key,
    value,
    step,
    timestamp: 1_700_000_000_000 + step
  }));
}

/**
 * A run with `loss` (1,000 points, which the server sends downsampled to 100 unless
 * asked for all) and `accuracy` (three points, one of them NaN).
 */
function runMetrics(): { model: RunMetricsModel; fullReads: string[] } {
  const loss = Array.from({ length: 1000 }, (_, step) => 1 / (step + 1));
  const series: Record<string, MetricValue[]> = {
    loss,
    accuracy: [0.5, 'NaN', 0.75]
  };
  const fullReads: string[] = [];
  const model = new RunMetricsModel({
    runId: 'r1',
    fetchRun: async () =>
      makeRun({ metrics: [latest('loss', loss), latest('accuracy', [0.5])] }),
    fetchHistory: async (runId, key, options): Promise<IMetricHistory> => {
      const all = points(key, series[key]);
      if (options?.full) {
        fullReads.push(key);
      }
      if (all.length > 100 && !options?.full) {
        return {
          run_id: runId,
          key,
          points: all.filter((_, index) => index % 10 === 0),
          total: all.length
        };
      }
      return { run_id: runId, key, points: all, total: all.length };
    }
  });
  return { model, fullReads };
}

/** The run view's charts of `model`. */
function renderCharts(model: RunMetricsModel): HTMLElement {
  return render(
    <MetricCharts
      model={model}
      budget={500}
      trans={trans}
      emptyMessage="No metrics logged."
    />
  );
}

function card(root: HTMLElement, key: string): HTMLElement {
  return root.querySelector<HTMLElement>(
    `.jp-mlstudio-metric[data-metric-key="${key}"]`
  )!;
}

describe('MetricCharts', () => {
  it('says why there is nothing to draw: no run, or a run without metrics', async () => {
    const empty = new RunMetricsModel({
      runId: 'r0',
      fetchRun: async () => makeRun({ run_id: 'r0' }),
      fetchHistory: async () => {
        throw new Error('no series to read');
      }
    });

    const noRun = render(
      <MetricCharts
        model={null}
        budget={500}
        trans={trans}
        emptyMessage="No metrics logged."
        noRunMessage="The job has no run yet."
      />
    );
    const noMetric = renderCharts(empty);
    expect(noMetric.textContent).toBe('Loading…');
    await act(() => empty.refresh());

    expect(noRun.textContent).toBe('The job has no run yet.');
    expect(noMetric.textContent).toBe('No metrics logged.');
    empty.dispose();
  });

  it('gives every metric a card with its last value, range and count of values that are not finite', async () => {
    const { model } = runMetrics();
    const root = renderCharts(model);

    await act(() => model.refresh());

    const accuracy = card(root, 'accuracy');
    expect(
      accuracy.querySelector('.jp-mlstudio-metric-last')?.textContent
    ).toBe('0.75');
    expect(
      accuracy.querySelector('.jp-mlstudio-point-count')?.textContent
    ).toBe('3 points');
    expect(accuracy.textContent).toContain('min 0.5 · max 0.75');
    expect(accuracy.querySelector('.jp-mlstudio-warning')?.textContent).toBe(
      '1 value not finite'
    );
    expect(
      accuracy
        .querySelector('.jp-mlstudio-chart')
        ?.getAttribute('data-point-count')
    ).toBe('3');
    expect(accuracy.querySelector('.jp-mlstudio-load-full')).toBeNull();
    model.dispose();
  });

  it('says when a series arrived downsampled, and reads every point on request', async () => {
    const { model, fullReads } = runMetrics();
    const root = renderCharts(model);
    await act(() => model.refresh());
    const loss = card(root, 'loss');
    expect(loss.dataset.downsampled).toBe('true');
    expect(loss.querySelector('.jp-mlstudio-point-count')?.textContent).toBe(
      '100 of 1000 points'
    );

    click(loss.querySelector('.jp-mlstudio-load-full')!);
    await waitFor(() => loss.dataset.downsampled === 'false');

    expect(fullReads).toEqual(['loss']);
    expect(loss.dataset.downsampled).toBe('false');
    expect(loss.querySelector('.jp-mlstudio-point-count')?.textContent).toBe(
      '1000 points'
    );
    expect(loss.querySelector('.jp-mlstudio-load-full')).toBeNull();
    model.dispose();
  });
});
