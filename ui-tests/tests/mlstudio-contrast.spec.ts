/*
 * The high-contrast theme (JupyterLab Dark High Contrast): every piece of ML Studio text in
 * the sidebar and a job view keeps WCAG's contrast of 4.5:1 against what it is drawn on, and
 * the charts take their colours from the theme. Screenshots of both are attached to the
 * test's output for a look.
 */
import { expect, galata, test } from '@jupyterlab/galata';

import { lowContrast } from './contrast';
import { runJob } from './screens/seed';

const SIDEBAR_ID = 'mlstudio-sidebar';
const THEME = 'JupyterLab Dark High Contrast';
const JOB = 'contrast-job';

test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  },
  viewport: { width: 1400, height: 900 }
});

test('the high-contrast theme keeps the sidebar and a job view readable', async ({
  page,
  request
}, testInfo) => {
  test.setTimeout(240_000);
  // Given a completed job (its view draws charts) and the high-contrast theme
  await runJob(page, request, JOB, 'contrast');
  await page.theme.setTheme(THEME);
  expect(await page.theme.getTheme()).toBe(THEME);

  // When the sidebar is opened with every section expanded
  await page.sidebar.getTabLocator(SIDEBAR_ID).click();
  const sidebar = page.locator(`#${SIDEBAR_ID}`);
  const collapsed = sidebar.locator(
    '.jp-mlstudio-section-toggle[aria-expanded="false"]'
  );
  while ((await collapsed.count()) > 0) {
    await collapsed.first().click();
  }
  await expect(
    sidebar.locator(`.jp-mlstudio-job-row[data-job-name="${JOB}"]`)
  ).toBeVisible();
  await sidebar.screenshot({ path: testInfo.outputPath('hc-sidebar.png') });

  // Then all its text is readable
  expect(await lowContrast(page, `#${SIDEBAR_ID}`)).toEqual([]);

  // And so is the job view, whose charts draw with the theme's colours
  await page.evaluate(async name => {
    await (window as any).jupyterapp.commands.execute(
      'mlstudio:open-training-job',
      { name }
    );
  }, JOB);
  const view = page.locator(`.jp-mlstudio-job-view[data-job-name="${JOB}"]`);
  await expect(view).toHaveAttribute('data-status', 'Completed');
  await expect(
    view.locator('.jp-mlstudio-metric canvas').first()
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('hc-job.png') });
  expect(await lowContrast(page, '.jp-mlstudio-job-view')).toEqual([]);
  const runColor = await page.evaluate(() =>
    getComputedStyle(document.body)
      .getPropertyValue('--jp-mlstudio-run-color-0')
      .trim()
  );
  expect(runColor).toBe('#3db8ff');
});
