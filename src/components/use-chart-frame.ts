import {
  DependencyList,
  RefObject,
  useEffect,
  useLayoutEffect,
  useState
} from 'react';

import { prepareCanvas } from '../chart/canvas';
import { IChartPalette, readChartPalette } from '../chart/colors';

/**
 * The width of an element, kept current as it resizes, and a counter that changes with
 * the theme (so charts redraw in the new colours).
 */
export function useChartFrame(container: RefObject<HTMLElement>): {
  width: number;
  theme: number;
} {
  const [width, setWidth] = useState(0);
  const [theme, setTheme] = useState(0);

  useLayoutEffect(() => {
    const node = container.current;
    if (!node) {
      return;
    }
    setWidth(node.clientWidth);
    if (typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(() => setWidth(node.clientWidth));
    observer.observe(node);
    return () => observer.disconnect();
  }, [container]);

  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(value => value + 1));
    observer.observe(document.body, {
      attributes: true,
      attributeFilter: ['data-jp-theme-name', 'data-jp-theme-light']
    });
    return () => observer.disconnect();
  }, []);

  return { width, theme };
}

/**
 * Draw on `canvas` on the next animation frame after any of `deps` changed, so that a
 * burst of changes within one frame (live points, a resize) draws once. `draw` gets the
 * canvas's context, sized to `width` × `height` CSS pixels at the screen's density and
 * cleared, and the theme's palette. Nothing is drawn while the chart has no width.
 */
export function useCanvasDraw(
  canvas: RefObject<HTMLCanvasElement>,
  width: number,
  height: number,
  draw: (context: CanvasRenderingContext2D, palette: IChartPalette) => void,
  deps: DependencyList
): void {
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const node = canvas.current;
      if (!node || width <= 0) {
        return;
      }
      const context = prepareCanvas(node, width, height);
      if (context) {
        draw(context, readChartPalette(node));
      }
    });
    return () => cancelAnimationFrame(frame);
  }, deps);
}
