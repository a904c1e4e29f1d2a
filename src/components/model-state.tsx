import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import type { MLStudioRequestError } from '../request';
import { RequestErrorMessage } from './request-error-message';

/** Props of {@link ModelState}. */
export interface IModelStateProps<T> {
  /** The data to show, or null before the first successful read. */
  data: T | null;
  error: MLStudioRequestError | null;
  trans: TranslationBundle;
  children: (data: T) => JSX.Element;
}

/**
 * Loading text, the server's error message, or the data: never a blank section.
 * When a refresh fails after a success, the error sits above the older data.
 */
export function ModelState<T>(props: IModelStateProps<T>): JSX.Element {
  const { data, error, trans, children } = props;
  if (data === null) {
    return <LoadingState error={error} trans={trans} />;
  }
  return (
    <>
      {error ? <RequestErrorMessage error={error} trans={trans} stale /> : null}
      {children(data)}
    </>
  );
}

/** What stands in for data not read yet: "Loading…", or why the read failed. */
export function LoadingState(props: {
  error: MLStudioRequestError | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { error, trans } = props;
  return error ? (
    <RequestErrorMessage error={error} trans={trans} />
  ) : (
    <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>
  );
}
