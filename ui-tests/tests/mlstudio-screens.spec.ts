/*
 * Screenshots of every ML Studio view in the light and dark themes at 1400×900 and
 * 1000×700, compared with the references checked in next to this file: a broken layout or
 * an unreadable chart fails here. The data are fixed (see screens/seed.ts), the page's clock
 * is frozen, animations are off, and what still varies between runs (real job times, paths
 * of the temporary server) is masked.
 *
 * This project runs before the others, on the fresh server, so the sidebar shows only what
 * these tests made. Regenerate the references with Debian's Chromium:
 *   jlpm playwright test --project screens --update-snapshots
 */
import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

import {
  API,
  EXPERIMENT,
  JOB,
  PAGE_TIME,
  runJob,
  seedExperiment
} from './screens/seed';

const SIDEBAR_ID = 'mlstudio-sidebar';

const SIZES = [
  { name: '1400', width: 1400, height: 900 },
  { name: '1000', width: 1000, height: 700 }
];
const THEMES = ['light', 'dark'] as const;

test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  },
  viewport: { width: 1400, height: 900 }
});

// Seeded once: the tests of this file read what the first made.
test.describe.configure({ mode: 'serial' });

let seeded: {
  experimentId: string;
  runIds: string[];
  jobRunId: string;
} | null = null;

async function seed(
  page: IJupyterLabPageFixture
): Promise<NonNullable<typeof seeded>> {
  if (!seeded) {
    const request = page.request;
    const { experimentId, runIds } = await seedExperiment(request);
    const jobRunId = await runJob(page, request);
    seeded = { experimentId, runIds, jobRunId };
  }
  return seeded;
}

/** Run a JupyterLab command in the page. */
async function execute(
  page: IJupyterLabPageFixture,
  id: string,
  args: Record<string, unknown> = {}
): Promise<void> {
  await page.evaluate(
    ({ id, args }) => (window as any).jupyterapp.commands.execute(id, args),
    { id, args }
  );
}

/**
 * Screenshots of the page in both themes at both sizes, after `ready` says the view is
 * drawn; `masks` cover what varies between runs.
 */
async function shoot(
  page: IJupyterLabPageFixture,
  name: string,
  ready: () => Promise<void>,
  masks: () => Locator[] = () => []
): Promise<void> {
  for (const theme of THEMES) {
    if (theme === 'dark') {
      await page.theme.setDarkTheme();
    } else {
      await page.theme.setLightTheme();
    }
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await ready();
      await expect(page).toHaveScreenshot(`${name}-${theme}-${size.name}.png`, {
        mask: masks(),
        maxDiffPixelRatio: 0.002
      });
    }
  }
  await page.theme.setLightTheme();
}

async function openSidebar(page: IJupyterLabPageFixture): Promise<Locator> {
  await page.sidebar.getTabLocator(SIDEBAR_ID).click();
  const sidebar = page.locator(`#${SIDEBAR_ID}`);
  await expect(sidebar).toBeVisible();
  return sidebar;
}

/**
 * What differs from one run of the suite to the next: the real job's times, ids and the
 * paths of the temporary server, and what depends on the host (its CPUs and memory, which
 * backends answer).
 */
function masks(page: IJupyterLabPageFixture): Locator[] {
  return [
    page.locator('.jp-mlstudio-job-times'),
    page.locator('.jp-mlstudio-timeline-times'),
    page.locator('.jp-mlstudio-log-time'),
    page.locator('[data-varies]'),
    page.locator(
      '[data-fact="created"], [data-fact="training-time"], [data-fact="run"], [data-fact="run-id"], [data-fact="user"], [data-fact="started"], [data-fact="duration"], [data-fact="artifact-uri"]'
    ),
    page.locator('.jp-mlstudio-job-artifacts .jp-mlstudio-uri'),
    page.locator('[data-key="sagemaker_submit_directory"] td'),
    page.locator(
      '[data-section="mlstudio-status-section"] .jp-mlstudio-section-summary, [data-section="mlstudio-instance-types-section"] .jp-mlstudio-section-summary'
    ),
    page.locator('.jp-mlstudio-job-form [data-field="instanceType"] select'),
    page.locator(
      '.jp-mlstudio-job-form [data-field="instanceType"] .jp-mlstudio-field-hint'
    )
  ];
}

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(PAGE_TIME);
});

test('the sidebar and the launcher', async ({ page }) => {
  test.setTimeout(240_000);
  await seed(page);
  const sidebar = await openSidebar(page);
  await shoot(
    page,
    'sidebar',
    async () => {
      await expect(
        sidebar.locator(`.jp-mlstudio-job-row[data-job-name="${JOB}"]`)
      ).toBeVisible();
      await expect(
        sidebar.locator(
          `.jp-mlstudio-experiment-row[data-experiment-name="${EXPERIMENT}"]`
        )
      ).toBeVisible();
    },
    () => masks(page)
  );
});

test('the job view', async ({ page }) => {
  test.setTimeout(120_000);
  await seed(page);
  await execute(page, 'mlstudio:open-training-job', { name: JOB });
  const view = page.locator(`.jp-mlstudio-job-view[data-job-name="${JOB}"]`);
  await shoot(
    page,
    'job',
    async () => {
      await expect(view).toHaveAttribute('data-status', 'Completed');
      await expect(
        view.locator('.jp-mlstudio-metric canvas').first()
      ).toBeVisible();
      await expect(view.locator('.jp-mlstudio-log-count')).toContainText(
        'lines'
      );
    },
    () => masks(page)
  );
});

test('the runs table', async ({ page }) => {
  const { experimentId } = await seed(page);
  await execute(page, 'mlstudio:open-experiment', { experimentId });
  const view = page.locator(
    `.jp-mlstudio-runs-view[data-experiment-id="${experimentId}"]`
  );
  await shoot(
    page,
    'runs',
    async () => {
      await expect(view.locator('.jp-mlstudio-run-row')).toHaveCount(4);
    },
    () => masks(page)
  );
});

test('the run view of the job', async ({ page }) => {
  const { jobRunId } = await seed(page);
  await execute(page, 'mlstudio:open-run', { runId: jobRunId });
  const view = page.locator(`.jp-mlstudio-run-view[data-run-id="${jobRunId}"]`);
  await shoot(
    page,
    'run',
    async () => {
      await expect(
        view.locator('.jp-mlstudio-metric canvas').first()
      ).toBeVisible();
    },
    () => masks(page)
  );
});

test('the comparison of four runs', async ({ page }) => {
  const { runIds } = await seed(page);
  await execute(page, 'mlstudio:compare-runs', { runIds });
  const view = page.locator('.jp-mlstudio-compare-view');
  await shoot(
    page,
    'compare',
    async () => {
      await expect(view).toHaveAttribute('data-run-count', '4');
      await expect(
        view.locator('.jp-mlstudio-parallel-chart canvas').first()
      ).toBeVisible();
    },
    () => masks(page)
  );
});

test('the model registry', async ({ page }) => {
  await seed(page);
  const answer = await page.request.post(
    `${API}/models/digits-classifier/versions`,
    {
      data: {
        source: `runs:/${seeded!.jobRunId}/model`,
        run_id: seeded!.jobRunId,
        aliases: ['champion'],
        description: 'SGD on the digits, 15 epochs',
        tags: { 'mlstudio.training_job': JOB }
      }
    }
  );
  expect(answer.status(), await answer.text()).toBe(201);
  await execute(page, 'mlstudio:open-model-registry', {
    name: 'digits-classifier'
  });
  const view = page.locator('.jp-mlstudio-registry-view');
  await shoot(
    page,
    'registry',
    async () => {
      await expect(view.locator('.jp-mlstudio-model-version')).toHaveCount(1);
    },
    () => [
      ...masks(page),
      view.locator('.jp-mlstudio-model-version .jp-mlstudio-summary'),
      view.locator('.jp-mlstudio-facts dd')
    ]
  );
});

test('the new training job form', async ({ page }) => {
  await seed(page);
  await execute(page, 'mlstudio:new-training-job');
  const form = page.locator('.jp-mlstudio-job-form');
  await shoot(
    page,
    'job-form',
    async () => {
      await expect(
        form.locator('[data-field="instanceType"] select')
      ).toBeVisible();
    },
    () => [...masks(page), form.locator('[data-field="name"] input')]
  );
});
