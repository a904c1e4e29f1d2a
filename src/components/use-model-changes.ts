import type { ISignal } from '@lumino/signaling';
import { useEffect, useState } from 'react';

/** Render again whenever `signal` is emitted (a model's `changed`). */
export function useModelChanges(signal: ISignal<unknown, unknown>): void {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const onChange = (): void => setVersion(version => version + 1);
    signal.connect(onChange);
    return () => {
      signal.disconnect(onChange);
    };
  }, [signal]);
}
