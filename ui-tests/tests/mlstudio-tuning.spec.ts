import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';
import type { APIRequestContext } from '@playwright/test';

const SIDEBAR_ID = 'mlstudio-sidebar';
const API = 'mlstudio/api/v1';

/** Prints `epoch=N loss=X` with X = 1/N (more epochs, lower loss), pausing between epochs. */
const TRAIN_SCRIPT = `
import argparse
import os
import time

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--sleep", type=float, default=0.05)
args, _ = parser.parse_known_args()
for epoch in range(1, args.epochs + 1):
    print(f"epoch={epoch} loss={1.0 / epoch:.4f}", flush=True)
    time.sleep(args.sleep)
with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.txt"), "w") as model:
    model.write("trained")
`;

// No background refresh: what the page shows must come from the server's events.
test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  },
  viewport: { width: 1400, height: 900 }
});

function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e3)}`;
}

/** A completed training job whose script the tuning form can tune. */
async function completedJob(
  page: IJupyterLabPageFixture,
  request: APIRequestContext,
  tmpPath: string
): Promise<string> {
  const root = (await (await request.get(`${API}/status`)).json())
    .workspace_root;
  expect(
    await page.contents.uploadContent(
      TRAIN_SCRIPT,
      'text',
      `${tmpPath}/train.py`
    )
  ).toBe(true);
  const name = uniqueName('base');
  const answer = await request.post(`${API}/training-jobs`, {
    data: {
      training_job_name: name,
      algorithm_specification: {
        training_image: 'default',
        metric_definitions: [{ name: 'loss', regex: 'loss=([0-9.]+)' }]
      },
      hyper_parameters: {
        epochs: '3',
        sleep: '0.6',
        sagemaker_program: 'train.py',
        sagemaker_submit_directory: `file://${root}/${tmpPath}`
      },
      output_data_config: { s3_output_path: `file://${root}/${tmpPath}/out` },
      resource_config: {
        instance_type: 'local',
        instance_count: 1,
        volume_size_in_gb: 30
      },
      stopping_condition: { max_runtime_in_seconds: 600 }
    }
  });
  expect(answer.status(), await answer.text()).toBe(201);
  await expect
    .poll(
      async () =>
        (await (await request.get(`${API}/training-jobs/${name}`)).json())
          .training_job_status,
      { timeout: 90_000 }
    )
    .toBe('Completed');
  return name;
}

test.describe('ML Studio tuning', () => {
  test('tunes a training job from its row, shows trials live with the best so far, stops', async ({
    page,
    request,
    tmpPath
  }) => {
    test.setTimeout(240_000);
    const job = await completedJob(page, request, tmpPath);

    // The job's row offers Tune; the form is filled from the job.
    await page.sidebar.getTabLocator(SIDEBAR_ID).click();
    const sidebar = page.locator(`#${SIDEBAR_ID}`);
    await sidebar
      .locator(`.jp-mlstudio-job-row[data-job-name="${job}"]`)
      .click({
        button: 'right'
      });
    await page
      .locator('.lm-Menu-item', { hasText: 'Tune Training Job' })
      .click();
    const form = page.locator('.jp-mlstudio-tune-form');
    await expect(form).toBeVisible();
    await expect(form.locator('select[name="objective"]')).toHaveValue('loss');
    const tuning = (await form
      .locator('input[name="name"]')
      .inputValue()) as string;
    expect(tuning).toBe(`${job.slice(0, 27).replace(/-+$/, '')}-tune`);

    // Search the epochs of the script, lower loss wins, one trial at a time.
    await form.locator('input[aria-label="Tune epochs"]').check();
    await form.locator('input[aria-label="Minimum of epochs"]').fill('1');
    await form.locator('input[aria-label="Maximum of epochs"]').fill('6');
    await form.locator('select[name="objectiveType"]').selectOption('Minimize');
    await form.locator('select[name="strategy"]').selectOption('Random');
    await form.locator('input[name="maxJobs"]').fill('8');
    await form.locator('.jp-mlstudio-tune-submit').click();

    // The tuning view opens and follows the search from the server's events.
    const view = page.locator('.jp-mlstudio-tuning-view');
    await expect(view).toBeVisible();
    await expect(view.locator('.jp-mlstudio-job-title')).toHaveText(tuning);
    const rows = view.locator('.jp-mlstudio-trials-table tbody tr');
    await expect(rows.nth(1)).toBeVisible({ timeout: 120_000 });
    await expect(view.locator('.jp-mlstudio-tuning-best')).toContainText(
      'Best so far: loss =',
      {
        timeout: 60_000
      }
    );
    await expect(
      view.locator('.jp-mlstudio-tuning-objective canvas').first()
    ).toBeVisible();
    await expect(
      view.locator('.jp-mlstudio-tuning-parallel canvas').first()
    ).toBeVisible();

    // Stop ends the search; its trials stay listed.
    const stop = view.locator('.jp-mlstudio-stop');
    await expect(stop).toBeEnabled();
    await stop.click();
    await expect(view).toHaveAttribute('data-status', 'Stopped', {
      timeout: 60_000
    });
    await expect(stop).toBeDisabled();
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    expect(await rows.count()).toBeLessThan(8);

    // The sidebar lists the tuning job with its status.
    await expect(
      sidebar.locator(`.jp-mlstudio-tuning-row[data-tuning-job="${tuning}"]`)
    ).toHaveAttribute('data-status', 'Stopped');
  });
});
