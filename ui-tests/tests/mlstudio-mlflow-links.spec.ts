import { expect, galata, test } from '@jupyterlab/galata';
import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';

const API = 'mlstudio/api/v1';
/** JupyterLab starting afresh in the new tab, on a machine shared with other tests. */
const LOADED = { timeout: 60_000 };
/** The tracking URI the mlflow client is given for this server's MLflow face. */
const TRACKING_PATH = 'mlstudio/mlflow';

// No background refresh: what the page shows comes from the reads the test causes.
test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  }
});

interface ICreatedRun {
  run_id: string;
  experiment_id: string;
}

/** Start a run in a new experiment through the REST API. */
async function startRun(request: APIRequestContext): Promise<ICreatedRun> {
  const experiment = `links-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const created = await request.post(`${API}/runs`, {
    data: { experiment_name: experiment, run_name: 'linked' }
  });
  expect(created.status(), await created.text()).toBe(201);
  return created.json();
}

/**
 * Open `link` in a new tab, as a user clicking the link the client printed does (Galata's
 * own `goto` waits for the Launcher, which a link does not show).
 */
async function follow(context: BrowserContext, link: string): Promise<Page> {
  const tab = await context.newPage();
  await tab.goto(link);
  return tab;
}

test.describe('MLflow links', () => {
  test('a run link as the mlflow client prints it opens the run view', async ({
    context,
    request,
    baseURL
  }) => {
    const run = await startRun(request);
    // "View run linked at: <tracking URI>/#/experiments/<id>/runs/<id>"
    const link = `${baseURL}/${TRACKING_PATH}/#/experiments/${run.experiment_id}/runs/${run.run_id}`;

    const page = await follow(context, link);

    const view = page.locator(
      `.jp-mlstudio-run-view[data-run-id="${run.run_id}"]`
    );
    await expect(view).toBeVisible(LOADED);
    // In the main area, in front.
    await expect(
      page.locator('#jp-main-dock-panel .lm-TabBar-tab.jp-mod-current')
    ).toHaveAttribute('title', 'Run linked (RUNNING)');
    // The address bar no longer carries the link: a reload does not open it again.
    await expect(page).toHaveURL(url => !url.search.includes('mlflow-link'));
  });

  test('an experiment link opens its runs', async ({
    context,
    request,
    baseURL
  }) => {
    const run = await startRun(request);

    const page = await follow(
      context,
      `${baseURL}/${TRACKING_PATH}#/experiments/${run.experiment_id}`
    );

    const view = page.locator(
      `.jp-mlstudio-runs-view[data-experiment-id="${run.experiment_id}"]`
    );
    await expect(view).toBeVisible(LOADED);
    await expect(
      view.locator('.jp-mlstudio-run-row[data-run-name="linked"]')
    ).toHaveCount(1);
  });
});
