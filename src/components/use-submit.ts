import { useCallback, useEffect, useRef, useState } from 'react';

import { asRequestError, MLStudioRequestError } from '../request';

/** What {@link useSubmit} gives a form. */
export interface ISubmitState {
  /** Whether the request is on its way. */
  submitting: boolean;
  /** What the server answered to the last attempt, when it refused. */
  error: MLStudioRequestError | null;
  /** Send; resolves true when the server accepted. */
  submit: () => Promise<boolean>;
}

/**
 * Sending a form's request once at a time and keeping the server's refusal to show it
 * inline. The form stays as the user filled it when the server refuses.
 */
export function useSubmit(send: () => Promise<unknown>): ISubmitState {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<MLStudioRequestError | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );
  const submit = useCallback(async (): Promise<boolean> => {
    setSubmitting(true);
    setError(null);
    try {
      await send();
      return true;
    } catch (reason) {
      if (mounted.current) {
        setError(asRequestError(reason));
      }
      return false;
    } finally {
      if (mounted.current) {
        setSubmitting(false);
      }
    }
  }, [send]);
  return { submitting, error, submit };
}
