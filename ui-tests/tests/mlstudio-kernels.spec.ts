import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';
import type { APIRequestContext, Locator } from '@playwright/test';

const SIDEBAR_ID = 'mlstudio-sidebar';
const API = 'mlstudio/api/v1';
const DEFAULT_SPEC = 'mlstudio-default-python3';

// No background refresh: what the page shows comes from reads the test causes and events.
test.use({
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  },
  viewport: { width: 1400, height: 900 },
  // Galata's kernel tracker answers every POST under /api/kernels with 201, which breaks a
  // kernel restart (JupyterLab expects 200); these tests shut their kernels down themselves.
  kernels: async ({}, use) => use(null),
  sessions: async ({}, use) => use(null)
});

/** A name no other test or run uses. */
function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** The notebook's `mlstudio` metadata as the server has it on disk. */
async function savedProfile(
  request: APIRequestContext,
  path: string
): Promise<Record<string, string> | undefined> {
  const answer = await request.get(`api/contents/${path}?content=1`);
  expect(answer.ok()).toBe(true);
  return (await answer.json()).content.metadata.mlstudio;
}

/** Save a one-cell notebook with this metadata at `path` through the contents API. */
async function createNotebook(
  request: APIRequestContext,
  path: string,
  metadata: Record<string, unknown>
): Promise<void> {
  const created = await request.put(`api/contents/${path}`, {
    data: {
      type: 'notebook',
      format: 'json',
      content: {
        nbformat: 4,
        nbformat_minor: 5,
        metadata,
        cells: [
          {
            id: 'first',
            cell_type: 'code',
            source: '',
            metadata: {},
            outputs: [],
            execution_count: null
          }
        ]
      }
    }
  });
  expect(created.ok()).toBe(true);
}

/** Open a picker of the active notebook's toolbar; returns its list. */
async function openPicker(
  page: IJupyterLabPageFixture,
  kind: 'image' | 'instance-type'
): Promise<Locator> {
  const panel = page.locator('.jp-NotebookPanel:visible');
  await panel
    .locator(`.jp-mlstudio-picker-button[data-picker="${kind}"]`)
    .click();
  const list = page.locator(`[data-picker-list="${kind}"]`);
  await expect(list).toBeVisible();
  return list;
}

/** Run the active notebook's first cell and return its output text. */
async function runFirstCell(
  page: IJupyterLabPageFixture,
  source: string
): Promise<string> {
  await page.notebook.setCell(0, 'code', source);
  await page.notebook.runCell(0, true);
  return (await page.notebook.getCellTextOutput(0))?.join('') ?? '';
}

test.describe('ML Studio kernels', () => {
  test('the launcher lists image kernels; the pickers switch the instance type', async ({
    page,
    request,
    tmpPath
  }, testInfo) => {
    // The launcher has the default image's kernel, named after its image.
    const specs = await (await request.get('api/kernelspecs')).json();
    expect(specs.kernelspecs[DEFAULT_SPEC].spec.display_name).toBe(
      "This server's Python"
    );
    const card = page
      .locator(`.jp-LauncherCard[title="This server's Python"]`)
      .first();
    await expect(card).toBeVisible();
    await card.click();
    await page.waitForSelector(
      '.jp-NotebookPanel:visible .jp-mlstudio-picker-button'
    );
    let panel = page.locator('.jp-NotebookPanel:visible');
    await expect(panel.locator('.jp-KernelName')).toHaveText(
      "This server's Python"
    );
    await page.notebook.close(true);

    // A notebook of the test's own, on the default image's kernel.
    const name = uniqueName('switch');
    const path = `${tmpPath}/${name}.ipynb`;
    await createNotebook(request, path, {
      kernelspec: {
        name: DEFAULT_SPEC,
        display_name: "This server's Python",
        language: 'python'
      }
    });
    await page.filebrowser.open(path);
    await page.waitForSelector(
      '.jp-NotebookPanel:visible .jp-mlstudio-picker-button'
    );
    panel = page.locator('.jp-NotebookPanel:visible');

    // The pickers show the notebook's image and the default instance type.
    const imageButton = panel.locator(
      '.jp-mlstudio-picker-button[data-picker="image"]'
    );
    const typeButton = panel.locator(
      '.jp-mlstudio-picker-button[data-picker="instance-type"]'
    );
    await expect(imageButton).toHaveText('default');
    await expect(typeButton).toHaveText('local');
    expect(await runFirstCell(page, 'print("hello from", 40 + 2)')).toContain(
      'hello from 42'
    );

    // A GPU type is listed, disabled, with the reason; picking it does nothing.
    let list = await openPicker(page, 'instance-type');
    const gpu = list.locator('[data-option="ml.g5.xlarge"]');
    await expect(gpu).toHaveAttribute('aria-disabled', 'true');
    await expect(gpu.locator('.jp-mlstudio-option-reason')).toContainText(
      'needs 1 GPU'
    );
    await list.screenshot({
      path: testInfo.outputPath('instance-type-picker.png')
    });
    await gpu.click({ force: true });
    await expect(typeButton).toHaveText('local');
    expect(await savedProfile(request, path)).toBeUndefined();

    // Pick the 1-vCPU, 1-GiB type: saved in the notebook, the kernel restarted under it.
    await list.locator('[data-option="ml.test.small"]').click();
    await expect(panel.locator('.jp-mlstudio-switch-status')).toContainText(
      /Ready in [\d.]+ s/,
      {
        timeout: 60_000
      }
    );
    await expect(typeButton).toHaveText('ml.test.small');
    expect(await savedProfile(request, path)).toEqual({
      image: 'default',
      instance_type: 'ml.test.small'
    });
    const seen = await runFirstCell(
      page,
      'import os\nprint(len(os.sched_getaffinity(0)), os.environ["MLSTUDIO_INSTANCE_TYPE"])'
    );
    expect(seen).toContain('1 ml.test.small');

    // The status bar shows the kernel's use against the type's limits, live.
    const usage = page.locator('.jp-mlstudio-kernel-usage');
    await expect(usage).toBeVisible({ timeout: 20_000 });
    await expect(usage.locator('.jp-mlstudio-usage-type')).toHaveText(
      'ml.test.small'
    );
    await expect(usage.locator('[data-usage="memory"]')).toContainText('1 GiB');
    await page.locator('.jp-StatusBar-Widget').screenshot({
      path: testInfo.outputPath('status-bar.png')
    });

    // Switching back restores the metadata; the images picker lists the default image.
    list = await openPicker(page, 'image');
    await expect(list.locator('[data-option="default"]')).toHaveAttribute(
      'aria-selected',
      'true'
    );
    await page.keyboard.press('Escape');
    await expect(list).toBeHidden();
    list = await openPicker(page, 'instance-type');
    await list.locator('[data-option="local"]').click();
    await expect(typeButton).toHaveText('local', { timeout: 60_000 });
    await expect(panel.locator('.jp-mlstudio-switch-status')).toContainText(
      /Ready in/,
      {
        timeout: 60_000
      }
    );
    expect((await savedProfile(request, path))?.instance_type).toBe('local');
    await page.notebook.close(true);
    const sessions = await (await request.get('api/sessions')).json();
    for (const session of sessions) {
      await request.delete(`api/sessions/${session.id}`);
    }
  });

  test('a notebook from SageMaker Studio opens on its instance type, and the status shows what it holds', async ({
    page,
    request,
    tmpPath
  }, testInfo) => {
    // A notebook as SageMaker Studio exports it: a kernel no Jupyter has, a top-level type.
    const name = uniqueName('exported');
    const path = `${tmpPath}/${name}.ipynb`;
    await createNotebook(request, path, {
      instance_type: 'ml.test.small',
      kernelspec: {
        name: 'python3__SAGEMAKER_INTERNAL__arn:aws:sagemaker:us-east-1:081325390199:image/datascience-1.0',
        display_name: 'Python 3 (Data Science)',
        language: 'python'
      }
    });
    await page.filebrowser.open(path);
    await page.waitForSelector(
      '.jp-NotebookPanel:visible .jp-mlstudio-picker-button'
    );
    const panel = page.locator('.jp-NotebookPanel:visible');

    // It opens without asking for a kernel, in the default image (no datascience-1.0 here).
    await expect(panel.locator('.jp-KernelName')).toHaveText(
      "This server's Python",
      {
        timeout: 30_000
      }
    );
    const imageButton = panel.locator(
      '.jp-mlstudio-picker-button[data-picker="image"]'
    );
    const typeButton = panel.locator(
      '.jp-mlstudio-picker-button[data-picker="instance-type"]'
    );
    await expect(imageButton).toHaveText('default');
    await expect(imageButton).toHaveClass(/jp-mlstudio-is-substitute/);
    await expect(imageButton).toHaveAttribute(
      'title',
      /SageMaker Studio image datascience-1\.0/
    );
    await expect(typeButton).toHaveText('ml.test.small');
    await panel.locator('.jp-NotebookPanel-toolbar').screenshot({
      path: testInfo.outputPath('sagemaker-notebook-toolbar.png')
    });
    const seen = await runFirstCell(
      page,
      'import os\nprint(os.environ["MLSTUDIO_IMAGE"], os.environ["MLSTUDIO_INSTANCE_TYPE"])'
    );
    expect(seen).toContain('default ml.test.small');

    // The Status section lists the kernel's reservation: its type, its memory.
    await page.sidebar.getTabLocator(SIDEBAR_ID).click();
    const sidebar = page.locator(`#${SIDEBAR_ID}`);
    // Sections that are rarely used start collapsed: open them all.
    const collapsed = sidebar.locator(
      '.jp-mlstudio-section-toggle[aria-expanded="false"]'
    );
    while ((await collapsed.count()) > 0) {
      await collapsed.first().click();
    }
    await sidebar
      .locator('.jp-SidePanel-toolbar')
      .getByTitle('Read the status')
      .click();
    const row = sidebar.locator(
      '.jp-mlstudio-reservation[data-kind="kernel"]',
      {
        hasText: `${name}.ipynb`
      }
    );
    await expect(row).toBeVisible({ timeout: 20_000 });
    await expect(row).toContainText('ml.test.small');
    await sidebar.locator('.jp-mlstudio-capacity').screenshot({
      path: testInfo.outputPath('status-reservations.png')
    });

    await page.notebook.close(true);
    const sessions = await (await request.get('api/sessions')).json();
    for (const session of sessions) {
      await request.delete(`api/sessions/${session.id}`);
    }
  });

  test('the Images panel shows versions and why a broken one failed', async ({
    page
  }, testInfo) => {
    await page.sidebar.getTabLocator(SIDEBAR_ID).click();
    const sidebar = page.locator(`#${SIDEBAR_ID}`);
    await expect(sidebar).toBeVisible();
    const section = page.locator('#mlstudio-images-section');
    // Sections that are rarely used start collapsed: open them all.
    const collapsed = sidebar.locator(
      '.jp-mlstudio-section-toggle[aria-expanded="false"]'
    );
    while ((await collapsed.count()) > 0) {
      await collapsed.first().click();
    }
    await expect(section).toBeVisible();

    // The default image has a created version.
    const defaultImage = section.locator('[data-image="default"]');
    await expect(
      defaultImage
        .locator('.jp-mlstudio-image-version .jp-mlstudio-version-status')
        .first()
    ).toHaveText(/CREATED/i);

    // The idle timeout of an instance type shows in its details, opened from the list.
    const gpuType = sidebar.locator(
      'button.jp-mlstudio-instance-type[data-instance-type="local_gpu"]'
    );
    await gpuType.click();
    await expect(page.locator('[data-idle-timeout="local_gpu"]')).toBeVisible();
    await gpuType.click();
    await expect(page.locator('[data-idle-timeout="local_gpu"]')).toHaveCount(
      0
    );

    // Register an image whose version points at no Python: it fails, saying why.
    const name = uniqueName('broken');
    await section.locator('[data-action="register-image"]').click();
    // The form opens in a dialog.
    const form = page.locator('.jp-Dialog .jp-mlstudio-image-form');
    await form.locator('#jp-mlstudio-image-name').fill(name);
    await form.locator('#jp-mlstudio-image-base').fill('file:///nowhere');
    await form.locator('button[type="submit"]').click();
    const broken = section.locator(`[data-image="${name}"]`);
    await expect(
      broken.locator('.jp-mlstudio-image-version').first()
    ).toHaveAttribute('data-status', 'CREATE_FAILED', { timeout: 30_000 });
    await expect(broken.locator('.jp-mlstudio-image-failure')).toContainText(
      'no Python at'
    );
    await section.screenshot({ path: testInfo.outputPath('images-panel.png') });

    // A bad name is refused in the form, before anything is sent.
    await section.locator('[data-action="register-image"]').click();
    await form.locator('#jp-mlstudio-image-name').fill('no spaces allowed');
    await form.locator('button[type="submit"]').click();
    await expect(form.locator('[aria-invalid="true"]')).toBeVisible();
    await form.locator('.jp-mod-reject').click();
    await expect(form).toBeHidden();
  });
});
