// jsdom lacks a few browser APIs that @jupyterlab/ui-components touches when it is
// imported: DragEvent (extended by Lumino's drag and drop) and matchMedia (read by the
// web components' theme). Unit tests use neither; stand-ins are enough.
const scope = globalThis as unknown as Record<string, unknown>;

if (typeof scope.MouseEvent === 'function' && scope.DragEvent === undefined) {
  scope.DragEvent = class DragEvent extends MouseEvent {};
}

if (
  typeof scope.window === 'object' &&
  typeof window.matchMedia !== 'function'
) {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false
    }) as MediaQueryList;
}

// ReactWidget renders in the browser's idle time; jsdom has no idle callbacks.
if (typeof scope.window === 'object' && !('requestIdleCallback' in window)) {
  scope.requestIdleCallback = (callback: () => void): number =>
    setTimeout(callback, 0) as unknown as number;
  scope.cancelIdleCallback = (handle: number): void => clearTimeout(handle);
}
