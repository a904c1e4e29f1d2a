import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import type { MLStudioRequestError } from '../request';

/** Props of {@link RequestErrorMessage}. */
export interface IRequestErrorMessageProps {
  error: MLStudioRequestError;
  trans: TranslationBundle;
  /** Whether older data is still shown below the message. */
  stale?: boolean;
}

/**
 * What a person can do about a failed request, as a sentence: the server's message says what
 * went wrong, this says what to try next, by the kind of failure.
 */
export function nextStep(
  error: MLStudioRequestError,
  trans: TranslationBundle
): string {
  if (error.status === 0) {
    return trans.__(
      'Check that the Jupyter server is running, then try again: nothing you typed is lost.'
    );
  }
  if (error.status >= 500) {
    return trans.__(
      'Try again in a moment; if it fails again, the server log says why.'
    );
  }
  // A conflict on a name (or on no field: a name taken); a conflict elsewhere, such as
  // capacity, reads as any other refusal.
  if (error.status === 409 && (!error.field || /name/i.test(error.field))) {
    return trans.__('Choose another name, or open the one that exists.');
  }
  if (error.status === 404) {
    return trans.__(
      'It may have been deleted: refresh the list and choose another.'
    );
  }
  if (error.status === 401 || error.status === 403) {
    return trans.__(
      'Sign in again, or ask the administrator of this server for access.'
    );
  }
  return trans.__('Change what it names and submit again.');
}

/** The server's message as a sentence, followed by {@link nextStep}. */
export function withNextStep(
  error: MLStudioRequestError,
  trans: TranslationBundle
): string {
  const message = error.message.trim();
  const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
  return `${sentence} ${nextStep(error, trans)}`;
}

/** The server's explanation of a failed request, in place of the missing data. */
export function RequestErrorMessage(
  props: IRequestErrorMessageProps
): JSX.Element {
  const { error, trans, stale } = props;
  let heading: string;
  if (error.status === 0) {
    heading = trans.__('Cannot reach the server');
  } else if (error.status >= 500) {
    heading = trans.__('The server cannot answer now');
  } else {
    heading = trans.__('The server refused the request');
  }
  return (
    <div className="jp-mlstudio-error" role="alert">
      <div className="jp-mlstudio-error-heading">{heading}</div>
      <div className="jp-mlstudio-error-message">{error.message}</div>
      <div className="jp-mlstudio-error-next">{nextStep(error, trans)}</div>
      <div className="jp-mlstudio-error-code">
        {error.status
          ? trans.__('%1 (HTTP %2)', error.error, error.status)
          : error.error}
        {error.field ? ` · ${trans.__('field: %1', error.field)}` : null}
        {stale ? ` · ${trans.__('showing the last data read')}` : null}
      </div>
    </div>
  );
}
