/*
 * Sharing a notebook: the Share button of its toolbar makes a read-only snapshot for the whole
 * domain and gives a link; the link opens the snapshot read-only, outputs included, in light
 * and dark themes; "Copy to my space" opens an editable copy with the same outputs.
 */
import { expect, galata, test } from '@jupyterlab/galata';

/** Generous: several engineers share two cores while these tests run. */
const LOADED = 30_000;

/** A notebook as its author left it: a heading, code and the output it printed. */
function notebook(): string {
  return JSON.stringify({
    cells: [
      {
        cell_type: 'markdown',
        id: 'intro',
        metadata: {},
        source: ['# Digits, shared']
      },
      {
        cell_type: 'code',
        id: 'answer',
        execution_count: 7,
        metadata: {},
        outputs: [
          { name: 'stdout', output_type: 'stream', text: ['answer: 42\n'] }
        ],
        source: ["print('answer:', 6 * 7)"]
      }
    ],
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' }
    },
    nbformat: 4,
    nbformat_minor: 5
  });
}

test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  },
  kernels: async ({}, use) => use(null),
  sessions: async ({}, use) => use(null)
});

test('a notebook is shared, opened read-only from its link and copied into the space', async ({
  page,
  tmpPath
}) => {
  test.setTimeout(240_000);
  // Given a notebook with outputs, open
  const name = `shared-${Date.now()}.ipynb`;
  await page.contents.uploadContent(notebook(), 'text', `${tmpPath}/${name}`);
  await page.filebrowser.open(`${tmpPath}/${name}`, 'Notebook');
  const panel = page.locator('.jp-NotebookPanel:visible');
  await expect(panel.locator('.jp-OutputArea-output')).toContainText(
    'answer: 42',
    { timeout: LOADED }
  );

  // When its author shares it with the whole domain from the toolbar
  await panel.locator('.jp-mlstudio-share-button').click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.locator('select.jp-mlstudio-share-recipient')).toBeVisible({
    timeout: LOADED
  });
  await dialog.locator('button', { hasText: /^Share$/ }).click();

  // Then a link to send is shown
  const link = page.locator('.jp-Dialog input.jp-mlstudio-share-link');
  await expect(link).toBeVisible({ timeout: LOADED });
  const url = await link.inputValue();
  expect(url).toMatch(/\/lab\?mlstudio-snapshot=[0-9a-f]{32}$/);
  await page.locator('.jp-Dialog button', { hasText: /^Done$/ }).click();

  // When the link is opened (as a pasted address: Galata's goto would wait for the Launcher
  // to be the active tab, and the link makes the snapshot active instead)
  await page.evaluate(address => window.location.assign(address), url);
  const view = page.locator('.jp-mlstudio-snapshot-view');
  await expect(view).toBeVisible({ timeout: LOADED });

  // Then the notebook shows read-only, as its author saw it: heading, code, prompt, output
  await expect(view.locator('h1')).toContainText('Digits, shared');
  await expect(view.locator('.jp-mlstudio-snapshot-prompt')).toHaveText('[7]:');
  await expect(view.locator('.jp-mlstudio-snapshot-input')).toContainText(
    "print('answer:', 6 * 7)"
  );
  await expect(view.locator('.jp-OutputArea-output')).toContainText('answer: 42');
  await expect(view.locator('.jp-mlstudio-snapshot-facts')).toContainText(
    'Read-only snapshot'
  );
  expect(await view.locator('[contenteditable="true"], textarea').count()).toBe(0);
  await page.screenshot({ path: 'test-results/sharing-snapshot-light.png' });
  await page.evaluate(async () => {
    await (window as any).jupyterapp.commands.execute('apputils:change-theme', {
      theme: 'JupyterLab Dark'
    });
  });
  await expect(page.locator('body')).toHaveAttribute(
    'data-jp-theme-light',
    'false',
    { timeout: LOADED }
  );
  // The theme's change shows the splash over the page until the new theme is in
  await page
    .locator('#jupyterlab-splash')
    .waitFor({ state: 'detached', timeout: LOADED });
  await page.screenshot({ path: 'test-results/sharing-snapshot-dark.png' });

  // When the reader copies it into their space
  await view.locator('.jp-mlstudio-snapshot-copy').click();

  // Then an editable notebook opens with the same outputs
  const copy = page.locator('.jp-NotebookPanel:visible');
  await expect(copy.locator('.jp-OutputArea-output')).toContainText(
    'answer: 42',
    { timeout: LOADED }
  );
  await expect(
    page.getByRole('main').getByRole('tab', { selected: true })
  ).toContainText(
    name.replace('.ipynb', '')
  );
  await page.evaluate(async () => {
    await (window as any).jupyterapp.commands.execute('apputils:change-theme', {
      theme: 'JupyterLab Light'
    });
  });
});
