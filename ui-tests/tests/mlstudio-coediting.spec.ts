/*
 * Co-editing on a shared space's server: two browser sessions (two people, as far as the
 * server can tell without a hub) open one notebook on a server with real-time collaboration on
 * (as a shared space's server runs, `--YDocExtension.disable_rtc=False`) and each sees what the
 * other types.
 *
 * fixme: written but not yet passing here (first run, 2026-12-07): the Galata helper that
 * opens the notebook timed out, and the co-edit did not reach the second session in time.
 */
import { expect, test } from '@playwright/test';

const LOADED = 60_000;

/** The co-editing server: the port after the main server's (see playwright.config.js). */
function collabUrl(): string {
  const base = new URL(String(test.info().project.use.baseURL));
  base.port = String(Number(base.port) + 1);
  return base.origin;
}

/** A fresh notebook on the co-editing server. */
async function makeNotebook(request: any, name: string): Promise<void> {
  const COLLAB_URL = collabUrl();
  const content = {
    cells: [
      {
        cell_type: 'code',
        id: 'shared-cell',
        execution_count: null,
        metadata: {},
        outputs: [],
        source: '# edited together\n'
      }
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5
  };
  const response = await request.put(`${COLLAB_URL}/api/contents/${name}`, {
    data: { type: 'notebook', format: 'json', content }
  });
  expect(response.ok()).toBe(true);
}

// Not yet passing: see the fixme note in the spec's header.
test.fixme('two sessions of a shared space co-edit one notebook and see each other', async ({
  browser,
  request
}) => {
  test.setTimeout(240_000);
  const COLLAB_URL = collabUrl();
  const name = `coedit-${Date.now()}.ipynb`;
  await makeNotebook(request, name);
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const ana = await first.newPage();
    const bo = await second.newPage();
    for (const page of [ana, bo]) {
      await page.goto(`${COLLAB_URL}/lab/tree/${name}`);
      await expect(page.locator('.jp-NotebookPanel .jp-Cell').first()).toContainText(
        'edited together',
        { timeout: LOADED }
      );
    }

    // When ana types in the shared cell
    const anaEditor = ana.locator('.jp-NotebookPanel .jp-Cell .cm-content').first();
    await anaEditor.click();
    await ana.keyboard.press('Control+End');
    await ana.keyboard.type('x = "typed by the first session"');

    // Then bo sees it in his own session
    await expect(bo.locator('.jp-NotebookPanel .jp-Cell').first()).toContainText(
      'typed by the first session',
      { timeout: LOADED }
    );

    // And what bo types reaches ana
    const boEditor = bo.locator('.jp-NotebookPanel .jp-Cell .cm-content').first();
    await boEditor.click();
    await bo.keyboard.press('Control+End');
    await bo.keyboard.press('Enter');
    await bo.keyboard.type('y = "typed by the second session"');
    await expect(ana.locator('.jp-NotebookPanel .jp-Cell').first()).toContainText(
      'typed by the second session',
      { timeout: LOADED }
    );
    await ana.screenshot({ path: 'test-results/coediting-first-session.png' });
  } finally {
    await first.close();
    await second.close();
  }
});
