import { expect, test } from '@jupyterlab/galata';

import { API } from './screens/seed';
import {
  createScriptJob,
  openJobFromSidebar,
  openSidebar,
  SIDEBAR_ID,
  TRAINING_PAGE
} from './training-seed';

test.use(TRAINING_PAGE);

test.describe('ML Studio training jobs', () => {
  test('stops a running job with the Stop button', async ({
    page,
    request,
    tmpPath
  }, testInfo) => {
    test.setTimeout(120_000);
    const { name } = await createScriptJob(page, request, tmpPath, 'long', {
      epochs: '100000',
      sleep: '0.2'
    });

    const view = await openJobFromSidebar(page, name);
    const header = view.locator('.jp-mlstudio-job-header');
    await expect(header.locator('.jp-mlstudio-secondary-status')).toHaveText(
      'Training',
      {
        timeout: 30_000
      }
    );
    // It runs: lines keep coming.
    await expect(
      view.locator('.jp-mlstudio-log-line', { hasText: 'epoch=3 ' })
    ).toBeVisible();
    const stop = header.locator('.jp-mlstudio-stop');
    await expect(stop).toBeEnabled();

    await stop.click();
    // Stop asks first.
    await page.locator('.jp-Dialog .jp-mod-accept').click();

    await expect(view).toHaveAttribute('data-status', 'Stopped', {
      timeout: 60_000
    });
    // A finished job has no Stop button.
    await expect(stop).toHaveCount(0);
    await expect(
      view.locator('.jp-mlstudio-timeline-step').last()
    ).toHaveAttribute('data-status', 'Stopped');
    await expect(
      page.locator(
        `#${SIDEBAR_ID} .jp-mlstudio-job-row[data-job-name="${name}"]`
      )
    ).toHaveAttribute('data-status', 'Stopped');
    await page
      .locator('.jp-mlstudio-job-panel')
      .screenshot({ path: testInfo.outputPath('mlstudio-job-stopped.png') });

    // The server refuses to stop it again; the view says why.
    const answer = await request.post(`${API}/training-jobs/${name}/stop`);
    expect(answer.status()).toBe(409);
  });

  test('shows why a job failed', async ({
    page,
    request,
    tmpPath
  }, testInfo) => {
    const { name } = await createScriptJob(page, request, tmpPath, 'fails', {
      epochs: '2',
      fail: 'the data set is empty'
    });

    const view = await openJobFromSidebar(page, name);

    await expect(view).toHaveAttribute('data-status', 'Failed', {
      timeout: 60_000
    });
    const failure = view.locator('.jp-mlstudio-failure');
    await expect(failure).toBeVisible();
    await expect(
      failure.locator('.jp-mlstudio-failure-reason')
    ).not.toBeEmpty();
    await expect(view.locator('.jp-mlstudio-log')).toContainText(
      'the data set is empty'
    );
    await page
      .locator('.jp-mlstudio-job-panel')
      .screenshot({ path: testInfo.outputPath('mlstudio-job-failed.png') });
  });
  test('opens jobs from the command palette and the context menu', async ({
    page,
    request,
    tmpPath
  }) => {
    const { name } = await createScriptJob(page, request, tmpPath, 'palette', {
      epochs: '1'
    });

    await page.keyboard.press('Control+Shift+c');
    const palette = page.locator('#command-palette');
    await palette.locator('.lm-CommandPalette-input').fill('Open Training Job');
    await palette
      .locator('.lm-CommandPalette-item', { hasText: 'Open Training Job' })
      .first()
      .click();
    const dialog = page.locator('.jp-Dialog');
    await dialog.locator('input').fill(name);
    await dialog.locator('.jp-mod-accept').click();
    await expect(
      page.locator(`.jp-mlstudio-job-view[data-job-name="${name}"]`)
    ).toBeVisible();

    // Closing it and opening it from the row's context menu.
    await page
      .locator('.lm-DockPanel-tabBar .lm-mod-current .lm-TabBar-tabCloseIcon')
      .click();
    await expect(page.locator('.jp-mlstudio-job-view')).toHaveCount(0);
    const sidebar = await openSidebar(page);
    await sidebar
      .locator(`.jp-mlstudio-job-row[data-job-name="${name}"]`)
      .click({ button: 'right' });
    await page
      .locator('.lm-Menu-item', { hasText: 'Open Training Job' })
      .click();
    await expect(
      page.locator(`.jp-mlstudio-job-view[data-job-name="${name}"]`)
    ).toBeVisible();

    // The File > New menu offers the form.
    await page.menu.clickMenuItem('File>New>Training Job');
    await expect(page.locator('.jp-mlstudio-job-form')).toBeVisible();
  });

  test('scrolls a log of 100,000 lines and draws its 100,000 points downsampled', async ({
    page,
    request,
    tmpPath
  }, testInfo) => {
    test.setTimeout(240_000);
    const { name } = await createScriptJob(page, request, tmpPath, 'big', {
      epochs: '0',
      lines: '100000'
    });
    // Wait for the server to have stored every line before looking.
    await expect
      .poll(
        async () =>
          (await (await request.get(`${API}/training-jobs/${name}`)).json())
            .training_job_status,
        { timeout: 180_000, intervals: [1000] }
      )
      .toBe('Completed');

    const view = await openJobFromSidebar(page, name);
    const log = view.locator('.jp-mlstudio-log');
    await expect(log.locator('.jp-mlstudio-log-count')).toHaveAttribute(
      'data-total',
      '100001'
    );

    // It opens on the tail: the last lines are shown, and only a window of rows exists. The
    // job has ended, so the log says it is complete instead of offering to follow it.
    await expect(
      log.locator('.jp-mlstudio-log-line', { hasText: 'line 99999 ' })
    ).toBeVisible();
    expect(await log.locator('.jp-mlstudio-log-line').count()).toBeLessThan(
      200
    );
    await expect(log.locator('.jp-mlstudio-log-ended')).toBeVisible();
    await expect(log.locator('.jp-mlstudio-follow')).toHaveCount(0);

    // Scrolling to the top reads the first page.
    const body = log.locator('.jp-mlstudio-log-body');
    await body.evaluate(node => {
      node.scrollTop = 0;
    });
    await expect(
      log.locator('.jp-mlstudio-log-line', { hasText: 'line 0 loss=' })
    ).toBeVisible();
    // And the middle.
    await body.evaluate(node => {
      node.scrollTop = node.scrollHeight / 2;
    });
    await expect(
      log.locator('.jp-mlstudio-log-line', { hasText: /line 500\d\d / }).first()
    ).toBeVisible();
    expect(await log.locator('.jp-mlstudio-log-line').count()).toBeLessThan(
      200
    );

    // And back to the end.
    await body.evaluate(node => {
      node.scrollTop = node.scrollHeight;
    });
    await expect(
      log.locator('.jp-mlstudio-log-line', { hasText: 'line 99999 ' })
    ).toBeVisible();

    // The chart holds every point and draws no more than its budget.
    const chart = view.locator(
      '.jp-mlstudio-metric[data-metric-key="loss"] .jp-mlstudio-chart'
    );
    await expect(chart).toHaveAttribute('data-point-count', '100000', {
      timeout: 30_000
    });
    await expect
      .poll(async () => Number(await chart.getAttribute('data-drawn-count')))
      .toBeGreaterThan(100);
    expect(
      Number(await chart.getAttribute('data-drawn-count'))
    ).toBeLessThanOrEqual(1000);

    await page
      .locator('.jp-mlstudio-job-panel')
      .screenshot({ path: testInfo.outputPath('mlstudio-job-big-log.png') });
  });
});
