/*
 * What a newcomer does after a first job: opens it and its run (one tab each, titled by what
 * they are, back after a reload), downloads the model, registers it, reads the runs table
 * scrolled sideways, and opens a notebook on a kernel that is not ML Studio's.
 */
import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

import { API, runJob } from './screens/seed';

const JOB = 'newcomer-job';
/** Generous: six engineers share two cores while these tests run. */
const LOADED = 30_000;

test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  },
  viewport: { width: 1400, height: 900 },
  kernels: async ({}, use) => use(null),
  sessions: async ({}, use) => use(null)
});

/** The job's run id; the job runs once per server (a retried worker finds it done). */
async function seed(page: IJupyterLabPageFixture): Promise<string> {
  const found = await page.request.get(`${API}/training-jobs/${JOB}`);
  if (found.ok()) {
    const detail = await found.json();
    if (detail.training_job_status === 'Completed') {
      return detail.run_id;
    }
  }
  return runJob(page, page.request, JOB, 'newcomer');
}

async function execute(
  page: IJupyterLabPageFixture,
  id: string,
  args: Record<string, unknown> = {}
): Promise<void> {
  await page.evaluate(
    async ({ id, args }) => {
      // The command's result (a widget) cannot leave the page.
      await (window as any).jupyterapp.commands.execute(id, args);
    },
    { id, args }
  );
}

/** The main area's tab bar entries whose label is `label`. */
function tabs(page: IJupyterLabPageFixture, label: string): Locator {
  return page.locator('#jp-main-dock-panel .lm-TabBar-tab', {
    has: page.locator('.lm-TabBar-tabLabel', {
      hasText: new RegExp(`^${label}$`)
    })
  });
}

test('a job and its run open once each, titled by what they are, and come back after a reload', async ({
  page,
  tmpPath
}) => {
  test.setTimeout(240_000);
  const run = await seed(page);

  // When the job is opened twice and its run once
  await execute(page, 'mlstudio:open-training-job', { name: JOB });
  await execute(page, 'mlstudio:open-training-job', { name: JOB });
  await execute(page, 'mlstudio:open-run', { runId: run });
  await expect(
    page.locator(`.jp-mlstudio-run-view[data-run-id="${run}"]`)
  ).toBeVisible({
    timeout: LOADED
  });

  // Then there is one tab for each, and they say which is which
  await expect(tabs(page, `Job ${JOB}`)).toHaveCount(1);
  await expect(tabs(page, `Run ${JOB}`)).toHaveCount(1);

  // And each kind of view has its own icon
  const jobIcon = await tabs(page, `Job ${JOB}`)
    .locator('svg')
    .first()
    .innerHTML();
  const runIcon = await tabs(page, `Run ${JOB}`)
    .locator('svg')
    .first()
    .innerHTML();
  expect(jobIcon).not.toEqual(runIcon);

  // When the job is opened again from the run's tab, its tab comes to the front
  await execute(page, 'mlstudio:open-training-job', { name: JOB });
  await expect(tabs(page, `Job ${JOB}`)).toHaveClass(/lm-mod-current/);

  // And once the layout is saved, a reload brings both tabs back
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const answer = await fetch('/lab/api/workspaces');
          return JSON.stringify(await answer.json());
        }),
      { timeout: LOADED }
    )
    .toContain(run);
  // Loaded anew without Galata's "?reset" (an empty layout) and without waiting for the
  // launcher, which the restored tabs cover.
  await page.evaluate(path => {
    window.location.assign(`${window.location.origin}/lab/tree/${path}`);
  }, tmpPath);
  await page.waitForFunction(
    () => (window as any).jupyterapp?.started,
    undefined,
    {
      timeout: 60_000
    }
  );
  await expect(tabs(page, `Job ${JOB}`)).toHaveCount(1, { timeout: 60_000 });
  await expect(tabs(page, `Run ${JOB}`)).toHaveCount(1, { timeout: LOADED });
});

test("the job's model and output download through the server, and its run lists them", async ({
  page
}) => {
  test.setTimeout(240_000);
  const run = await seed(page);
  await execute(page, 'mlstudio:open-training-job', { name: JOB });
  const view = page.locator(`.jp-mlstudio-job-view[data-job-name="${JOB}"]`);
  await expect(view).toHaveAttribute('data-status', 'Completed', {
    timeout: LOADED
  });

  // A finished job: no Stop button, and the status is said once
  await expect(view.locator('button', { hasText: /^Stop$/ })).toHaveCount(0);

  // When the model link is clicked, the browser saves the archive the server sends
  const model = view
    .locator('.jp-mlstudio-job-artifacts a.jp-mlstudio-download')
    .first();
  await expect(model).toBeVisible({ timeout: LOADED });
  expect(await model.getAttribute('href')).not.toMatch(/^file:/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    model.click()
  ]);
  expect(download.suggestedFilename()).toBe(`${JOB}-model.tar.gz`);

  // And the run lists the model and the output among its artifacts
  const listing = await page.request.get(`${API}/runs/${run}/artifacts`);
  expect(listing.ok()).toBe(true);
  const paths = ((await listing.json()).entries as { path: string }[]).map(
    item => item.path
  );
  expect(paths.sort()).toEqual(['model', 'output']);
});

test('Register model on a completed job makes a version that links back to its run', async ({
  page
}) => {
  test.setTimeout(240_000);
  const run = await seed(page);
  await execute(page, 'mlstudio:open-training-job', { name: JOB });
  const view = page.locator(`.jp-mlstudio-job-view[data-job-name="${JOB}"]`);
  await expect(view).toHaveAttribute('data-status', 'Completed', {
    timeout: LOADED
  });

  // When Register model is pressed and the dialog is filled in
  await view.locator('.jp-mlstudio-register-model').click();
  const form = page.locator('.jp-mlstudio-register-model-form');
  await expect(form).toBeVisible();
  await form.locator('#jp-mlstudio-register-name').fill('newcomer-model');
  await form.locator('#jp-mlstudio-register-aliases').fill('champion');
  await form.locator('button[type="submit"]').click();

  // Then the dialog says it is done, and the registry holds version 1 from the run
  await expect(page.locator('.jp-mlstudio-register-done')).toBeVisible({
    timeout: LOADED
  });
  const answer = await page.request.get(`${API}/models/newcomer-model`);
  expect(answer.ok()).toBe(true);
  const detail = await answer.json();
  expect(detail.model.aliases).toEqual({ champion: 1 });
  expect(detail.versions[0].run_id).toBe(run);

  // And a bad alias is a sentence next to its field, not a request
  await page.locator('.jp-mlstudio-register-done .jp-mod-reject').click();
  await view.locator('.jp-mlstudio-register-model').click();
  await form.locator('#jp-mlstudio-register-name').fill('newcomer-model');
  await form.locator('#jp-mlstudio-register-aliases').fill('latest');
  await form.locator('button[type="submit"]').click();
  await expect(form.locator('[data-field="aliases"]')).toContainText(
    /reserved|cannot/i
  );
  await form.locator('.jp-mod-reject').click();
});

test('the runs table keeps the selection and Name in view while it scrolls sideways', async ({
  page
}) => {
  test.setTimeout(240_000);
  const run = await seed(page);
  const found = await page.request.get(`${API}/runs/${run}`);
  const experimentId: string = (await found.json()).experiment_id;
  await page.setViewportSize({ width: 700, height: 700 });
  await execute(page, 'mlstudio:open-experiment', { experimentId });
  const view = page.locator(
    `.jp-mlstudio-runs-view[data-experiment-id="${experimentId}"]`
  );
  const row = view.locator('.jp-mlstudio-run-row').first();
  await expect(row).toBeVisible({ timeout: LOADED });

  // Given a table wider than its view
  const table = view.locator('.jp-mlstudio-runs-body');
  const widths = await table.evaluate(node => [
    node.scrollWidth,
    node.clientWidth
  ]);
  expect(widths[0]).toBeGreaterThan(widths[1]);

  // When it scrolls sideways to the end
  const name = row.locator('.jp-mlstudio-run-name');
  const before = (await name.boundingBox())!;
  await table.evaluate(node => node.scrollTo({ left: node.scrollWidth }));

  // Then Name has not moved
  await expect
    .poll(async () => (await name.boundingBox())!.x)
    .toBeCloseTo(before.x, 0);
});

test('a notebook on a kernel outside ML Studio: the pickers say so and ask before switching', async ({
  page,
  tmpPath
}) => {
  test.setTimeout(240_000);
  const path = `${tmpPath}/plain.ipynb`;
  const created = await page.request.put(`api/contents/${path}`, {
    data: {
      type: 'notebook',
      format: 'json',
      content: {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {
          kernelspec: {
            name: 'python3',
            display_name: 'Python 3 (ipykernel)',
            language: 'python'
          }
        },
        cells: []
      }
    }
  });
  expect(created.ok()).toBe(true);

  // When the notebook opens on python3
  await page.filebrowser.open(path);
  const panel = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const image = panel.locator(
    '.jp-mlstudio-picker-button[data-picker="image"]'
  );

  // Then the pickers are muted and say why, instead of "default / local"
  await expect(
    panel.locator('[data-picker="image"].jp-mlstudio-is-muted')
  ).toBeVisible({
    timeout: LOADED
  });
  await expect(panel.locator('[data-picker="image"]').first()).toHaveAttribute(
    'title',
    /python3 is not an ML Studio kernel/
  );

  // When a type is picked, the user is asked first; declining keeps the kernel
  await image.click();
  const list = page.locator('[data-picker-list="image"]');
  await expect(list).toContainText('not an ML Studio kernel');
  // (the first image that can run: other tests may have registered broken ones)
  await list
    .locator('[role="option"]:not([aria-disabled="true"])')
    .first()
    .click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toBeVisible();
  await dialog.locator('.jp-mod-reject').click();
  await expect(dialog).toHaveCount(0);
  await expect(
    panel.locator('[data-picker="image"].jp-mlstudio-is-muted')
  ).toBeVisible();

  const sessions = await page.request.get('api/sessions');
  for (const session of await sessions.json()) {
    await page.request.delete(`api/sessions/${session.id}`);
  }
});
