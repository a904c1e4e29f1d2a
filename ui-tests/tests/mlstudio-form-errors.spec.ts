/*
 * Every form (the new-job form and the tuning form in the main area; registering a model or
 * an image and adding an image version in dialogs): a bad input, caught by the form or
 * refused by the server, shows a readable sentence that says what to do next, next to what
 * it is about, and the form keeps everything that was typed.
 */
import { expect, galata, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';

import { runJob, workspaceRoot } from './screens/seed';

const SIDEBAR_ID = 'mlstudio-sidebar';
const JOB = 'forms-job';

test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  },
  viewport: { width: 1400, height: 900 }
});

async function execute(
  page: IJupyterLabPageFixture,
  id: string,
  args: Record<string, unknown> = {}
): Promise<void> {
  await page.evaluate(
    async ({ id, args }) => {
      await (window as any).jupyterapp.commands.execute(id, args);
    },
    { id, args }
  );
}

/** A readable sentence: a capital, words, an end mark; no stack trace or raw repr. */
const SENTENCE = /^[A-Z"'][^\n]*\s\S+\s\S+/;

async function sentenceOf(locator: Locator): Promise<string> {
  await expect(locator).toBeVisible();
  const text = ((await locator.textContent()) ?? '').trim();
  expect(text).toMatch(SENTENCE);
  expect(text).not.toMatch(/Traceback|Exception|Error\(|\{'|undefined|null/);
  return text;
}

test.describe.serial('Forms: readable errors with a next step, nothing lost', () => {
  test.setTimeout(240_000);
  let made = false;

  test.beforeEach(async ({ page, request }) => {
    if (!made) {
      await runJob(page, request, JOB, 'forms');
      made = true;
    }
  });

  test('the new-job form: a taken name is refused at the name, with what to do', async ({
    page,
    request
  }) => {
    const root = await workspaceRoot(request);
    await execute(page, 'mlstudio:new-training-job');
    const form = page.locator('.jp-mlstudio-job-form');
    const field = (key: string): Locator => form.locator(`[data-field="${key}"]`);
    await field('entryScript').locator('input').fill('forms/train.py');
    await field('name').locator('input').fill(JOB);
    await field('outputPath').locator('input').fill(`file://${root}/forms/out`);
    await form.locator('.jp-mlstudio-submit').click();

    const text = await sentenceOf(field('name').locator('.jp-mlstudio-field-error'));
    expect(text).toContain('already exists');
    expect(text).toContain('Choose another name');
    await expect(field('name').locator('input')).toHaveValue(JOB);
    await expect(field('entryScript').locator('input')).toHaveValue('forms/train.py');
    await expect(field('outputPath').locator('input')).toHaveValue(
      `file://${root}/forms/out`
    );
  });

  test('the tuning form: a bad range and a bad name say how to fix them', async ({
    page
  }) => {
    await execute(page, 'mlstudio:tune-training-job', { name: JOB });
    const form = page.locator('.jp-mlstudio-tune-form');
    await expect(form).toBeVisible();
    await form.locator('input[name="name"]').fill('not a name');
    await form.locator('input[aria-label="Tune epochs"]').check();
    await form.locator('input[aria-label="Minimum of epochs"]').fill('9');
    await form.locator('input[aria-label="Maximum of epochs"]').fill('3');
    await form.locator('input[name="maxJobs"]').fill('5');

    const problems = form.locator('.jp-mlstudio-field-error');
    await expect(problems).toHaveCount(2);
    expect(await sentenceOf(problems.nth(0))).toContain('change it');
    expect(await sentenceOf(problems.nth(1))).toContain('correct the range');
    // Nothing can be sent until they are fixed
    await expect(form.locator('.jp-mlstudio-tune-submit')).toBeDisabled();
    await expect(form.locator('input[name="name"]')).toHaveValue('not a name');
    await expect(form.locator('input[aria-label="Minimum of epochs"]')).toHaveValue('9');
    await expect(form.locator('input[name="maxJobs"]')).toHaveValue('5');
  });

  test('the register-model dialog: a bad name says what to change, and keeps the rest', async ({
    page
  }) => {
    await execute(page, 'mlstudio:open-training-job', { name: JOB });
    const view = page.locator(`.jp-mlstudio-job-view[data-job-name="${JOB}"]`);
    await expect(view).toHaveAttribute('data-status', 'Completed');
    await view.locator('.jp-mlstudio-register-model').click();
    const form = page.locator('.jp-Dialog .jp-mlstudio-register-model-form');
    await expect(form).toBeVisible();
    await form.locator('#jp-mlstudio-register-name').fill('digits/model');
    await form.locator('#jp-mlstudio-register-aliases').fill('champion');
    await form.locator('#jp-mlstudio-register-description').fill('SGD, 15 epochs');
    await form.locator('button[type="submit"]').click();

    const text = await sentenceOf(
      form.locator('[data-field="name"] .jp-mlstudio-field-error')
    );
    expect(text).toContain('remove them');
    await expect(form.locator('#jp-mlstudio-register-name')).toHaveValue('digits/model');
    await expect(form.locator('#jp-mlstudio-register-aliases')).toHaveValue('champion');
    await expect(form.locator('#jp-mlstudio-register-description')).toHaveValue(
      'SGD, 15 epochs'
    );
    await form.locator('.jp-mod-reject').click();
    await expect(form).toHaveCount(0);
  });

  test('the image dialogs: a taken name and a relative path say what to do', async ({
    page
  }) => {
    await page.sidebar.getTabLocator(SIDEBAR_ID).click();
    const sidebar = page.locator(`#${SIDEBAR_ID}`);
    const collapsed = sidebar.locator(
      '.jp-mlstudio-section-toggle[aria-expanded="false"]'
    );
    while ((await collapsed.count()) > 0) {
      await collapsed.first().click();
    }
    const section = page.locator('#mlstudio-images-section');

    // Registering an image under a name that is taken: the server's refusal, then what to do
    await section.locator('[data-action="register-image"]').click();
    const form = page.locator('.jp-Dialog .jp-mlstudio-image-form');
    await form.locator('#jp-mlstudio-image-name').fill('default');
    await form.locator('#jp-mlstudio-image-description').fill('my environment');
    await form.locator('#jp-mlstudio-image-base').fill('/usr');
    await form.locator('button[type="submit"]').click();
    await sentenceOf(form.locator('.jp-mlstudio-error-message'));
    expect(await sentenceOf(form.locator('.jp-mlstudio-error-next'))).toContain(
      'Choose another name'
    );
    await expect(form.locator('#jp-mlstudio-image-name')).toHaveValue('default');
    await expect(form.locator('#jp-mlstudio-image-description')).toHaveValue(
      'my environment'
    );
    await expect(form.locator('#jp-mlstudio-image-base')).not.toHaveValue('');
    // And with another name the same form goes through
    await form.locator('#jp-mlstudio-image-name').fill('forms-image');
    await form.locator('button[type="submit"]').click();
    await expect(form).toHaveCount(0);
    await expect(section.locator('[data-image="forms-image"]')).toBeVisible();

    // Adding a version from a relative path: the form says how a path is written
    await section
      .locator('[data-image="forms-image"] [data-action="add-version"]')
      .click();
    const version = page.locator('.jp-Dialog .jp-mlstudio-image-form');
    await version.locator('#jp-mlstudio-version-forms-image-base').fill('file://envs/ml');
    await version.locator('#jp-mlstudio-version-forms-image-aliases').fill('stable');
    await version.locator('button[type="submit"]').click();
    expect(
      await sentenceOf(version.locator('.jp-mlstudio-field-error').first())
    ).toContain('absolute path');
    await expect(version.locator('#jp-mlstudio-version-forms-image-base')).toHaveValue(
      'file://envs/ml'
    );
    await expect(
      version.locator('#jp-mlstudio-version-forms-image-aliases')
    ).toHaveValue('stable');
    await version.locator('.jp-mod-reject').click();
  });
});
