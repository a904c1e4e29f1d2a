import { expect, galata, test } from '@jupyterlab/galata';

import { aws, csvInput, trainedModel } from './serving-seed';
import { workspaceRoot } from './screens/seed';

const SIDEBAR_ID = 'mlstudio-sidebar';
const JOB = 'digits-batch';
const MODEL = 'digits-model';

/** The model both tests serve, trained once by the first test that needs it. */
let modelReady = false;

async function ensureModel(
  page: Parameters<typeof trainedModel>[0],
  request: Parameters<typeof trainedModel>[1]
): Promise<void> {
  if (!modelReady) {
    await trainedModel(page, request, 'serving-source', 'serving', MODEL);
    modelReady = true;
  }
}

test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 2 }
  }
});

test.describe.serial('Serving: batch transform and endpoints', () => {
  // A real training job, then real serving units over its model.
  test.setTimeout(300_000);

  test('a transform job started on the AWS face shows in the Jobs panel, opens and completes', async ({
    page,
    request
  }) => {
    // Given a trained model and 50 rows of input, and a transform job started through the
    // AWS face as boto3 would start it
    await ensureModel(page, request);
    const input = await csvInput(page, request, 'transform/in', 50);
    const root = await workspaceRoot(request);
    await aws(request, 'CreateTransformJob', {
      TransformJobName: JOB,
      ModelName: MODEL,
      BatchStrategy: 'MultiRecord',
      TransformInput: {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: input } },
        ContentType: 'text/csv',
        SplitType: 'Line'
      },
      TransformOutput: {
        S3OutputPath: `file://${root}/transform/out`,
        Accept: 'text/csv',
        AssembleWith: 'Line'
      },
      TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 }
    });

    // When the Jobs section is opened
    await page.sidebar.getTabLocator(SIDEBAR_ID).click();
    const row = page.locator(
      `#${SIDEBAR_ID} .jp-mlstudio-job-row[data-job-name="${JOB}"]`
    );

    // Then the job is listed as a transform job beside the training job
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row.locator('.jp-mlstudio-job-kind')).toHaveText('Transform');
    await expect(
      page.locator(
        `#${SIDEBAR_ID} .jp-mlstudio-job-row[data-job-name="serving-source"] .jp-mlstudio-job-kind`
      )
    ).toHaveText('Training');

    // And one click opens its view, which follows it to Completed
    await row.click();
    const view = page.locator(
      `.jp-mlstudio-transform-view[data-job-name="${JOB}"]`
    );
    await expect(view).toBeVisible();
    await expect(view).toHaveAttribute('data-status', 'Completed', {
      timeout: 180_000
    });
    await expect(view.locator('[data-fact="model"]')).toHaveText(MODEL);
    await expect(view.locator('[data-fact="input"]')).toHaveText(input);
    await expect(view.locator('[data-fact="strategy"]')).toHaveText(
      'Split Line, MultiRecord'
    );
    await expect(view.locator('[data-fact="progress"]')).toHaveText(
      '1/1 objects, 50 records'
    );
    await expect(
      view.locator('.jp-mlstudio-timeline-step').last()
    ).toHaveAttribute('data-status', 'Completed');
    await expect(view.locator('.jp-mlstudio-stop')).toHaveCount(0);
    await expect(view.locator('.jp-mlstudio-log-line').first()).toBeVisible();
    // The row follows too, and a second click focuses the same tab
    await expect(row).toHaveAttribute('data-status', 'Completed');
    await row.click();
    await expect(page.locator('.jp-mlstudio-transform-view')).toHaveCount(1);

    // And the output holds one prediction per row
    const out = await request.get(
      'api/contents/transform/out/rows.csv.out?content=1&type=file&format=text'
    );
    expect(out.ok()).toBe(true);
    expect((await out.json()).content.trim().split('\n')).toHaveLength(50);
  });

  test('an endpoint shows live in the Endpoints section, answers from its view, and Delete asks', async ({
    page,
    request
  }, testInfo) => {
    // Given an endpoint deployed from the model in one step
    await ensureModel(page, request);
    const created = await request.post('mlstudio/api/v1/endpoints', {
      data: {
        model_name: MODEL,
        endpoint_name: 'digits-live',
        instance_type: 'ml.m5.large'
      }
    });
    expect(created.status(), await created.text()).toBe(201);

    // When the Endpoints section is opened
    await page.sidebar.getTabLocator(SIDEBAR_ID).click();
    const row = page.locator(
      `#${SIDEBAR_ID} .jp-mlstudio-endpoint-row[data-endpoint="digits-live"]`
    );

    // Then the endpoint is listed and its status follows it into service
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row.locator('.jp-mlstudio-endpoint-status')).toHaveAttribute(
      'data-status',
      'InService',
      { timeout: 120_000 }
    );

    // And its view opens, and a request from the view gets the model's answer
    await row.locator('.jp-mlstudio-endpoint-open').click();
    const view = page.locator(
      '.jp-mlstudio-endpoint-view[data-endpoint="digits-live"]'
    );
    await expect(view).toBeVisible();
    // in a tab that says what it is
    await expect(
      page.locator(
        '#jp-main-dock-panel .lm-TabBar-tab.jp-mod-current .lm-TabBar-tabLabel'
      )
    ).toHaveText('Endpoint digits-live');
    const features = Array.from({ length: 64 }, (_, index) => (index % 5) / 4);
    await view.locator('.jp-mlstudio-request-body').fill(features.join(','));
    await view.locator('.jp-mlstudio-request-type').selectOption('text/csv');
    await page.screenshot({ path: testInfo.outputPath('endpoint-view.png') });
    await view.locator('.jp-mlstudio-request-send').click();
    const result = view.locator('.jp-mlstudio-request-result');
    await expect(result).toHaveAttribute('data-status', '200', {
      timeout: 30_000
    });
    await expect(result.locator('.jp-mlstudio-request-meta')).toContainText(
      'from AllTraffic'
    );
    await expect(result.locator('.jp-mlstudio-request-answer')).toHaveText(
      /[0-9]/
    );

    // And Delete asks first: Cancel keeps it, Delete removes it
    await view.locator('.jp-mlstudio-endpoint-delete').click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('Delete endpoint digits-live?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toHaveCount(0);
    expect(
      (await request.get('mlstudio/api/v1/endpoints/digits-live')).status()
    ).toBe(200);
    await view.locator('.jp-mlstudio-endpoint-delete').click();
    await page
      .locator('.jp-Dialog')
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect
      .poll(
        async () =>
          (await request.get('mlstudio/api/v1/endpoints/digits-live')).status(),
        { timeout: 60_000, intervals: [500] }
      )
      .toBe(404);
    await expect(row).toHaveCount(0, { timeout: 30_000 });
  });
});
