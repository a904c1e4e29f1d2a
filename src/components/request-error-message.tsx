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
