import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';
import type { APIRequestContext, Locator } from '@playwright/test';

const SIDEBAR_ID = 'mlstudio-sidebar';
const API = 'mlstudio/api/v1';

/**
 * The training script of these tests: it prints `epoch=N loss=X` lines (X = 1/N), writes a
 * model file where SageMaker's contract says, and ends. `--fail` makes it fail instead,
 * `--lines` prints that many extra numbered lines first.
 */
const TRAIN_SCRIPT = `
import argparse
import os
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=5)
parser.add_argument("--sleep", type=float, default=0.05)
parser.add_argument("--lines", type=int, default=0)
parser.add_argument("--fail", default="")
args, _ = parser.parse_known_args()

out = sys.stdout
for number in range(args.lines):
    out.write(f"line {number} loss={1.0 / (number + 1):.6f}\\n")
out.flush()
for epoch in range(1, args.epochs + 1):
    print(f"epoch={epoch} loss={1.0 / epoch:.4f}", flush=True)
    time.sleep(args.sleep)
if args.fail:
    raise RuntimeError(args.fail)
with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.txt"), "w") as model:
    model.write("trained")
print("done", flush=True)
`;

// No background refresh: what the page shows must come from the server's events.
test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  },
  viewport: { width: 1400, height: 900 }
});

/** A job name no other test or run uses. */
function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** The server's root folder, where tmpPath lives. */
async function workspaceRoot(request: APIRequestContext): Promise<string> {
  const answer = await request.get(`${API}/status`);
  expect(answer.ok()).toBe(true);
  return (await answer.json()).workspace_root;
}

/** Put the training script into the test's folder; returns its path below the root. */
async function writeScript(
  page: IJupyterLabPageFixture,
  tmpPath: string
): Promise<string> {
  const path = `${tmpPath}/train.py`;
  expect(await page.contents.uploadContent(TRAIN_SCRIPT, 'text', path)).toBe(
    true
  );
  return path;
}

/** Create a job through the REST API (for the tests that are not about the form). */
async function createJob(
  request: APIRequestContext,
  options: {
    name: string;
    root: string;
    script: string;
    hyperParameters: Record<string, string>;
  }
): Promise<void> {
  const folder = options.script.split('/').slice(0, -1).join('/');
  const answer = await request.post(`${API}/training-jobs`, {
    data: {
      training_job_name: options.name,
      algorithm_specification: {
        training_image: 'default',
        metric_definitions: [{ name: 'loss', regex: 'loss=([0-9.]+)' }]
      },
      hyper_parameters: {
        ...options.hyperParameters,
        sagemaker_program: 'train.py',
        sagemaker_submit_directory: `file://${options.root}/${folder}`
      },
      output_data_config: {
        s3_output_path: `file://${options.root}/${folder}/out`
      },
      resource_config: {
        instance_type: 'local',
        instance_count: 1,
        volume_size_in_gb: 30
      },
      stopping_condition: { max_runtime_in_seconds: 600 }
    }
  });
  expect(answer.status(), await answer.text()).toBe(201);
}

/**
 * Write the training script into the test's folder and create, through the REST API, a job
 * that runs it with these hyperparameters, under a new name starting with `prefix`.
 */
async function createScriptJob(
  page: IJupyterLabPageFixture,
  request: APIRequestContext,
  tmpPath: string,
  prefix: string,
  hyperParameters: Record<string, string>
): Promise<{ name: string; root: string; script: string }> {
  const root = await workspaceRoot(request);
  const script = await writeScript(page, tmpPath);
  const name = uniqueName(prefix);
  await createJob(request, { name, root, script, hyperParameters });
  return { name, root, script };
}

async function openSidebar(page: IJupyterLabPageFixture): Promise<Locator> {
  await page.sidebar.getTabLocator(SIDEBAR_ID).click();
  const sidebar = page.locator(`#${SIDEBAR_ID}`);
  await expect(sidebar).toBeVisible();
  return sidebar;
}

/** Open a job's view from its row in the Jobs section. */
async function openJobFromSidebar(
  page: IJupyterLabPageFixture,
  name: string
): Promise<Locator> {
  const sidebar = await openSidebar(page);
  await sidebar
    .locator(`.jp-mlstudio-job-row[data-job-name="${name}"]`)
    .click();
  const view = page.locator(`.jp-mlstudio-job-view[data-job-name="${name}"]`);
  await expect(view).toBeVisible();
  return view;
}

test.describe('ML Studio training jobs', () => {
  test('creates a job with the form, follows it to Completed, shows its logs and loss chart', async ({
    page,
    request,
    tmpPath
  }, testInfo) => {
    test.setTimeout(180_000);
    const errors: string[] = [];
    page.on('console', message => {
      if (message.type() === 'error') {
        errors.push(message.text());
      }
    });
    const root = await workspaceRoot(request);
    const script = await writeScript(page, tmpPath);
    const name = uniqueName('form');

    // The Jobs section's button opens the form.
    const sidebar = await openSidebar(page);
    await sidebar
      .locator('.jp-mlstudio-jobs-section .jp-mlstudio-new-job')
      .click();
    const form = page.locator('.jp-mlstudio-job-form');
    await expect(form).toBeVisible();
    const field = (key: string): Locator =>
      form.locator(`[data-field="${key}"]`);

    // A name SageMaker would refuse is refused here, with the reason, when the field is left.
    await expect(field('name').locator('input')).toHaveValue(
      /^training-job-\d{8}-\d{6}$/
    );
    await field('name').locator('input').fill('bad_name');
    await field('name').locator('input').blur();
    await expect(
      field('name').locator('.jp-mlstudio-field-error')
    ).toContainText('hyphens');
    await field('name').locator('input').fill(name);
    await expect(field('name').locator('.jp-mlstudio-field-error')).toHaveCount(
      0
    );

    // The image field shows the server's default image.
    await expect(field('image').locator('input')).toHaveAttribute(
      'placeholder',
      'default'
    );

    // Instance types: a GPU type is listed but cannot be chosen.
    const instanceType = field('instanceType').locator('select');
    await expect(
      instanceType.locator('option[value="ml.g5.xlarge"]')
    ).toBeDisabled();
    await instanceType.selectOption('ml.t3.medium');

    // The entry script completes from the workspace.
    const entryScript = field('entryScript').locator('input');
    await entryScript.fill(`${tmpPath}/`);
    await expect(
      field('entryScript').locator(`datalist option[value="${script}"]`)
    ).toHaveCount(1);
    await entryScript.fill(script);
    await expect(
      field('entryScript').locator('.jp-mlstudio-field-hint')
    ).toContainText(`${root}/${tmpPath}`);

    // Hyperparameters and the output path.
    await field('hyperParameters').locator('.jp-mlstudio-add-row').click();
    await field('hyperParameters')
      .locator('[data-row="0"] input[data-column="key"]')
      .fill('epochs');
    await field('hyperParameters')
      .locator('[data-row="0"] input[data-column="value"]')
      .fill('12');
    await field('outputPath')
      .locator('input')
      .fill(`file://${root}/${tmpPath}/out`);

    // A metric definition, tried on sample text by the server's regex engine.
    await field('metricDefinitions').locator('.jp-mlstudio-add-row').click();
    const metricRow = field('metricDefinitions').locator('[data-row="0"]');
    await metricRow.locator('input[data-column="name"]').fill('loss');
    await metricRow
      .locator('input[data-column="regex"]')
      .fill('loss=([0-9.]+)');
    await field('metricSample')
      .locator('textarea')
      .fill('epoch=1 loss=0.5\nsomething else\nepoch=2 loss=0.25');
    const preview = metricRow.locator(
      '.jp-mlstudio-metric-preview[data-metric="loss"]'
    );
    await expect(preview.locator('.jp-mlstudio-preview-value')).toHaveText([
      '0.5',
      '0.25'
    ]);

    await page
      .locator('.jp-mlstudio-job-form-panel')
      .screenshot({ path: testInfo.outputPath('mlstudio-job-form.png') });

    // Creating the job opens its view in place of the form.
    await form.locator('.jp-mlstudio-submit').click();
    const view = page.locator(`.jp-mlstudio-job-view[data-job-name="${name}"]`);
    await expect(view).toBeVisible();
    await expect(form).toHaveCount(0);

    // Events carry it to the end.
    await expect(view).toHaveAttribute('data-status', 'Completed', {
      timeout: 90_000
    });
    const header = view.locator('.jp-mlstudio-job-header');
    await expect(header.locator('.jp-mlstudio-job-status')).toHaveText(
      'Completed'
    );
    // A finished job has nothing to stop: no Stop button.
    await expect(header.locator('.jp-mlstudio-stop')).toHaveCount(0);
    await expect(view.locator('.jp-mlstudio-job-instances')).toHaveText(
      'ml.t3.medium'
    );
    await expect(view.locator('.jp-mlstudio-job-backend')).toHaveText(
      'process'
    );
    await expect(
      view.locator('.jp-mlstudio-hyperparameters [data-key="epochs"] td')
    ).toHaveText('12');
    // The model's place, and a link that downloads it through the server.
    const artifacts = view.locator('.jp-mlstudio-model-artifacts');
    await expect(artifacts).toContainText(
      `file://${root}/${tmpPath}/out/${name}/output/model.tar.gz`
    );
    await expect(artifacts).toContainText('Download model.tar.gz');
    const timeline = view.locator('.jp-mlstudio-timeline-step');
    await expect(timeline.first()).toHaveAttribute('data-status', 'Starting');
    await expect(timeline.last()).toHaveAttribute('data-status', 'Completed');

    // The log: every line, the last ones in view.
    const log = view.locator('.jp-mlstudio-log');
    await expect(log.locator('.jp-mlstudio-log-count')).toHaveAttribute(
      'data-total',
      '13'
    );
    await expect(
      log.locator('.jp-mlstudio-log-line', { hasText: 'epoch=12 loss=0.0833' })
    ).toBeVisible();
    await expect(
      log.locator('.jp-mlstudio-log-line', { hasText: 'done' })
    ).toBeVisible();

    // The loss chart: one point per epoch, all drawn.
    const chart = view.locator('.jp-mlstudio-metric[data-metric-key="loss"]');
    await expect(chart.locator('.jp-mlstudio-chart')).toHaveAttribute(
      'data-point-count',
      '12'
    );
    await expect(chart.locator('.jp-mlstudio-chart')).toHaveAttribute(
      'data-drawn-count',
      '12'
    );
    await expect(chart.locator('canvas')).toBeVisible();
    await expect(chart.locator('.jp-mlstudio-metric-last')).toHaveText(
      '0.0833'
    );

    // The Jobs section lists it as Completed.
    const row = sidebar.locator(
      `.jp-mlstudio-job-row[data-job-name="${name}"]`
    );
    await expect(row).toHaveAttribute('data-status', 'Completed');
    await expect(row.locator('.jp-mlstudio-job-status')).toHaveText(
      'Completed'
    );

    await page
      .locator('.jp-mlstudio-job-panel')
      .screenshot({ path: testInfo.outputPath('mlstudio-job-view.png') });
    await chart.locator('canvas').hover({ position: { x: 200, y: 60 } });
    await expect(chart.locator('.jp-mlstudio-chart-tooltip')).toContainText(
      'step'
    );
    await page.screenshot({
      path: testInfo.outputPath('mlstudio-jupyterlab.png')
    });

    // Opening it again brings the same tab forward.
    await row.click();
    await expect(page.locator('.jp-mlstudio-job-view')).toHaveCount(1);

    // The job's run opens from its link, with the loss the job logged.
    await page
      .locator('.jp-mlstudio-job-view .jp-mlstudio-job-run button')
      .click();
    const runView = page.locator('.jp-mlstudio-run-view');
    await expect(runView).toBeVisible();
    await expect(runView).toHaveAttribute('data-run-id', /^[0-9a-f]{32}$/);
    await expect(
      runView.locator('.jp-mlstudio-metric[data-metric-key="loss"]')
    ).toBeVisible();

    expect(errors.filter(text => /mlstudio|ML Studio/i.test(text))).toEqual([]);
  });

  test('stops a running job with the Stop button', async ({
    page,
    request,
    tmpPath
  }, testInfo) => {
    test.setTimeout(120_000);
    const { name } = await createScriptJob(page, request, tmpPath, 'long', {
      epochs: '100000',
      sleep: '0.2'
    });

    const view = await openJobFromSidebar(page, name);
    const header = view.locator('.jp-mlstudio-job-header');
    await expect(header.locator('.jp-mlstudio-secondary-status')).toHaveText(
      'Training',
      {
        timeout: 30_000
      }
    );
    // It runs: lines keep coming.
    await expect(
      view.locator('.jp-mlstudio-log-line', { hasText: 'epoch=3 ' })
    ).toBeVisible();
    const stop = header.locator('.jp-mlstudio-stop');
    await expect(stop).toBeEnabled();

    await stop.click();
    // Stop asks first.
    await page.locator('.jp-Dialog .jp-mod-accept').click();

    await expect(view).toHaveAttribute('data-status', 'Stopped', {
      timeout: 60_000
    });
    // A finished job has no Stop button.
    await expect(stop).toHaveCount(0);
    await expect(
      view.locator('.jp-mlstudio-timeline-step').last()
    ).toHaveAttribute('data-status', 'Stopped');
    await expect(
      page.locator(
        `#${SIDEBAR_ID} .jp-mlstudio-job-row[data-job-name="${name}"]`
      )
    ).toHaveAttribute('data-status', 'Stopped');
    await page
      .locator('.jp-mlstudio-job-panel')
      .screenshot({ path: testInfo.outputPath('mlstudio-job-stopped.png') });

    // The server refuses to stop it again; the view says why.
    const answer = await request.post(`${API}/training-jobs/${name}/stop`);
    expect(answer.status()).toBe(409);
  });

  test('shows why a job failed', async ({
    page,
    request,
    tmpPath
  }, testInfo) => {
    const { name } = await createScriptJob(page, request, tmpPath, 'fails', {
      epochs: '2',
      fail: 'the data set is empty'
    });

    const view = await openJobFromSidebar(page, name);

    await expect(view).toHaveAttribute('data-status', 'Failed', {
      timeout: 60_000
    });
    const failure = view.locator('.jp-mlstudio-failure');
    await expect(failure).toBeVisible();
    await expect(
      failure.locator('.jp-mlstudio-failure-reason')
    ).not.toBeEmpty();
    await expect(view.locator('.jp-mlstudio-log')).toContainText(
      'the data set is empty'
    );
    await page
      .locator('.jp-mlstudio-job-panel')
      .screenshot({ path: testInfo.outputPath('mlstudio-job-failed.png') });
  });

  test("puts the server's refusal next to the field it names", async ({
    page,
    request,
    tmpPath
  }) => {
    const { name, root, script } = await createScriptJob(
      page,
      request,
      tmpPath,
      'taken',
      {
        epochs: '1'
      }
    );

    await page.evaluate(async () => {
      await (window as any).jupyterapp.commands.execute(
        'mlstudio:new-training-job'
      );
    });
    const form = page.locator('.jp-mlstudio-job-form');
    const field = (key: string): Locator =>
      form.locator(`[data-field="${key}"]`);
    await field('name').locator('input').fill(name);
    await field('entryScript').locator('input').fill(script);
    await field('outputPath')
      .locator('input')
      .fill(`file://${root}/${tmpPath}/out`);

    await form.locator('.jp-mlstudio-submit').click();

    await expect(
      field('name').locator('.jp-mlstudio-field-error')
    ).toContainText('already exists');
    await expect(field('name').locator('input')).toBeFocused();

    // An image the server cannot run (no Docker, or not built there) is refused at the image.
    await field('name').locator('input').fill(uniqueName('other'));
    await field('image').locator('input').fill('no-such-image:0');
    await form.locator('.jp-mlstudio-submit').click();
    await expect(
      field('image').locator('.jp-mlstudio-field-error')
    ).toContainText('no-such-image:0');
    await expect(field('name').locator('.jp-mlstudio-field-error')).toHaveCount(
      0
    );
    await expect(form).toBeVisible();
  });

  test('opens jobs from the command palette and the context menu', async ({
    page,
    request,
    tmpPath
  }) => {
    const { name } = await createScriptJob(page, request, tmpPath, 'palette', {
      epochs: '1'
    });

    await page.keyboard.press('Control+Shift+c');
    const palette = page.locator('#command-palette');
    await palette.locator('.lm-CommandPalette-input').fill('Open Training Job');
    await palette
      .locator('.lm-CommandPalette-item', { hasText: 'Open Training Job' })
      .first()
      .click();
    const dialog = page.locator('.jp-Dialog');
    await dialog.locator('input').fill(name);
    await dialog.locator('.jp-mod-accept').click();
    await expect(
      page.locator(`.jp-mlstudio-job-view[data-job-name="${name}"]`)
    ).toBeVisible();

    // Closing it and opening it from the row's context menu.
    await page
      .locator('.lm-DockPanel-tabBar .lm-mod-current .lm-TabBar-tabCloseIcon')
      .click();
    await expect(page.locator('.jp-mlstudio-job-view')).toHaveCount(0);
    const sidebar = await openSidebar(page);
    await sidebar
      .locator(`.jp-mlstudio-job-row[data-job-name="${name}"]`)
      .click({ button: 'right' });
    await page
      .locator('.lm-Menu-item', { hasText: 'Open Training Job' })
      .click();
    await expect(
      page.locator(`.jp-mlstudio-job-view[data-job-name="${name}"]`)
    ).toBeVisible();

    // The File > New menu offers the form.
    await page.menu.clickMenuItem('File>New>Training Job');
    await expect(page.locator('.jp-mlstudio-job-form')).toBeVisible();
  });

  test('scrolls a log of 100,000 lines and draws its 100,000 points downsampled', async ({
    page,
    request,
    tmpPath
  }, testInfo) => {
    test.setTimeout(240_000);
    const { name } = await createScriptJob(page, request, tmpPath, 'big', {
      epochs: '0',
      lines: '100000'
    });
    // Wait for the server to have stored every line before looking.
    await expect
      .poll(
        async () =>
          (await (await request.get(`${API}/training-jobs/${name}`)).json())
            .training_job_status,
        { timeout: 180_000, intervals: [1000] }
      )
      .toBe('Completed');

    const view = await openJobFromSidebar(page, name);
    const log = view.locator('.jp-mlstudio-log');
    await expect(log.locator('.jp-mlstudio-log-count')).toHaveAttribute(
      'data-total',
      '100001'
    );

    // It opens on the tail: the last lines are shown, and only a window of rows exists. The
    // job has ended, so the log says it is complete instead of offering to follow it.
    await expect(
      log.locator('.jp-mlstudio-log-line', { hasText: 'line 99999 ' })
    ).toBeVisible();
    expect(await log.locator('.jp-mlstudio-log-line').count()).toBeLessThan(
      200
    );
    await expect(log.locator('.jp-mlstudio-log-ended')).toBeVisible();
    await expect(log.locator('.jp-mlstudio-follow')).toHaveCount(0);

    // Scrolling to the top reads the first page.
    const body = log.locator('.jp-mlstudio-log-body');
    await body.evaluate(node => {
      node.scrollTop = 0;
    });
    await expect(
      log.locator('.jp-mlstudio-log-line', { hasText: 'line 0 loss=' })
    ).toBeVisible();
    // And the middle.
    await body.evaluate(node => {
      node.scrollTop = node.scrollHeight / 2;
    });
    await expect(
      log.locator('.jp-mlstudio-log-line', { hasText: /line 500\d\d / }).first()
    ).toBeVisible();
    expect(await log.locator('.jp-mlstudio-log-line').count()).toBeLessThan(
      200
    );

    // And back to the end.
    await body.evaluate(node => {
      node.scrollTop = node.scrollHeight;
    });
    await expect(
      log.locator('.jp-mlstudio-log-line', { hasText: 'line 99999 ' })
    ).toBeVisible();

    // The chart holds every point and draws no more than its budget.
    const chart = view.locator(
      '.jp-mlstudio-metric[data-metric-key="loss"] .jp-mlstudio-chart'
    );
    await expect(chart).toHaveAttribute('data-point-count', '100000', {
      timeout: 30_000
    });
    await expect
      .poll(async () => Number(await chart.getAttribute('data-drawn-count')))
      .toBeGreaterThan(100);
    expect(
      Number(await chart.getAttribute('data-drawn-count'))
    ).toBeLessThanOrEqual(1000);

    await page
      .locator('.jp-mlstudio-job-panel')
      .screenshot({ path: testInfo.outputPath('mlstudio-job-big-log.png') });
  });
});
