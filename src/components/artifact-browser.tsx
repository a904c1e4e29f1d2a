import type { TranslationBundle } from '@jupyterlab/translation';
import {
  caretDownIcon,
  caretRightIcon,
  fileIcon,
  folderIcon,
  UseSignal
} from '@jupyterlab/ui-components';
import React, { useCallback } from 'react';

import type { IArtifactContent } from '../api/runs';
import { formatBytes } from '../models/artifact-preview';
import type { ArtifactTreeModel, IArtifactRow } from '../models/artifact-tree';
import { ArtifactPreview } from './artifact-preview';
import { RequestErrorMessage } from './request-error-message';
import { VirtualList } from './virtual-list';

/** Height of a line of the tree, in pixels. */
export const ARTIFACT_ROW_HEIGHT = 24;

/** Props of {@link ArtifactBrowser}. */
export interface IArtifactBrowserProps {
  model: ArtifactTreeModel;
  read: (path: string, limit: number) => Promise<IArtifactContent>;
  download: (path: string) => void;
  trans: TranslationBundle;
}

/** A run's artifacts: a tree whose folders expand, and the preview of the chosen file. */
export function ArtifactBrowser(props: IArtifactBrowserProps): JSX.Element {
  const { model, read, download, trans } = props;
  return (
    <UseSignal signal={model.changed}>
      {() => {
        const rows = model.rows;
        const selected = rows.find(row => row.entry.path === model.selected);
        const root = model.root;
        let tree: JSX.Element;
        if (root.error) {
          tree = <RequestErrorMessage error={root.error} trans={trans} />;
        } else if (root.entries === null) {
          tree = (
            <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>
          );
        } else if (rows.length === 0) {
          tree = (
            <div className="jp-mlstudio-empty">
              {trans.__(
                'No artifacts yet: files appear here once the run logs them (mlflow.log_artifact) or its training job writes a model.'
              )}
            </div>
          );
        } else {
          tree = <ArtifactTree rows={rows} model={model} trans={trans} />;
        }
        return (
          <div className="jp-mlstudio-artifacts">
            {tree}
            {selected && !selected.entry.is_dir ? (
              <ArtifactPreview
                entry={selected.entry}
                read={read}
                download={download}
                trans={trans}
              />
            ) : null}
          </div>
        );
      }}
    </UseSignal>
  );
}

function ArtifactTree(props: {
  rows: IArtifactRow[];
  model: ArtifactTreeModel;
  trans: TranslationBundle;
}): JSX.Element {
  const { rows, model, trans } = props;
  const renderRow = useCallback(
    (index: number) => {
      const row = rows[index];
      const { entry } = row;
      const activate = (): void => {
        if (entry.is_dir) {
          void model.toggle(entry.path);
        } else {
          model.select(entry.path);
        }
      };
      const Caret = row.expanded ? caretDownIcon : caretRightIcon;
      const Icon = entry.is_dir ? folderIcon : fileIcon;
      return (
        <div
          className={`jp-mlstudio-artifact-row${model.selected === entry.path ? ' jp-mod-selected' : ''}`}
          style={{ paddingLeft: 4 + row.depth * 16 }}
          data-path={entry.path}
          data-is-dir={entry.is_dir}
          role="treeitem"
          aria-expanded={entry.is_dir ? row.expanded : undefined}
          tabIndex={0}
          onClick={activate}
          onKeyDown={event => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              activate();
            }
          }}
        >
          {entry.is_dir ? (
            <Caret.react tag="span" className="jp-mlstudio-artifact-caret" />
          ) : (
            <span className="jp-mlstudio-artifact-caret" />
          )}
          <Icon.react tag="span" className="jp-mlstudio-artifact-icon" />
          <span className="jp-mlstudio-artifact-name">{row.name}</span>
          <span className="jp-mlstudio-summary">
            {row.loading
              ? trans.__('reading…')
              : row.error
                ? row.error.message
                : entry.is_dir
                  ? ''
                  : formatBytes(entry.file_size)}
          </span>
        </div>
      );
    },
    [rows, model, model.selected, trans]
  );
  // As tall as its lines, up to twelve of them; longer trees scroll.
  const height = Math.min(rows.length, 12) * ARTIFACT_ROW_HEIGHT + 2;
  return (
    <div className="jp-mlstudio-artifact-tree-frame" style={{ height }}>
      <VirtualList
        className="jp-mlstudio-artifact-tree"
        count={rows.length}
        rowHeight={ARTIFACT_ROW_HEIGHT}
        renderRow={renderRow}
        role="tree"
        ariaLabel={trans.__('Artifacts')}
        overscan={10}
      />
    </div>
  );
}
