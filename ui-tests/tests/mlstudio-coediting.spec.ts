/*
 * Co-editing in a shared space: two people open one notebook on a server with real-time
 * collaboration on (as the hub's launcher starts a shared space's server,
 * `--YDocExtension.disable_rtc=False`; playwright.config.js starts it on the main server's
 * port plus one) and each sees, live, what the other types. Two browser contexts are two
 * people to the server: each has a session (and an anonymous identity) of its own.
 */
import { expect, test, type Page } from '@playwright/test';

/** Generous: several engineers share two cores while these tests run. */
const LOADED = 60_000;

/** The co-editing server: the main server's port plus one (see playwright.config.js). */
function collabUrl(): string {
  const base = new URL(String(test.info().project.use.baseURL));
  base.port = String(Number(base.port) + 1);
  return base.origin;
}

/** A notebook of one code cell, written through the co-editing server's contents API. */
async function makeNotebook(request: any, url: string, name: string) {
  const content = {
    cells: [
      {
        cell_type: 'code',
        id: 'shared-cell',
        execution_count: null,
        metadata: {},
        outputs: [],
        source: '# edited together'
      }
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5
  };
  const answer = await request.put(`${url}/api/contents/${name}`, {
    data: { type: 'notebook', format: 'json', content }
  });
  expect(answer.ok()).toBe(true);
}

/** Open the notebook in JupyterLab (with no kernel: none is needed to edit) and wait until its
 * cell shows. */
async function open(page: Page, url: string, name: string): Promise<void> {
  await page.goto(`${url}/lab/tree/${name}`);
  // The notebook names no kernel, so JupyterLab asks for one: a modal dialog that would take
  // the keystrokes.
  const dialog = page.locator('.jp-Dialog', { hasText: 'Select Kernel' });
  await dialog
    .locator('button.jp-Dialog-button', { hasText: /^No Kernel$/ })
    .click({ timeout: LOADED });
  await expect(dialog).toHaveCount(0);
  await expect(
    page.locator('.jp-NotebookPanel .jp-Cell .cm-content').first()
  ).toContainText('edited together', { timeout: LOADED });
}

/** Type at the end of the notebook's first cell, on a line of its own. */
async function typeLine(page: Page, text: string): Promise<void> {
  await page.locator('.jp-NotebookPanel .jp-Cell .cm-content').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

test('two members of a shared space co-edit one notebook and see each other’s edits', async ({
  browser,
  request
}) => {
  test.setTimeout(300_000);
  const url = collabUrl();
  // The server runs with co-editing on (jupyter-collaboration's server extension answers)
  const page = await request.get(`${url}/lab`);
  expect(await page.text()).toContain('"disableRTC": false');

  const name = `coedit-${Date.now()}.ipynb`;
  await makeNotebook(request, url, name);
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const ana = await first.newPage();
    const bo = await second.newPage();
    // Given both have the notebook open
    await open(ana, url, name);
    await open(bo, url, name);

    // When ana types in the cell, bo sees it in his own page, without a reload
    await typeLine(ana, 'x = "typed by ana"');
    const boCell = bo.locator('.jp-NotebookPanel .jp-Cell .cm-content').first();
    await expect(boCell).toContainText('typed by ana', { timeout: LOADED });

    // And bo sees ana among the notebook's collaborators (two people to the server)
    const who = async (context: typeof first) =>
      (await (await context.request.get(`${url}/api/me`)).json()).identity;
    const [anaId, boId] = [await who(first), await who(second)];
    expect(anaId.username).not.toBe(boId.username);
    await bo.getByRole('tab', { name: 'Collaboration' }).click();
    await expect(bo.locator('#jp-collaboration-panel')).toContainText(anaId.name, {
      timeout: LOADED
    });

    // And when bo types, ana sees it
    await typeLine(bo, 'y = "typed by bo"');
    const anaCell = ana.locator('.jp-NotebookPanel .jp-Cell .cm-content').first();
    await expect(anaCell).toContainText('typed by bo', { timeout: LOADED });
    await expect(anaCell).toContainText('typed by ana');

    // And both edits are in the one document the server holds (saved to disk after a save)
    await ana.keyboard.press('Control+s');
    await expect
      .poll(
        async () => {
          const answer = await request.get(`${url}/api/contents/${name}`);
          const model = await answer.json();
          return String(model.content.cells[0].source);
        },
        { timeout: LOADED }
      )
      .toMatch(/typed by ana[\s\S]*typed by bo/);
    await ana.screenshot({ path: 'test-results/coediting-ana.png' });
    await bo.screenshot({ path: 'test-results/coediting-bo.png' });
  } finally {
    await first.close();
    await second.close();
  }
});
