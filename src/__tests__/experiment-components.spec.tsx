import { nullTranslator } from '@jupyterlab/translation';
import React, { act } from 'react';

import { initialSettings } from '../components/compare-view';
import { RunFilterBox } from '../components/run-filter-box';
import { RunsTable } from '../components/runs-table';
import { RunTableModel } from '../models/run-table-model';
import { MLStudioRequestError } from '../request';
import type { IRunList } from '../tokens';
import { renderLive, unmountAll } from './dom';
import { KEYS, latest, makeRun } from './experiment-fixtures';

const trans = nullTranslator.load('jupyterlab_mlstudio');

afterEach(unmountAll);

/** A model over 10,000 runs, read 5,000 at a time; a filter with `>` but no number is refused. */
async function bigTable(): Promise<RunTableModel> {
  const runs = Array.from({ length: 10_000 }, (_, index) =>
    makeRun({
      run_id: `r${index}`,
      name: `run-${index}`,
      metrics: [latest('accuracy', [index / 10_000])]
    })
  );
  const model = new RunTableModel({
    experimentId: '1',
    fetchRuns: async (options): Promise<IRunList> => {
      if (options.filter && /[<>]\s*$/.test(options.filter)) {
        throw new MLStudioRequestError({
          error: 'InvalidInput',
          message: `Error on parsing filter '${options.filter}': it ends too early`,
          field: 'filter',
          status: 400
        });
      }
      const start = Number(options.next_token ?? 0);
      const end = start + (options.max_items ?? 100);
      return {
        runs: runs.slice(start, end),
        next_token: end < runs.length ? String(end) : null
      };
    },
    fetchKeys: async () => KEYS,
    pageSize: 5000
  });
  await act(() => model.start());
  await act(() => model.loadMore());
  return model;
}

describe('RunsTable', () => {
  it('renders only the rows in view of 10,000 loaded runs', async () => {
    const model = await bigTable();
    const root = renderLive(
      () => (
        <RunsTable
          model={model}
          trans={trans}
          now={0}
          onOpenRun={() => undefined}
        />
      ),
      model.changed,
      model.selection.changed
    );

    expect(model.rows).toHaveLength(10_000);
    const rendered = root.querySelectorAll('.jp-mlstudio-run-row');
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.length).toBeLessThan(50);
    expect(
      root
        .querySelector('.jp-mlstudio-runs-body')
        ?.getAttribute('data-row-count')
    ).toBe('10000');
    model.dispose();
  });

  it('sorts by a clicked header and ticks runs with their checkboxes', async () => {
    const model = await bigTable();
    const opened: string[] = [];
    const root = renderLive(
      () => (
        <RunsTable
          model={model}
          trans={trans}
          now={0}
          onOpenRun={id => opened.push(id)}
        />
      ),
      model.changed,
      model.selection.changed
    );

    const heading = root.querySelector<HTMLButtonElement>(
      '[data-column-id="metric:accuracy:last"]'
    )!;
    act(() => heading.click());
    expect(model.sort).toEqual({
      columnId: 'metric:accuracy:last',
      descending: true
    });

    const firstRow = root.querySelector<HTMLElement>('.jp-mlstudio-run-row')!;
    const runId = firstRow.dataset.runId!;
    act(() =>
      firstRow.querySelector<HTMLInputElement>('input[type=checkbox]')!.click()
    );
    expect(model.selection.ids).toEqual([runId]);
    expect(opened).toEqual([]);

    act(() =>
      firstRow.querySelector<HTMLElement>('.jp-mlstudio-run-name')!.click()
    );
    expect(opened).toEqual([runId]);
    model.dispose();
  });
});

describe('RunFilterBox', () => {
  it("shows the server's reason for refusing a filter", async () => {
    const model = await bigTable();
    const root = renderLive(
      () => <RunFilterBox model={model} trans={trans} />,
      model.changed,
      model.selection.changed
    );

    act(() => model.editFilter('metrics.accuracy >'));
    await act(() => model.applyFilter());

    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      "Error on parsing filter 'metrics.accuracy >': it ends too early"
    );
    expect(
      root
        .querySelector('input.jp-mlstudio-run-filter-input')
        ?.getAttribute('aria-invalid')
    ).toBe('true');
    model.dispose();
  });
});

describe('the first view of a comparison', () => {
  it('draws a few metrics and puts the params that vary on the axes', () => {
    const runs = [
      makeRun({ run_id: 'a', params: { lr: '0.1', seed: '1' } }),
      makeRun({ run_id: 'b', params: { lr: '0.2', seed: '1' } })
    ];

    const settings = initialSettings(runs, ['acc', 'f1', 'loss', 'p', 'r']);

    expect(settings.curves.metrics).toEqual(['acc', 'f1', 'loss', 'p']);
    expect(settings.params.params).toEqual(['lr', 'seed']);
    expect(settings.params.metric).toBe('acc');
    expect(settings.params.scatterX).toEqual({ kind: 'param', key: 'lr' });
    expect(settings.params.scatterY).toEqual({ kind: 'metric', key: 'acc' });
  });
});
