import type { TranslationBundle } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import React, { useCallback } from 'react';

import { formatClock } from '../format';
import type { LogTailModel } from '../models/log-tail-model';
import { RequestErrorMessage } from './request-error-message';
import { VirtualList } from './virtual-list';

/** Height of a log line, in pixels; the log is virtualized on it. */
export const LOG_ROW_HEIGHT = 18;

/** Props of {@link LogView}. */
export interface ILogViewProps {
  model: LogTailModel;
  trans: TranslationBundle;
  /** Host names; a picker is shown when there is more than one. */
  hosts: readonly string[];
  selectedHost: string;
  onSelectHost: (host: string) => void;
  /** Whether the log is complete (the job has ended): nothing is left to follow. */
  ended?: boolean;
}

/**
 * A host's log: a virtualized list of its lines that reads pages as they come into view
 * and follows the tail until the user scrolls up. Once the job has ended there is nothing
 * to follow, and the toolbar says the log is complete.
 */
export function LogView(props: ILogViewProps): JSX.Element {
  const { model, trans, hosts, selectedHost, onSelectHost, ended } = props;
  const onRangeChange = useCallback(
    (first: number, last: number) => model.ensureRange(first, last),
    [model]
  );
  const onScroll = useCallback(
    (scrollTop: number, viewport: number, content: number) => {
      model.updateFollowing(scrollTop, viewport, content, LOG_ROW_HEIGHT);
    },
    [model]
  );
  const renderRow = useCallback(
    (index: number) => {
      const line = model.lineAt(index);
      if (!line) {
        return (
          <div className="jp-mlstudio-log-line jp-mlstudio-log-pending">
            <span className="jp-mlstudio-log-seq">{index + 1}</span>
            <span className="jp-mlstudio-log-message">…</span>
          </div>
        );
      }
      return (
        <div className="jp-mlstudio-log-line" title={line.message}>
          <span className="jp-mlstudio-log-seq">{index + 1}</span>
          <span className="jp-mlstudio-log-time">
            {formatClock(line.timestamp)}
          </span>
          <span className="jp-mlstudio-log-message">{line.message}</span>
        </div>
      );
    },
    [model]
  );

  return (
    <UseSignal signal={model.changed}>
      {() => (
        <div className="jp-mlstudio-log" data-host={selectedHost}>
          <div className="jp-mlstudio-log-toolbar">
            {hosts.length > 1 ? (
              <label className="jp-mlstudio-host-picker">
                {trans.__('Host')}{' '}
                <select
                  className="jp-mod-styled"
                  value={selectedHost}
                  onChange={event => onSelectHost(event.target.value)}
                >
                  {hosts.map(host => (
                    <option key={host} value={host}>
                      {host}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <span className="jp-mlstudio-host-name">{selectedHost}</span>
            )}
            <span className="jp-mlstudio-log-count" data-total={model.total}>
              {trans._n('%1 line', '%1 lines', model.total)}
            </span>
            <span className="jp-mlstudio-spacer" />
            {model.isLoading ? (
              <span className="jp-mlstudio-summary">
                {trans.__('reading…')}
              </span>
            ) : null}
            {ended ? (
              <span className="jp-mlstudio-summary jp-mlstudio-log-ended">
                {trans.__('Complete: the job has ended')}
              </span>
            ) : (
              <button
                type="button"
                className={`jp-mlstudio-button jp-mod-styled jp-mlstudio-follow${
                  model.following ? ' jp-mod-active' : ''
                }`}
                aria-pressed={model.following}
                title={
                  model.following
                    ? trans.__('Following the last line; scroll up to stop')
                    : trans.__('Jump to the last line and follow it')
                }
                onClick={() => {
                  model.following = !model.following;
                }}
              >
                {model.following ? trans.__('Following') : trans.__('Follow')}
              </button>
            )}
          </div>
          {model.error ? (
            <RequestErrorMessage error={model.error} trans={trans} />
          ) : null}
          {model.total === 0 ? (
            <div className="jp-mlstudio-log-body jp-mlstudio-empty">
              {!model.isLoaded
                ? trans.__('Loading…')
                : ended
                  ? trans.__('The job wrote no output.')
                  : trans.__('No output yet.')}
            </div>
          ) : (
            <VirtualList
              className="jp-mlstudio-log-body"
              count={model.total}
              rowHeight={LOG_ROW_HEIGHT}
              renderRow={renderRow}
              overscan={20}
              onRangeChange={onRangeChange}
              onScroll={onScroll}
              stickToBottom={model.following}
              role="log"
              ariaLabel={trans.__('Log of %1', selectedHost)}
              dataAttributes={{ total: model.total }}
            />
          )}
        </div>
      )}
    </UseSignal>
  );
}
