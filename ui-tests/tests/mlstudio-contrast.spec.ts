/*
 * Readable in every theme: each ML Studio view keeps WCAG's contrast of 4.5:1 (3:1 for large
 * text) between its text and what it is drawn on, in JupyterLab's light, dark and
 * high-contrast themes, and the charts take their colours from the theme. The views: the
 * sidebar, a job view, the runs table, a run view with its Traces, the compare view, the model
 * registry, a transform job view, an endpoint view and the new-job form. Screenshots of the
 * transform view and of the run's Traces in both themes at both sizes are attached to the
 * test's output for a look.
 */
import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';
import type { APIRequestContext } from '@playwright/test';

import { lowContrast } from './contrast';
import { API, mlflow, runJob, seedExperiment } from './screens/seed';
import { aws, csvInput } from './serving-seed';

const SIDEBAR_ID = 'mlstudio-sidebar';
const JOB = 'contrast-job';
const MODEL = 'contrast-model';
const TRANSFORM = 'contrast-batch';
const ENDPOINT = 'contrast-live';
const REGISTERED = 'contrast-classifier';
const THEMES = [
  'JupyterLab Light',
  'JupyterLab Dark',
  'JupyterLab Dark High Contrast'
];
const SIZES = [
  { name: '1400', width: 1400, height: 900 },
  { name: '1000', width: 1000, height: 700 }
];

test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  },
  viewport: { width: 1400, height: 900 }
});

/** Run a JupyterLab command in the page. */
async function execute(
  page: IJupyterLabPageFixture,
  id: string,
  args: Record<string, unknown> = {}
): Promise<void> {
  await page.evaluate(
    async ({ id, args }) => {
      // The command's answer (a widget) cannot travel back: drop it.
      await (window as any).jupyterapp.commands.execute(id, args);
    },
    { id, args }
  );
}

/** Two traces (one with a failed child span) sent as OTLP/JSON and tied to `runId`. */
async function seedTraces(
  request: APIRequestContext,
  runId: string
): Promise<void> {
  const answer = await request.get(
    `mlstudio/mlflow/api/2.0/mlflow/runs/get?run_id=${runId}`
  );
  expect(answer.ok(), await answer.text()).toBe(true);
  const { run } = (await answer.json()) as {
    run: { info: { experiment_id: string } };
  };
  const start = 1_767_607_200_000_000_000n;
  const span = (
    trace: string,
    id: string,
    name: string,
    offsetMs: number,
    lengthMs: number,
    extra: Record<string, unknown> = {}
  ): Record<string, unknown> => ({
    traceId: trace,
    spanId: id,
    name,
    startTimeUnixNano: String(start + BigInt(offsetMs) * 1_000_000n),
    endTimeUnixNano: String(
      start + BigInt(offsetMs + lengthMs) * 1_000_000n
    ),
    status: { code: 1 },
    attributes: [
      {
        key: 'mlflow.spanInputs',
        value: { stringValue: '{"question": "which digit is this?"}' }
      },
      { key: 'mlflow.spanOutputs', value: { stringValue: '"7"' } }
    ],
    ...extra
  });
  const first = '0af7651916cd43dd8448eb211c80319c';
  const second = '1bf7651916cd43dd8448eb211c80319d';
  const export_ = {
    resourceSpans: [
      {
        scopeSpans: [
          {
            spans: [
              span(first, 'b7ad6b7169203331', 'predict', 0, 420),
              span(first, 'b7ad6b7169203332', 'preprocess', 10, 80, {
                parentSpanId: 'b7ad6b7169203331'
              }),
              span(first, 'b7ad6b7169203333', 'model.predict_proba', 100, 300, {
                parentSpanId: 'b7ad6b7169203331'
              }),
              span(second, 'c7ad6b7169203331', 'predict', 1000, 150),
              span(second, 'c7ad6b7169203332', 'load_model', 1010, 120, {
                parentSpanId: 'c7ad6b7169203331',
                status: { code: 2, message: 'model.pkl is missing' }
              })
            ]
          }
        ]
      }
    ]
  };
  const sent = await request.post('mlstudio/mlflow/v1/traces', {
    headers: {
      'Content-Type': 'application/json',
      'X-Mlflow-Experiment-Id': run.info.experiment_id
    },
    data: JSON.stringify(export_)
  });
  expect(sent.ok(), await sent.text()).toBe(true);
  await mlflow(request, 'traces/link-to-run', {
    trace_ids: [`tr-${first}`, `tr-${second}`],
    run_id: runId
  });
}

/**
 * Text below 4.5:1 in `root` in each theme, as "theme view: element ratio" lines; `ready`
 * waits until the view is drawn.
 */
async function unreadable(
  page: IJupyterLabPageFixture,
  view: string,
  root: string,
  ready: () => Promise<void>
): Promise<string[]> {
  const found: string[] = [];
  for (const theme of THEMES) {
    await page.theme.setTheme(theme);
    await ready();
    for (const item of await lowContrast(page, root)) {
      found.push(`${theme} ${view}: ${item}`);
    }
  }
  return found;
}

test.describe.serial('Contrast in the light, dark and high-contrast themes', () => {
  test.setTimeout(480_000);

  test('every view keeps its text readable, and the charts follow the theme', async ({
    page,
    request
  }, testInfo) => {
    // Given a completed training job, its run with traces, a sweep of four runs, a registered
    // version, a completed transform job and an endpoint in service
    const jobRunId = await runJob(page, request, JOB, 'contrast');
    await seedTraces(request, jobRunId);
    const { experimentId, runIds } = await seedExperiment(
      request,
      'contrast-sweep'
    );
    const detail = await (
      await request.get(`${API}/training-jobs/${JOB}`)
    ).json();
    await aws(request, 'CreateModel', {
      ModelName: MODEL,
      ExecutionRoleArn: 'arn:aws:iam::000000000000:role/mlstudio',
      PrimaryContainer: {
        Image: 'default',
        ModelDataUrl: detail.model_artifacts.s3_model_artifacts
      }
    });
    const registered = await request.post(
      `${API}/models/${REGISTERED}/versions`,
      {
        data: {
          source: `runs:/${jobRunId}/model`,
          run_id: jobRunId,
          aliases: ['champion'],
          tags: { 'mlstudio.training_job': JOB }
        }
      }
    );
    expect(registered.status(), await registered.text()).toBe(201);
    const input = await csvInput(page, request, 'contrast/in', 20);
    await aws(request, 'CreateTransformJob', {
      TransformJobName: TRANSFORM,
      ModelName: MODEL,
      TransformInput: {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: input } },
        ContentType: 'text/csv',
        SplitType: 'Line'
      },
      TransformOutput: { S3OutputPath: input.replace(/\/in$/, "/out") },
      TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 }
    });
    const endpoint = await request.post(`${API}/endpoints`, {
      data: {
        model_name: MODEL,
        endpoint_name: ENDPOINT,
        instance_type: 'ml.m5.large'
      }
    });
    expect(endpoint.status(), await endpoint.text()).toBe(201);
    const found: string[] = [];

    // When each view is opened in each theme, Then its text is readable
    await page.sidebar.getTabLocator(SIDEBAR_ID).click();
    const sidebar = page.locator(`#${SIDEBAR_ID}`);
    const collapsed = sidebar.locator(
      '.jp-mlstudio-section-toggle[aria-expanded="false"]'
    );
    while ((await collapsed.count()) > 0) {
      await collapsed.first().click();
    }
    found.push(
      ...(await unreadable(page, 'sidebar', `#${SIDEBAR_ID}`, async () => {
        await expect(
          sidebar.locator(`.jp-mlstudio-job-row[data-job-name="${JOB}"]`)
        ).toBeVisible();
      }))
    );
    await page.sidebar.close('left');

    await execute(page, 'mlstudio:open-training-job', { name: JOB });
    const job = page.locator(`.jp-mlstudio-job-view[data-job-name="${JOB}"]`);
    found.push(
      ...(await unreadable(page, 'job view', '.jp-mlstudio-job-view', async () => {
        await expect(job).toHaveAttribute('data-status', 'Completed');
        await expect(job.locator('.jp-mlstudio-metric canvas').first()).toBeVisible();
      }))
    );
    const runColor = await page.evaluate(() =>
      getComputedStyle(document.body)
        .getPropertyValue('--jp-mlstudio-run-color-0')
        .trim()
    );
    expect(runColor).toBe('#3db8ff');
    await page.screenshot({ path: testInfo.outputPath('hc-job.png') });

    await execute(page, 'mlstudio:open-experiment', { experimentId });
    const runs = page.locator(
      `.jp-mlstudio-runs-view[data-experiment-id="${experimentId}"]`
    );
    found.push(
      ...(await unreadable(
        page,
        'runs table',
        `.jp-mlstudio-runs-view[data-experiment-id="${experimentId}"]`,
        async () => {
          await expect(runs.locator('.jp-mlstudio-run-row')).toHaveCount(4);
        }
      ))
    );

    await execute(page, 'mlstudio:compare-runs', { runIds });
    const compare = page.locator('.jp-mlstudio-compare-view');
    found.push(
      ...(await unreadable(page, 'compare view', '.jp-mlstudio-compare-view', async () => {
        await expect(compare).toHaveAttribute('data-run-count', '4');
        await expect(
          compare.locator('.jp-mlstudio-parallel-chart canvas').first()
        ).toBeVisible();
      }))
    );

    await execute(page, 'mlstudio:open-run', { runId: jobRunId });
    const run = page.locator(`.jp-mlstudio-run-view[data-run-id="${jobRunId}"]`);
    const traces = run.locator('.jp-mlstudio-run-traces');
    const runReady = async (): Promise<void> => {
      await expect(run.locator('.jp-mlstudio-metric canvas').first()).toBeVisible();
      await expect(traces.locator('.jp-mlstudio-trace')).toHaveCount(2);
    };
    await runReady();
    // Every span open, so their inputs and outputs are checked too.
    const closed = traces.locator('.jp-mlstudio-span-row[aria-expanded="false"]');
    while ((await closed.count()) > 0) {
      await closed.first().click();
    }
    found.push(
      ...(await unreadable(
        page,
        'run view',
        `.jp-mlstudio-run-view[data-run-id="${jobRunId}"]`,
        runReady
      ))
    );
    await traces.scrollIntoViewIfNeeded();
    for (const theme of ['light', 'dark']) {
      await page.theme.setTheme(theme === 'light' ? THEMES[0] : THEMES[1]);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await traces.scrollIntoViewIfNeeded();
        await page.screenshot({
          path: testInfo.outputPath(`traces-${theme}-${size.name}.png`)
        });
      }
    }
    await page.setViewportSize({ width: 1400, height: 900 });

    await execute(page, 'mlstudio:open-model-registry', { name: REGISTERED });
    const registry = page.locator('.jp-mlstudio-registry-view');
    found.push(
      ...(await unreadable(page, 'registry', '.jp-mlstudio-registry-view', async () => {
        await expect(registry.locator('.jp-mlstudio-model-version')).toHaveCount(1);
      }))
    );

    await execute(page, 'mlstudio:open-transform-job', { name: TRANSFORM });
    const transform = page.locator(
      `.jp-mlstudio-transform-view[data-job-name="${TRANSFORM}"]`
    );
    await expect(transform).toHaveAttribute('data-status', 'Completed', {
      timeout: 180_000
    });
    found.push(
      ...(await unreadable(
        page,
        'transform view',
        '.jp-mlstudio-transform-view',
        async () => {
          await expect(transform.locator('.jp-mlstudio-log-line').first()).toBeVisible();
        }
      ))
    );
    for (const theme of ['light', 'dark']) {
      await page.theme.setTheme(theme === 'light' ? THEMES[0] : THEMES[1]);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await page.screenshot({
          path: testInfo.outputPath(`transform-${theme}-${size.name}.png`)
        });
      }
    }
    await page.setViewportSize({ width: 1400, height: 900 });

    await execute(page, 'mlstudio:open-endpoint', { name: ENDPOINT });
    const live = page.locator(`.jp-mlstudio-endpoint-view[data-endpoint="${ENDPOINT}"]`);
    await expect(
      live.locator('.jp-mlstudio-endpoint-status').first()
    ).toHaveAttribute('data-status', 'InService', { timeout: 120_000 });
    found.push(
      ...(await unreadable(page, 'endpoint view', '.jp-mlstudio-endpoint-view', async () => {
        await expect(live).toBeVisible();
      }))
    );
    await page.screenshot({ path: testInfo.outputPath('endpoint.png') });
    await request.delete(`${API}/endpoints/${ENDPOINT}`);

    await execute(page, 'mlstudio:new-training-job');
    const form = page.locator('.jp-mlstudio-job-form');
    found.push(
      ...(await unreadable(page, 'job form', '.jp-mlstudio-job-form', async () => {
        await expect(form.locator('[data-field="instanceType"] select')).toBeVisible();
      }))
    );

    expect(found).toEqual([]);
  });
});
