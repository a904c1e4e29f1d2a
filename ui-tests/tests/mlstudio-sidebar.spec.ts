import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';

const SIDEBAR_ID = 'mlstudio-sidebar';
const STATUS_API = /\/mlstudio\/api\/v1\/status(\?|$)/;

// No background refresh during a test: every read the page makes is one the test caused.
test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  }
});

/** Open the sidebar the way a user does: by clicking its tab on the left. */
async function openSidebar(page: IJupyterLabPageFixture): Promise<void> {
  await page.sidebar.getTabLocator(SIDEBAR_ID).click();
  await expect(page.locator(`#${SIDEBAR_ID}`)).toBeVisible();
  // Sections that are rarely used (Status, Instance types) start collapsed: open them all.
  const collapsed = page.locator(
    `#${SIDEBAR_ID} .jp-mlstudio-section-toggle[aria-expanded="false"]`
  );
  while ((await collapsed.count()) > 0) {
    await collapsed.first().click();
  }
}

/**
 * Once the workspace holds `saved` (the sections stored as collapsed: true/false), load the page anew (without Galata's `?reset`, which
 * would start from an empty workspace) and open the sidebar.
 */
async function reloadWhenSaved(
  page: IJupyterLabPageFixture,
  saved: string
): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const answer = await fetch('/lab/api/workspaces');
          return JSON.stringify(await answer.json());
        }),
      { timeout: 30_000 }
    )
    .toContain(saved);
  await page.evaluate(() => {
    window.location.assign(`${window.location.origin}/lab`);
  });
  await page.waitForFunction(() => (window as any).jupyterapp, undefined, {
    timeout: 60_000
  });
  // The layout restorer may open the sidebar: wait until it has restored the layout (the
  // app's `started` is a promise, always truthy), or a click could close what it opened.
  await page.evaluate(() => (window as any).jupyterapp.restored);
  await page.sidebar.openTab(SIDEBAR_ID);
}

test.describe('ML Studio sidebar', () => {
  test('shows the status and the instance types, and refreshes', async ({
    page,
    request
  }, testInfo) => {
    const answer = await request.get('mlstudio/api/v1/status');
    expect(answer.ok()).toBe(true);
    const serverStatus = await answer.json();
    const errors: string[] = [];
    page.on('console', message => {
      if (message.type() === 'error') {
        errors.push(message.text());
      }
    });

    await openSidebar(page);
    const sidebar = page.locator(`#${SIDEBAR_ID}`);

    // Status: the version, the process backend usable, the host's CPUs.
    await expect(sidebar.locator('.jp-mlstudio-sidebar-title')).toHaveText(
      'ML Studio'
    );
    await expect(sidebar.locator('.jp-mlstudio-version')).toHaveText(
      serverStatus.version
    );
    const processBackend = sidebar.locator('[data-backend="process"]');
    await expect(processBackend.locator('.jp-mlstudio-badge')).toHaveText(
      'available'
    );
    await expect(sidebar.locator('.jp-mlstudio-host-cpus')).toHaveText(
      String(serverStatus.host.cpus)
    );
    await expect(sidebar.locator('.jp-mlstudio-host-gpus')).toHaveText('none');

    // Instance types: a CPU type runs here; a GPU type is dimmed and says why.
    const m5 = sidebar.locator('button[data-instance-type="ml.m5.large"]');
    const g5 = sidebar.locator('button[data-instance-type="ml.g5.xlarge"]');
    await expect(m5).toBeVisible();
    await expect(m5).not.toHaveClass(/jp-mlstudio-is-unavailable/);
    await expect(m5).toHaveCSS('opacity', '1');
    await expect(g5).toHaveClass(/jp-mlstudio-is-unavailable/);
    await expect(g5).toHaveCSS('opacity', '0.55');
    await expect(g5).toHaveAttribute('title', /needs 1 GPU/);
    // Its details open in a popover, with the reason; Escape closes it.
    await g5.click();
    const details = page.locator(
      '.jp-mlstudio-popover [data-instance-type="ml.g5.xlarge"]'
    );
    await expect(details.locator('.jp-mlstudio-reason')).toContainText(
      'needs 1 GPU'
    );
    await page.keyboard.press('Escape');
    await expect(details).toHaveCount(0);
    await expect(
      sidebar.locator('[data-instance-type="local"] .jp-mlstudio-default-tag')
    ).toHaveText('default');

    await sidebar.screenshot({
      path: testInfo.outputPath('mlstudio-sidebar.png')
    });

    // The toolbar's refresh button reads the server again.
    const refreshed = page.waitForResponse(
      response => STATUS_API.test(response.url()) && response.ok()
    );
    await sidebar
      .locator('.jp-SidePanel-toolbar')
      .getByTitle('Read the status')
      .click();
    await refreshed;
    await expect(processBackend.locator('.jp-mlstudio-badge')).toHaveText(
      'available'
    );

    expect(errors.filter(text => /mlstudio|ML Studio/i.test(text))).toEqual([]);

    await page.screenshot({ path: testInfo.outputPath('jupyterlab.png') });
    await page.theme.setDarkTheme();
    await expect(m5).toBeVisible();
    await sidebar.screenshot({
      path: testInfo.outputPath('mlstudio-sidebar-dark.png')
    });
  });

  test("shows the server's message when a refresh fails, and recovers", async ({
    page
  }) => {
    await openSidebar(page);
    const sidebar = page.locator(`#${SIDEBAR_ID}`);
    await expect(sidebar.locator('[data-backend="process"]')).toBeVisible();
    const refresh = sidebar
      .locator('.jp-SidePanel-toolbar')
      .getByTitle('Read the status');

    // The server refuses: the section says why and keeps the last data it read.
    await page.route(STATUS_API, route =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: 'Unavailable',
          message: 'The record store does not answer'
        })
      })
    );
    await refresh.click();
    const alert = sidebar.locator('.jp-mlstudio-status-section [role="alert"]');
    await expect(alert).toContainText('The record store does not answer');
    await expect(alert).toContainText('Unavailable (HTTP 503)');
    await expect(sidebar.locator('[data-backend="process"]')).toBeVisible();
    // The catalogue still answered, so its section has nothing to complain about.
    await expect(
      sidebar.locator('.jp-mlstudio-instance-types-section [role="alert"]')
    ).toHaveCount(0);

    await sidebar.screenshot({
      path: test.info().outputPath('mlstudio-sidebar-error.png')
    });

    // The server is back: the message goes away.
    await page.unroute(STATUS_API);
    await refresh.click();
    await expect(alert).toHaveCount(0);
  });

  test('keeps the sections a user collapsed or expanded across a reload', async ({
    page
  }) => {
    await page.sidebar.getTabLocator(SIDEBAR_ID).click();
    const toggle = (section: string) =>
      page.locator(
        `#${SIDEBAR_ID} [data-section="${section}"] .jp-mlstudio-section-toggle`
      );
    const jobs = toggle('mlstudio-jobs-section');
    const status = toggle('mlstudio-status-section');
    // Given the defaults: Jobs open, Status (rarely used) collapsed
    await expect(jobs).toHaveAttribute('aria-expanded', 'true');
    await expect(status).toHaveAttribute('aria-expanded', 'false');

    // When the user collapses Jobs and expands Status, and the page reloads
    await jobs.click();
    await status.click();
    await expect(jobs).toHaveAttribute('aria-expanded', 'false');
    await expect(
      page.locator(`#${SIDEBAR_ID} #mlstudio-jobs-section`)
    ).toBeHidden();
    await reloadWhenSaved(page, '"mlstudio-jobs-section":true');

    // Then both come back as the user left them
    await expect(jobs).toHaveAttribute('aria-expanded', 'false');
    await expect(status).toHaveAttribute('aria-expanded', 'true');
    await expect(
      page.locator(`#${SIDEBAR_ID} #mlstudio-status-section`)
    ).toBeVisible();
    await expect(
      page.locator(`#${SIDEBAR_ID} #mlstudio-jobs-section`)
    ).toBeHidden();

    // And expanding Jobs again is kept too
    await jobs.click();
    await reloadWhenSaved(page, '"mlstudio-jobs-section":false');
    await expect(jobs).toHaveAttribute('aria-expanded', 'true');
  });

  test('opens from the View menu and the command palette', async ({ page }) => {
    await page.menu.clickMenuItem('View>ML Studio Sidebar');
    await expect(page.locator(`#${SIDEBAR_ID}`)).toBeVisible();

    await page.sidebar.close('left');
    await expect(page.locator(`#${SIDEBAR_ID}`)).toBeHidden();

    await page.keyboard.press('Control+Shift+c');
    const palette = page.locator('#command-palette');
    await palette
      .locator('.lm-CommandPalette-input')
      .fill('ML Studio Open Sidebar');
    await palette
      .locator('.lm-CommandPalette-item', { hasText: 'Open Sidebar' })
      .first()
      .click();
    await expect(page.locator(`#${SIDEBAR_ID}`)).toBeVisible();
  });

  test('reads its settings and declares its toolbar in them', async ({
    page
  }) => {
    const settings = await page.evaluate(async () => {
      const registry = await (window as any).galata.getPlugin(
        '@jupyterlab/apputils-extension:settings'
      );
      const loaded = await registry.load('jupyterlab-mlstudio:sidebar');
      return loaded.composite;
    });

    // The value set for these tests, over the schema's default of 10.
    expect(settings.refreshInterval).toBe(3600);
    expect(settings.toolbar).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ command: 'mlstudio:refresh' })
      ])
    );
  });
});
