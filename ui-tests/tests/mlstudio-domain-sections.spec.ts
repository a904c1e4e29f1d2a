/*
 * The sidebar's sections of the domain: Running (what the user has running, stopped from
 * there), Credentials (an access key made, its secret shown once, then revoked) and the Audit
 * log (what the user did, for an admin; a single-user jupyter lab's user is its domain's
 * admin). Light and dark screenshots of each go to test-results.
 */
import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

const SIDEBAR_ID = 'mlstudio-sidebar';
/** Generous: several engineers share two cores while these tests run. */
const LOADED = 60_000;

// No background refresh: the sections change only when a test makes them.
test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  }
});

/** Open the sidebar and expand the section `id` (collapsed or not). */
async function openSection(
  page: IJupyterLabPageFixture,
  id: string
): Promise<Locator> {
  await page.sidebar.openTab(SIDEBAR_ID);
  const sidebar = page.locator(`#${SIDEBAR_ID}`);
  await expect(sidebar).toBeVisible();
  const toggle = sidebar.locator(
    `.jp-mlstudio-section-toggle[aria-controls="${id}"]`
  );
  await expect(toggle).toBeVisible({ timeout: LOADED });
  if ((await toggle.getAttribute('aria-expanded')) === 'false') {
    await toggle.click();
  }
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const section = sidebar.locator(`#${id}`);
  await section.scrollIntoViewIfNeeded();
  return section;
}

/** Screenshots of `section` in the light and dark themes (the light one restored after). */
async function shootThemes(
  page: IJupyterLabPageFixture,
  section: Locator,
  name: string
): Promise<void> {
  for (const theme of ['light', 'dark']) {
    await page.theme.setTheme(theme === 'light' ? 'JupyterLab Light' : 'JupyterLab Dark');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({
      path: test.info().outputPath(`${name}-${theme}.png`)
    });
  }
  await page.theme.setTheme('JupyterLab Light');
}

test.describe('The domain sections of the sidebar', () => {
  test('Running lists a kernel of the user, with its run time and memory, and stops it', async ({
    page
  }) => {
    test.setTimeout(240_000);
    // Given a kernel of the user's, running
    const started = await page.request.post('api/kernels', {
      data: { name: 'python3' }
    });
    expect(started.ok()).toBe(true);
    const kernel = await started.json();

    // When the user opens the Running section and refreshes it
    const section = await openSection(page, 'mlstudio-resources-section');
    await page
      .locator(`#${SIDEBAR_ID} .jp-SidePanel-toolbar`)
      .getByTitle('Read the status')
      .click();

    // Then the kernel is listed with its kind, run time and memory, and a Stop button
    const row = section.locator(
      `.jp-mlstudio-resources-item[data-kind="kernel"][data-id="${kernel.id}"]`
    );
    await expect(row).toBeVisible({ timeout: LOADED });
    await expect(row.locator('.jp-mlstudio-resources-details')).toContainText(
      /^Kernel · .+ · [\d.]+ \w*B used$/
    );
    await expect(section.locator('.jp-mlstudio-resources-summary')).toContainText(
      /[1-9]\d* running · .+ reserved/
    );
    await shootThemes(page, section, 'running');

    // When the user stops it there, and confirms
    await row.locator('.jp-mlstudio-resources-stop').click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('Stop');
    await dialog.locator('button.jp-mod-warn', { hasText: /^Stop$/ }).click();

    // Then it leaves the list and the server has no such kernel any more
    await expect(row).toHaveCount(0, { timeout: LOADED });
    await expect
      .poll(async () => (await page.request.get(`api/kernels/${kernel.id}`)).status(), {
        timeout: LOADED
      })
      .toBe(404);
  });

  test('Credentials makes an access key, shows its secret once, and revokes it', async ({
    page
  }) => {
    test.setTimeout(180_000);
    const section = await openSection(page, 'mlstudio-credentials-section');
    const message = section.locator('.jp-mlstudio-credentials-message');
    await expect(message).toContainText('Signed in as', { timeout: LOADED });
    // The domain id stays on one line (it never breaks at its hyphen)
    const domainId = message.locator('.jp-mlstudio-credentials-id').last();
    await expect(domainId).toHaveText(/^d-/);
    await expect(domainId).toHaveCSS('white-space', 'nowrap');

    // When the user makes a new access key
    const keys = section.locator('.jp-mlstudio-credentials-group').first();
    const before = await keys.locator('.jp-mlstudio-credentials-item').count();
    await keys.locator('.jp-mlstudio-credentials-create').click();

    // Then its secret shows, once, beside its id
    const secret = section.locator('.jp-mlstudio-credentials-secret');
    await expect(secret).toBeVisible({ timeout: LOADED });
    const value = await secret
      .locator('.jp-mlstudio-credentials-secret-value')
      .inputValue();
    expect(value.length).toBeGreaterThanOrEqual(30);
    await expect(keys.locator('.jp-mlstudio-credentials-item')).toHaveCount(
      before + 1,
      { timeout: LOADED }
    );
    const keyId = String(
      await secret.locator('strong').textContent()
    ).replace(/^.* /, '');
    const row = keys.locator(`.jp-mlstudio-credentials-item[data-id="${keyId}"]`);
    await expect(row).toContainText('Active');
    await shootThemes(page, section, 'credentials');

    // And never again: not after Done, not in what the server answers, not after a reload
    await secret.locator('button', { hasText: 'Done' }).click();
    await expect(secret).toBeHidden();
    const listed = await page.request.get('mlstudio/api/v1/credentials');
    expect(listed.ok()).toBe(true);
    expect(await listed.text()).not.toContain(value);
    await page.reload();
    const again = await openSection(page, 'mlstudio-credentials-section');
    await expect(
      again.locator(`.jp-mlstudio-credentials-item[data-id="${keyId}"]`)
    ).toBeVisible({ timeout: LOADED });
    expect(await again.innerHTML()).not.toContain(value);

    // When the user revokes it, it is gone from the list and from the server
    await again
      .locator(
        `.jp-mlstudio-credentials-item[data-id="${keyId}"] .jp-mlstudio-credentials-revoke`
      )
      .click();
    await expect(
      again.locator(`.jp-mlstudio-credentials-item[data-id="${keyId}"]`)
    ).toHaveCount(0, { timeout: LOADED });
    const after = await (await page.request.get('mlstudio/api/v1/credentials')).json();
    expect(
      after.access_keys.map((key: { access_key_id: string }) => key.access_key_id)
    ).not.toContain(keyId);
  });

  test('the Audit log shows what the user did, and filters by person', async ({
    page
  }) => {
    test.setTimeout(180_000);
    // Given a change the user made (an access key made and revoked)
    const made = await page.request.post('mlstudio/api/v1/credentials/access-keys');
    expect(made.status()).toBe(201);
    const key = await made.json();
    const revoked = await page.request.delete(
      `mlstudio/api/v1/credentials/access-keys/${key.access_key_id}`
    );
    expect(revoked.status()).toBe(204);
    const me = (await (await page.request.get('mlstudio/api/v1/credentials')).json())
      .user_profile as string;

    // When the admin opens the Audit log
    const section = await openSection(page, 'mlstudio-audit-section');
    await section.locator('.jp-mlstudio-audit-filter button').click();

    // Then both changes are listed, newest first, with who made them and through which face
    const items = section.locator('.jp-mlstudio-audit-item');
    await expect(items.first()).toBeVisible({ timeout: LOADED });
    await expect(items.first()).toContainText(`${me} delete`);
    await expect(items.first()).toContainText('succeeded');
    await expect(section).toContainText(`${me} create`);
    await shootThemes(page, section, 'audit-log');

    // When filtered by someone who did nothing, nothing is listed, and it says so
    await section.locator('.jp-mlstudio-audit-owner').fill('nobody-here');
    await section.locator('.jp-mlstudio-audit-filter button').click();
    await expect(items).toHaveCount(0, { timeout: LOADED });
    await expect(section.locator('.jp-mlstudio-audit-message')).toHaveText(
      'No changes recorded yet.'
    );
  });
});
