/*
 * WCAG contrast of the text on the page, for the theme tests (high contrast, light, dark).
 */
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';

/**
 * Text under `root` whose contrast with its background is below WCAG AA (4.5:1, or 3:1 for
 * large text); disabled controls are exempt, as WCAG exempts inactive components.
 */
export async function lowContrast(
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
