import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';
import type { APIRequestContext, Locator } from '@playwright/test';

const SIDEBAR_ID = 'mlstudio-sidebar';
const API = 'mlstudio/api/v1';
const ARTIFACTS = 'mlstudio/mlflow/api/2.0/mlflow-artifacts/artifacts';

// No background refresh: what the page shows comes from the reads the test causes.
test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  },
  viewport: { width: 1400, height: 900 }
});

/** A name no other test or run uses. */
function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

interface ICreatedRun {
  run_id: string;
  experiment_id: string;
  artifact_uri: string;
}

/**
 * Start a run in `experiment` through the REST API and log its params and 20 steps of
 * `accuracy` (rising to `accuracy`) and `loss` with one batch.
 */
async function logRun(
  request: APIRequestContext,
  experiment: string,
  name: string,
  params: Record<string, string>,
  accuracy: number
): Promise<ICreatedRun> {
  const created = await request.post(`${API}/runs`, {
    data: {
      experiment_name: experiment,
      run_name: name,
      tags: { team: 'vision' }
    }
  });
  expect(created.status(), await created.text()).toBe(201);
  const run: ICreatedRun = await created.json();
  const start = Date.now();
  const metrics = [];
  for (let step = 0; step < 20; step++) {
    const progress = 1 - Math.exp(-step / 4);
    metrics.push(
      {
        key: 'accuracy',
        value: accuracy * progress,
        step,
        timestamp: start + step * 1000
      },
      {
        key: 'loss',
        value: 2 * (1 - progress) + 0.1,
        step,
        timestamp: start + step * 1000
      }
    );
  }
  // The last step lands exactly on the final accuracy.
  metrics.push({
    key: 'accuracy',
    value: accuracy,
    step: 20,
    timestamp: start + 20_000
  });
  const batch = await request.post(`${API}/runs/${run.run_id}/batch`, {
    data: {
      metrics,
      params: Object.entries(params).map(([key, value]) => ({ key, value }))
    }
  });
  expect(batch.ok(), await batch.text()).toBe(true);
  const ended = await request.patch(`${API}/runs/${run.run_id}`, {
    data: { status: 'FINISHED', end_time: start + 21_000 }
  });
  expect(ended.ok(), await ended.text()).toBe(true);
  return run;
}

/** Put a text file among a run's artifacts through the MLflow artifact proxy. */
async function uploadArtifact(
  request: APIRequestContext,
  run: ICreatedRun,
  path: string,
  text: string
): Promise<void> {
  // `mlflow-artifacts:/<experiment>/<run>/artifacts` is served below the proxy's root.
  const root = run.artifact_uri.replace(/^mlflow-artifacts:\/*/, '');
  const answer = await request.put(`${ARTIFACTS}/${root}/${path}`, {
    data: text,
    headers: { 'Content-Type': 'text/plain' }
  });
  expect(answer.ok(), await answer.text()).toBe(true);
}

async function openSidebar(page: IJupyterLabPageFixture): Promise<Locator> {
  await page.sidebar.getTabLocator(SIDEBAR_ID).click();
  const sidebar = page.locator(`#${SIDEBAR_ID}`);
  await expect(sidebar).toBeVisible();
  return sidebar;
}

test.describe('ML Studio experiments', () => {
  test('lists runs, filters and sorts them, compares two, and shows a run with its artifacts', async ({
    page,
    request
  }, testInfo) => {
    test.setTimeout(120_000);
    const errors: string[] = [];
    page.on('console', message => {
      if (message.type() === 'error') {
        errors.push(message.text());
      }
    });

    // Given four runs logged through the REST API, one with a text artifact.
    const experiment = uniqueName('ui-experiment');
    const runs = {
      poor: await logRun(
        request,
        experiment,
        'poor',
        { lr: '0.5', optimizer: 'sgd' },
        0.3
      ),
      fair: await logRun(
        request,
        experiment,
        'fair',
        { lr: '0.1', optimizer: 'sgd' },
        0.6
      ),
      good: await logRun(
        request,
        experiment,
        'good',
        { lr: '0.01', optimizer: 'adam' },
        0.8
      ),
      best: await logRun(
        request,
        experiment,
        'best',
        { lr: '0.001', optimizer: 'adam' },
        0.95
      )
    };
    await uploadArtifact(
      request,
      runs.best,
      'reports/notes.txt',
      'best run so far\nvalidation accuracy 0.95\n'
    );

    // The Experiments section lists the experiment with its four runs.
    const sidebar = await openSidebar(page);
    await sidebar
      .locator('.jp-mlstudio-experiments-section')
      .scrollIntoViewIfNeeded();
    const row = sidebar.locator(
      `.jp-mlstudio-experiment-row[data-experiment-name="${experiment}"]`
    );
    await expect(row.locator('.jp-mlstudio-run-count')).toHaveText('4');

    // Clicking it opens the runs table.
    await row.click();
    const view = page.locator(
      `.jp-mlstudio-runs-view[data-experiment-id="${runs.best.experiment_id}"]`
    );
    await expect(view).toBeVisible();
    const rows = view.locator('.jp-mlstudio-run-row');
    await expect(rows).toHaveCount(4);
    await expect(view.locator('.jp-mlstudio-runs-summary')).toHaveText(
      '4 runs'
    );
    const accuracyHeading = view.locator(
      '.jp-mlstudio-runs-heading[data-column-id="metric:accuracy:last"]'
    );
    await expect(accuracyHeading).toBeVisible();
    await expect(
      view.locator(
        '.jp-mlstudio-run-row[data-run-name="best"] [data-column-id="metric:accuracy:last"]'
      )
    ).toHaveText('0.95');

    // A malformed filter leaves the rows and shows the server's reason.
    const filter = view.locator('.jp-mlstudio-run-filter-input');
    await filter.fill('metrics.accuracy >');
    await filter.press('Enter');
    await expect(view.locator('.jp-mlstudio-filter-error')).toBeVisible();
    await expect(rows).toHaveCount(4);

    // A valid one keeps the runs above 0.5.
    await filter.fill('metrics.accuracy > 0.5');
    await filter.press('Enter');
    await expect(view.locator('.jp-mlstudio-filter-error')).toHaveCount(0);
    await expect(rows).toHaveCount(3);
    await expect(
      view.locator('.jp-mlstudio-run-row[data-run-name="poor"]')
    ).toHaveCount(0);

    // Sorting by the accuracy column asks the server for the best first.
    const sorted = page.waitForRequest(
      req =>
        req.url().includes(`/${API}/runs?`) &&
        new URL(req.url()).searchParams.get('order_by') ===
          'metrics.accuracy DESC'
    );
    await accuracyHeading.click();
    await sorted;
    await expect(accuracyHeading).toHaveAttribute('aria-sort', 'descending');
    await expect(rows.first()).toHaveAttribute('data-run-name', 'best');
    await expect(rows.nth(1)).toHaveAttribute('data-run-name', 'good');
    await expect(rows.nth(2)).toHaveAttribute('data-run-name', 'fair');

    // Tick the two best and compare them.
    const compare = view.locator('.jp-mlstudio-compare');
    await expect(compare).toBeDisabled();
    await rows.nth(0).locator('input[type="checkbox"]').check();
    await rows.nth(1).locator('input[type="checkbox"]').check();
    await expect(view.locator('.jp-mlstudio-selection-summary')).toHaveText(
      '2 selected'
    );
    await page
      .locator('.jp-mlstudio-runs-panel')
      .screenshot({ path: testInfo.outputPath('mlstudio-runs-view.png') });
    await compare.click();

    const comparison = page.locator(
      '.jp-mlstudio-compare-view[data-run-count="2"]'
    );
    await expect(comparison).toBeVisible();
    await expect(
      comparison.locator('.jp-mlstudio-compare-legend li')
    ).toHaveCount(2);
    const curves = comparison.locator(
      '.jp-mlstudio-compare-metric[data-metric-key="accuracy"] .jp-mlstudio-multi-chart'
    );
    await expect(curves).toHaveAttribute('data-curve-count', '2');
    await expect(curves).toHaveAttribute('data-drawn-count', '2');
    await expect(
      comparison.locator(
        '.jp-mlstudio-compare-metric[data-metric-key="loss"] .jp-mlstudio-multi-chart'
      )
    ).toHaveAttribute('data-drawn-count', '2');
    // Smoothing and relative time redraw the same curves.
    await comparison.locator('.jp-mlstudio-smoothing').fill('0.6');
    await comparison.locator('.jp-mlstudio-x-axis').selectOption('relative');
    await expect(curves).toHaveAttribute('data-drawn-count', '2');
    await expect(comparison.locator('.jp-mlstudio-smoothing-value')).toHaveText(
      '0.60'
    );

    // Parallel coordinates: a line per run across lr, optimizer and accuracy.
    const parallel = comparison.locator('.jp-mlstudio-parallel-chart');
    await expect(parallel).toHaveAttribute('data-line-count', '2');
    await expect(parallel).toHaveAttribute('data-axis-count', '3');
    await expect(
      comparison.locator('.jp-mlstudio-scatter-chart')
    ).toHaveAttribute('data-point-count', '2');
    await page
      .locator('.jp-mlstudio-compare-panel')
      .screenshot({ path: testInfo.outputPath('mlstudio-compare-view.png') });

    // Back in the runs table, clicking a run opens its view.
    await page.locator('.lm-TabBar-tab', { hasText: experiment }).click();
    await view
      .locator(
        '.jp-mlstudio-run-row[data-run-name="best"] .jp-mlstudio-run-name'
      )
      .click();
    const runView = page.locator(
      `.jp-mlstudio-run-view[data-run-id="${runs.best.run_id}"]`
    );
    await expect(runView).toBeVisible();
    await expect(
      runView.locator('.jp-mlstudio-run-params [data-key="optimizer"] td')
    ).toHaveText('adam');
    await expect(
      runView.locator(
        '.jp-mlstudio-latest-metrics [data-key="accuracy"] .jp-mlstudio-metric-value'
      )
    ).toHaveText('0.95');
    await expect(
      runView.locator(
        '.jp-mlstudio-metric[data-metric-key="accuracy"] .jp-mlstudio-chart'
      )
    ).toHaveAttribute('data-point-count', '21');

    // The artifact browser: the folder expands, the text file previews inline.
    await runView
      .locator('.jp-mlstudio-artifact-row[data-path="reports"]')
      .click();
    await runView
      .locator('.jp-mlstudio-artifact-row[data-path="reports/notes.txt"]')
      .click();
    const preview = runView.locator(
      '.jp-mlstudio-artifact-preview[data-path="reports/notes.txt"]'
    );
    await expect(preview.locator('.jp-mlstudio-artifact-text')).toContainText(
      'validation accuracy 0.95'
    );
    await preview.scrollIntoViewIfNeeded();
    await page
      .locator('.jp-mlstudio-run-panel')
      .screenshot({ path: testInfo.outputPath('mlstudio-run-view.png') });

    expect(errors.filter(text => /mlstudio|ML Studio/i.test(text))).toEqual([]);
  });

  test('follows runs as they are made, finish and are deleted, and keeps its chosen columns', async ({
    page,
    request
  }) => {
    const experiment = uniqueName('live-experiment');
    const first = await logRun(
      request,
      experiment,
      'first',
      { lr: '0.1' },
      0.5
    );
    const sidebar = await openSidebar(page);
    await sidebar
      .locator('.jp-mlstudio-experiments-section')
      .scrollIntoViewIfNeeded();
    const row = sidebar.locator(
      `.jp-mlstudio-experiment-row[data-experiment-name="${experiment}"]`
    );
    await expect(row.locator('.jp-mlstudio-run-count')).toHaveText('1');
    await row.click();
    const view = page.locator(
      `.jp-mlstudio-runs-view[data-experiment-id="${first.experiment_id}"]`
    );
    await expect(view.locator('.jp-mlstudio-run-row')).toHaveCount(1);

    // A run started elsewhere shows up, running, in the table and in the count.
    const created = await request.post(`${API}/runs`, {
      data: { experiment_name: experiment, run_name: 'second' }
    });
    expect(created.status()).toBe(201);
    const second = await created.json();
    const secondRow = view.locator(`[data-run-id="${second.run_id}"]`);
    await expect(secondRow.locator('.jp-mlstudio-run-status')).toHaveAttribute(
      'data-status',
      'RUNNING'
    );
    await expect(row.locator('.jp-mlstudio-run-count')).toHaveText('2');

    // It finishing changes its status in place.
    const ended = await request.patch(`${API}/runs/${second.run_id}`, {
      data: { status: 'FAILED' }
    });
    expect(ended.ok()).toBe(true);
    await expect(secondRow.locator('.jp-mlstudio-run-status')).toHaveAttribute(
      'data-status',
      'FAILED'
    );

    // Deleting it (here through the MLflow API) takes it off the table.
    const deleted = await request.post(
      'mlstudio/mlflow/api/2.0/mlflow/runs/delete',
      {
        data: { run_id: second.run_id }
      }
    );
    expect(deleted.ok()).toBe(true);
    await expect(view.locator('.jp-mlstudio-run-row')).toHaveCount(1);
    await expect(row.locator('.jp-mlstudio-run-count')).toHaveText('1');

    // A column chosen for this experiment is still there after the page reloads.
    await view.locator('.jp-mlstudio-columns-button').click();
    await view
      .locator(
        '.jp-mlstudio-column-option[data-metric-key="loss"] input[data-aggregate="min"]'
      )
      .check();
    const lossMin = view.locator(
      '.jp-mlstudio-runs-heading[data-column-id="metric:loss:min"]'
    );
    await expect(lossMin).toBeVisible();
    await page.waitForTimeout(500); // the state database saves asynchronously
    // A plain browser reload (Galata's own waits for a layout without restored tabs).
    await page.evaluate(() => window.location.reload());
    await page.waitForSelector('#jupyterlab-splash', { state: 'detached' });
    await expect(page.sidebar.getTabLocator(SIDEBAR_ID)).toBeVisible();
    // The layout comes back with the sidebar open.
    const again = page.locator(`#${SIDEBAR_ID}`);
    const restored = await again
      .waitFor({ state: 'visible', timeout: 5000 })
      .then(() => true)
      .catch(() => false);
    if (!restored) {
      await page.sidebar.getTabLocator(SIDEBAR_ID).click();
    }
    await expect(again).toBeVisible();
    await again
      .locator('.jp-mlstudio-experiments-section')
      .scrollIntoViewIfNeeded();
    await again
      .locator(
        `.jp-mlstudio-experiment-row[data-experiment-name="${experiment}"]`
      )
      .click();
    await expect(lossMin).toBeVisible();
  });
});
