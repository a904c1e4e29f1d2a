import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useCallback, useEffect } from 'react';

import { formatClock } from '../format';
import type { BuildLogModel } from '../models/build-log-model';
import { RequestErrorMessage } from './request-error-message';
import { useModelChanges } from './use-model-changes';
import { VirtualList } from './virtual-list';

/** Height of a log line, in pixels; the list is virtualized on it. */
const LINE_HEIGHT = 16;

/** Props of {@link BuildLogView}. */
export interface IBuildLogViewProps {
  model: BuildLogModel;
  trans: TranslationBundle;
}

/** The log of a Dockerfile build, following new lines while the build runs. */
export function BuildLogView(props: IBuildLogViewProps): JSX.Element {
  const { model, trans } = props;
  useModelChanges(model.changed);
  useEffect(() => {
    void model.start();
  }, [model]);
  const lines = model.lines;
  const renderRow = useCallback(
    (index: number) => (
      <div className="jp-mlstudio-build-log-line" title={lines[index].message}>
        <span className="jp-mlstudio-build-log-time">
          {formatClock(lines[index].timestamp)}
        </span>
        {lines[index].message}
      </div>
    ),
    [lines]
  );

  let body: JSX.Element;
  if (!model.isLoaded) {
    body = <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>;
  } else if (!lines.length) {
    body = (
      <div className="jp-mlstudio-empty">
        {model.isLive
          ? trans.__('Waiting for the build to write…')
          : trans.__('The build wrote no lines.')}
      </div>
    );
  } else {
    body = (
      <VirtualList
        className="jp-mlstudio-build-log"
        count={lines.length}
        rowHeight={LINE_HEIGHT}
        renderRow={renderRow}
        stickToBottom
        ariaLabel={trans.__(
          'Build log of %1 version %2',
          model.image,
          model.version
        )}
      />
    );
  }
  return (
    <div className="jp-mlstudio-build-log-view" data-live={model.isLive}>
      {model.error ? (
        <RequestErrorMessage error={model.error} trans={trans} stale />
      ) : null}
      {body}
    </div>
  );
}
