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
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  act(() => root.render(element));
  mounted.push(() => {
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

/** Type into a controlled input the way a user does, so React sees the change. */
export function type(field: HTMLInputElement, value: string): void {
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
