import { expect, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

import { workspaceRoot } from './screens/seed';
import {
  createScriptJob,
  openSidebar,
  TRAINING_PAGE,
  uniqueName,
  writeScript
} from './training-seed';

test.use(TRAINING_PAGE);

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
});
