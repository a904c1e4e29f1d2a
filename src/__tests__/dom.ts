import type { ISignal } from '@lumino/signaling';
import { act } from 'react';
import { createRoot } from 'react-dom/client';

/** React in jsdom for component tests: mount, type, press, click, and unmount after each. */

// Tell React that updates are flushed with act(), as in its own test helpers.
(
  globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
).IS_REACT_ACT_ENVIRONMENT = true;

const mounted: (() => void)[] = [];

/** Render into a fresh container; {@link unmountAll} takes it away. */
export function render(element: JSX.Element): HTMLElement {
  return renderLive(() => element);
}

/**
 * Render `element()` into a fresh container, and again whenever one of `signals` is
 * emitted (a model's `changed`), as the widget that shows it does.
 */
export function renderLive(
  element: () => JSX.Element,
  ...signals: ISignal<unknown, unknown>[]
): HTMLElement {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  const draw = (): void => act(() => root.render(element()));
  signals.forEach(signal => signal.connect(draw));
  draw();
  mounted.push(() => {
    signals.forEach(signal => signal.disconnect(draw));
    act(() => root.unmount());
    container.remove();
  });
  return container;
}

/** Run `cleanup` (e.g. dispose a model) with the unmounting after the test. */
export function afterTest(cleanup: () => void): void {
  mounted.push(cleanup);
}

/** Unmount everything rendered so far, and run the cleanups (call it after each test). */
export function unmountAll(): void {
  mounted.splice(0).forEach(unmount => unmount());
}

/** Type into a controlled field the way a user does, so React sees the change. */
export function type(
  field: HTMLInputElement | HTMLTextAreaElement,
  value: string
): void {
  const prototype = Object.getPrototypeOf(field);
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')!.set!;
  act(() => {
    setter.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Press a key on an element. */
export async function press(element: Element, key: string): Promise<void> {
  await act(async () => {
    element.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })
    );
  });
}

/** Click an element. */
export function click(element: Element): void {
  act(() => {
    (element as HTMLElement).click();
  });
}

/** Let timers and promises run until `condition` holds; fail after a deadline. */
export async function waitFor(
  condition: () => boolean,
  timeout = 2000
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('the condition did not hold in time');
    }
    await act(async () => {
      await new Promise(resolve => setTimeout(resolve, 0));
    });
  }
}
