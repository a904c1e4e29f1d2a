import {
  DependencyList,
  RefObject,
  useEffect,
  useLayoutEffect,
  useState
} from 'react';

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
 * Call `draw` on the next animation frame after any of `deps` changed, so that a burst
 * of changes within one frame (live points, a resize) draws once.
 */
export function useFrameDraw(draw: () => void, deps: DependencyList): void {
  useEffect(() => {
    const frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, deps);
}
