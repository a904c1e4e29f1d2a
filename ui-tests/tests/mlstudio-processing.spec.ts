import { expect, galata, test } from '@jupyterlab/galata';

import { lowContrast } from './contrast';
import { API, workspaceRoot } from './screens/seed';

const SIDEBAR_ID = 'mlstudio-sidebar';
const JOB = 'ui-prepare';
const BASE = '/opt/ml/processing';

/** Counts the rows of its input, writes a summary as its output and says so on exit. */
const SCRIPT = `
import os
rows = open("${BASE}/input/data/rows.csv").read().split()
print(f"read {len(rows)} rows", flush=True)
os.makedirs("${BASE}/output", exist_ok=True)
with open("${BASE}/output/summary.txt", "w") as out:
    out.write(f"{len(rows)}\\n")
os.makedirs("/opt/ml/output", exist_ok=True)
with open("/opt/ml/output/message", "w") as out:
    out.write(f"counted {len(rows)} rows")
print("done", flush=True)
`;

test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 2 }
  }
});

test('a processing job started on the REST face shows in the Jobs panel, opens, completes and its tab comes back after reload', async ({
  page,
  request
}, testInfo) => {
  test.setTimeout(60_000);
  // Given a script and 12 rows of input in the workspace, and a processing job over them
  // started through the REST face
  expect(
    await page.contents.uploadContent(SCRIPT, 'text', 'processing/code/count.py')
  ).toBe(true);
  const rows = Array.from({ length: 12 }, (_, row) => `${row},${row * 2}`);
  expect(
    await page.contents.uploadContent(
      `${rows.join('\n')}\n`,
      'text',
      'processing/in/rows.csv'
    )
  ).toBe(true);
  const root = await workspaceRoot(request);
  const input = `file://${root}/processing/in`;
  const output = `file://${root}/processing/out`;
  const created = await request.post(`${API}/processing-jobs`, {
    data: {
      processing_job_name: JOB,
      processing_resources: {
        cluster_config: {
          instance_type: 'ml.test.small',
          instance_count: 1,
          volume_size_in_gb: 1
        }
      },
      app_specification: {
        image_uri: 'default',
        container_entrypoint: ['python3', `${BASE}/input/code/count.py`]
      },
      processing_inputs: [
        {
          input_name: 'data',
          s3_input: {
            s3_uri: input,
            local_path: `${BASE}/input/data`,
            s3_data_type: 'S3Prefix'
          }
        },
        {
          input_name: 'code',
          s3_input: {
            s3_uri: `file://${root}/processing/code`,
            local_path: `${BASE}/input/code`,
            s3_data_type: 'S3Prefix'
          }
        }
      ],
      processing_output_config: {
        outputs: [
          {
            output_name: 'summary',
            s3_output: {
              s3_uri: output,
              local_path: `${BASE}/output`,
              s3_upload_mode: 'EndOfJob'
            }
          }
        ]
      },
      stopping_condition: { max_runtime_in_seconds: 120 }
    }
  });
  expect(created.status(), await created.text()).toBe(201);

  // When the Jobs section is opened
  await page.sidebar.getTabLocator(SIDEBAR_ID).click();
  const row = page.locator(
    `#${SIDEBAR_ID} .jp-mlstudio-job-row[data-job-name="${JOB}"]`
  );

  // Then the job is listed as a processing job
  await expect(row).toBeVisible({ timeout: 10_000 });
  await expect(row.locator('.jp-mlstudio-job-kind')).toHaveText('Processing');

  // And one click opens its view, which follows it to Completed
  await row.click();
  const view = page.locator(
    `.jp-mlstudio-processing-view[data-job-name="${JOB}"]`
  );
  await expect(view).toBeVisible();
  await expect(view).toHaveAttribute('data-status', 'Completed', {
    timeout: 20_000
  });
  const data = view.locator('[data-channels="input"] [data-channel="data"]');
  await expect(data.locator('[data-field="local-path"]')).toHaveText(
    `${BASE}/input/data`
  );
  await expect(data.locator('[data-field="s3-uri"]')).toHaveText(input);
  await expect(
    view.locator(
      '[data-channels="output"] [data-channel="summary"] [data-field="s3-uri"]'
    )
  ).toHaveText(output);
  await expect(view.locator('[data-fact="instances"]')).toHaveText(
    'ml.test.small'
  );
  await expect(view.locator('.jp-mlstudio-processing-exit-message')).toHaveText(
    'counted 12 rows'
  );
  await expect(view.locator('.jp-mlstudio-stop')).toHaveCount(0);
  await expect(
    view.locator('.jp-mlstudio-log-line', { hasText: 'read 12 rows' })
  ).toBeVisible();
  // The row follows too, and a second click focuses the same tab
  await expect(row).toHaveAttribute('data-status', 'Completed');
  await row.click();
  await expect(page.locator('.jp-mlstudio-processing-view')).toHaveCount(1);

  // And the output was uploaded where the job said
  const summary = await request.get(
    'api/contents/processing/out/summary.txt?content=1&type=file&format=text'
  );
  expect(summary.ok()).toBe(true);
  expect((await summary.json()).content.trim()).toBe('12');

  // And the view's text is readable in the light theme and in the dark one
  const VIEW = '.jp-mlstudio-processing-view';
  expect(await lowContrast(page, VIEW)).toEqual([]);
  await page.theme.setTheme('JupyterLab Dark');
  expect(await lowContrast(page, VIEW)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('processing-dark.png') });

  // When the layout holds the tab and the page is loaded anew (without Galata's `?reset`,
  // which would start from an empty workspace)
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const answer = await fetch('/lab/api/workspaces');
          return JSON.stringify(await answer.json());
        }),
      { timeout: 10_000 }
    )
    .toContain(`mlstudio-processing-job:${JOB}`);
  await page.evaluate(() => {
    window.location.assign(`${window.location.origin}/lab`);
  });
  await page.waitForFunction(() => (window as any).jupyterapp?.started, undefined, {
    timeout: 30_000
  });

  // Then the job's tab comes back, once, and shows the job
  await expect(
    page.locator(`.jp-mlstudio-processing-view[data-job-name="${JOB}"]`)
  ).toHaveAttribute('data-status', 'Completed', { timeout: 15_000 });
  await expect(page.locator('.jp-mlstudio-processing-view')).toHaveCount(1);
});
