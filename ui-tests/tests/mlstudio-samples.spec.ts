/*
 * The sample notebooks from the launcher: its "ML Studio samples" section copies a sample into
 * the folder the launcher was opened in and opens it; a second copy never overwrites the first.
 */
import { expect, galata, test } from '@jupyterlab/galata';

/** Generous: several engineers share two cores while these tests run. */
const LOADED = 30_000;
const TITLE = 'k-means on handwritten digits';

test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  },
  kernels: async ({}, use) => use(null),
  sessions: async ({}, use) => use(null)
});

test('a sample opens from the launcher as a copy in the workspace, under a free name', async ({
  page,
  tmpPath
}) => {
  test.setTimeout(180_000);
  // Given the launcher, with its ML Studio samples section
  await page.evaluate(async () => {
    await (window as any).jupyterapp.commands.execute('launcher:create');
  });
  // The launcher on screen (the page may hold another behind it).
  const section = page.locator('.jp-Launcher:visible .jp-Launcher-section', {
    has: page.locator('.jp-Launcher-sectionTitle', {
      hasText: /^ML Studio samples$/
    })
  });
  const card = section.locator('.jp-LauncherCard', { hasText: TITLE });
  await expect(card).toBeVisible({ timeout: LOADED });
  await expect(section.locator('.jp-LauncherCard')).toHaveCount(5);

  // When the k-means sample is opened from it
  await card.click();

  // Then the notebook opens, copied into the launcher's folder with its cells
  const tab = page.locator('#jp-main-dock-panel .lm-TabBar-tab', {
    hasText: 'kmeans_digits.ipynb'
  });
  await expect(tab).toBeVisible({ timeout: LOADED });
  await expect(
    page.locator('.jp-NotebookPanel .jp-MarkdownCell').first()
  ).toContainText('Handwritten digits with the built-in k-means algorithm', {
    timeout: LOADED
  });
  expect(await page.contents.fileExists(`${tmpPath}/kmeans_digits.ipynb`)).toBe(
    true
  );

  // When it is opened a second time from a new launcher
  await page.evaluate(async () => {
    await (window as any).jupyterapp.commands.execute('launcher:create');
  });
  await section.locator('.jp-LauncherCard', { hasText: TITLE }).click();

  // Then the second copy has a name of its own and the first is left as it was
  await expect(
    page.locator('#jp-main-dock-panel .lm-TabBar-tab', {
      hasText: 'kmeans_digits-1.ipynb'
    })
  ).toBeVisible({ timeout: LOADED });
  expect(
    await page.contents.fileExists(`${tmpPath}/kmeans_digits-1.ipynb`)
  ).toBe(true);
});
