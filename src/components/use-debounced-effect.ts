import { useEffect, useRef } from 'react';

/**
 * Run `effect` once its inputs have stopped changing for `delay` ms. An effect whose
 * inputs changed again before it finished is told so through `isStale`, so it can drop
 * an answer that arrived late.
 */
export function useDebouncedEffect(
  effect: (isStale: () => boolean) => void,
  inputs: readonly unknown[],
  delay: number
): void {
  const generation = useRef(0);
  useEffect(() => {
    const current = ++generation.current;
    const timer = setTimeout(
      () => effect(() => generation.current !== current),
      delay
    );
    return () => clearTimeout(timer);
    // The inputs are the dependencies, by design.
  }, [...inputs, delay]);
}
