/*
 * The high-contrast theme (JupyterLab Dark High Contrast): every piece of ML Studio text in
 * the sidebar and a job view keeps WCAG's contrast of 4.5:1 against what it is drawn on, and
 * the charts take their colours from the theme. Screenshots of both are attached to the
 * test's output for a look.
 */
import {
  expect,
  galata,
  IJupyterLabPageFixture,
  test
} from '@jupyterlab/galata';

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

/**
 * Text under `root` whose contrast with its background is below WCAG AA (4.5:1, or 3:1 for
 * large text); disabled controls are exempt, as WCAG exempts inactive components.
 */
async function lowContrast(
  page: IJupyterLabPageFixture,
  root: string
): Promise<string[]> {
  // The answer travels as JSON text: Galata's page proxy cannot carry arrays back.
  const answer = await page.evaluate(selector => {
    const parse = (value: string): number[] => {
      const parts = value.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
    };
    const luminance = ([r, g, b]: number[]): number => {
      const channel = (c: number): number => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = (element: Element | null): number[] => {
      for (let node = element; node; node = node.parentElement) {
        const color = parse(getComputedStyle(node).backgroundColor);
        if (color[3] > 0.5) {
          return color;
        }
      }
      return parse(getComputedStyle(document.body).backgroundColor);
    };
    const found: string[] = [];
    const scope = document.querySelector(selector);
    if (!scope) {
      return JSON.stringify([`${selector} is not on the page`]);
    }
    for (const element of scope.querySelectorAll<HTMLElement>('*')) {
      const text = [...element.childNodes]
        .filter(node => node.nodeType === Node.TEXT_NODE)
        .map(node => node.textContent ?? '')
        .join('')
        .trim();
      if (!text || element.closest('[disabled], svg, canvas')) {
        continue;
      }
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) {
        continue;
      }
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden') {
        continue;
      }
      const fore = luminance(parse(style.color));
      const back = luminance(background(element));
      const ratio =
        (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
      const size = parseFloat(style.fontSize);
      const large =
        size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) {
        found.push(
          `${String(element.className) || element.tagName} "${text.slice(0, 30)}" ${ratio.toFixed(2)}:1`
        );
      }
    }
    return JSON.stringify(found);
  }, root);
  return JSON.parse(answer) as string[];
}

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
