import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useCallback, useRef, useState } from 'react';

import {
  cellText,
  columnId,
  columnWidth,
  NAME_COLUMN_ID,
  RunColumn
} from '../models/run-columns';
import type { RunTableModel } from '../models/run-table-model';
import type { IRun } from '../tokens';
import { RunStatusBadge } from './run-status-badge';
import { VirtualList } from './virtual-list';

/** Height of a run row, in pixels; the table is virtualized on it. */
export const RUN_ROW_HEIGHT = 28;

/** Width of the checkbox column. */
const CHECK_WIDTH = 34;

/** Where a cell stays while the table scrolls sideways: the checkbox and Name are pinned. */
function pinnedStyle(id: string | null, width: number): React.CSSProperties {
  if (id === null) {
    return { width, left: 0 };
  }
  return id === NAME_COLUMN_ID ? { width, left: CHECK_WIDTH } : { width };
}

/** Class of a pinned cell (the checkbox, Name); '' for the others. */
function pinnedClass(id: string | null): string {
  return id === null || id === NAME_COLUMN_ID ? ' jp-mlstudio-runs-pinned' : '';
}

/** The type of the drag data of a column heading. */
const COLUMN_DRAG_TYPE = 'application/x-mlstudio-run-column';

/** Props of {@link RunsTable}. */
export interface IRunsTableProps {
  model: RunTableModel;
  trans: TranslationBundle;
  /** The clock, for running durations. */
  now: number;
  onOpenRun: (runId: string) => void;
}

/** A column's header text: the key, and which value of a metric unless the last. */
export function columnTitle(
  column: RunColumn,
  trans: TranslationBundle
): string {
  switch (column.kind) {
    case 'attribute':
      return {
        name: trans.__('Name'),
        status: trans.__('Status'),
        start_time: trans.__('Started'),
        duration: trans.__('Duration'),
        user_id: trans.__('User')
      }[column.key];
    case 'metric':
      return column.aggregate === 'last'
        ? column.key
        : `${column.key} (${column.aggregate})`;
    default:
      return column.key;
  }
}

/**
 * The runs table: a header (click to sort, drag to reorder, Alt+arrow to move the focused
 * column) and a virtualized body that renders only the rows in view and asks the model
 * for the next page as the end comes near. The checkbox and Name columns stay in view
 * while the table scrolls sideways.
 */
export function RunsTable(props: IRunsTableProps): JSX.Element {
  const { model, trans, now, onOpenRun } = props;
  const header = useRef<HTMLDivElement>(null);
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const rows = model.rows;
  const columns = model.columns;
  const width =
    CHECK_WIDTH + columns.reduce((sum, column) => sum + columnWidth(column), 0);
  const onRangeChange = useCallback(
    (first: number, last: number) => model.ensureRange(first, last),
    [model]
  );
  const onScroll = useCallback(
    (_top: number, _viewport: number, _content: number, left: number) => {
      if (header.current) {
        header.current.scrollLeft = left;
      }
    },
    []
  );
  const renderRow = useCallback(
    (index: number) => (
      <RunRow
        run={rows[index]}
        columns={columns}
        selected={model.selection.has(rows[index].run_id)}
        now={now}
        trans={trans}
        onToggle={run => model.selection.toggle(run)}
        onOpen={onOpenRun}
      />
    ),
    // The model's version covers selection and row changes.
    [rows, columns, now, trans, model.version, model.selection.size, onOpenRun]
  );
  const sort = model.sort;
  const allTicked =
    rows.length > 0 && rows.every(run => model.selection.has(run.run_id));

  return (
    <div
      className="jp-mlstudio-runs-table"
      role="table"
      aria-rowcount={rows.length}
    >
      <div
        className="jp-mlstudio-runs-header"
        ref={header}
        role="rowgroup"
        onScroll={() => {
          // Focusing a heading may scroll the header across; the body follows it.
          const node = header.current;
          const body = node?.nextElementSibling;
          if (node && body && body.scrollLeft !== node.scrollLeft) {
            body.scrollLeft = node.scrollLeft;
          }
        }}
      >
        <div className="jp-mlstudio-runs-row" role="row" style={{ width }}>
          <span
            className={`jp-mlstudio-runs-cell jp-mlstudio-runs-check${pinnedClass(null)}`}
            style={pinnedStyle(null, CHECK_WIDTH)}
          >
            <input
              type="checkbox"
              aria-label={trans.__('Select every loaded run')}
              checked={allTicked}
              onChange={() => model.selection.toggleAll(rows)}
            />
          </span>
          {columns.map((column, index) => {
            const id = columnId(column);
            const sorted = sort?.columnId === id;
            const movable = id !== NAME_COLUMN_ID;
            return (
              <button
                type="button"
                key={id}
                role="columnheader"
                className={`jp-mlstudio-runs-cell jp-mlstudio-runs-heading${sorted ? ' jp-mod-sorted' : ''}${pinnedClass(id)}${dropTarget === id ? ' jp-mod-drop-target' : ''}`}
                style={pinnedStyle(id, columnWidth(column))}
                data-column-id={id}
                draggable={movable}
                onDragStart={event => {
                  event.dataTransfer.setData(COLUMN_DRAG_TYPE, id);
                  event.dataTransfer.effectAllowed = 'move';
                }}
                onDragOver={event => {
                  if (
                    index > 0 &&
                    event.dataTransfer.types.includes(COLUMN_DRAG_TYPE)
                  ) {
                    event.preventDefault();
                    event.dataTransfer.dropEffect = 'move';
                    setDropTarget(id);
                  }
                }}
                onDragLeave={() => setDropTarget(null)}
                onDrop={event => {
                  event.preventDefault();
                  setDropTarget(null);
                  const moving = event.dataTransfer.getData(COLUMN_DRAG_TYPE);
                  if (moving && moving !== id) {
                    // Dropped on a column further right: the moved one goes after it.
                    const from = columns.findIndex(c => columnId(c) === moving);
                    const before =
                      from < index
                        ? (columns[index + 1] &&
                            columnId(columns[index + 1])) ||
                          null
                        : id;
                    model.moveColumn(moving, before);
                  }
                }}
                onKeyDown={event => {
                  if (!movable || !event.altKey) {
                    return;
                  }
                  if (event.key === 'ArrowLeft' && index > 1) {
                    event.preventDefault();
                    model.moveColumn(id, columnId(columns[index - 1]));
                  } else if (
                    event.key === 'ArrowRight' &&
                    index < columns.length - 1
                  ) {
                    event.preventDefault();
                    const after = columns[index + 2];
                    model.moveColumn(id, after ? columnId(after) : null);
                  }
                }}
                aria-sort={
                  sorted
                    ? sort!.descending
                      ? 'descending'
                      : 'ascending'
                    : 'none'
                }
                title={
                  sorted && model.isLocalSort
                    ? trans.__(
                        '%1: sorted among the loaded runs',
                        columnTitle(column, trans)
                      )
                    : movable
                      ? trans.__(
                          'Sort by %1. Drag (or Alt+arrow) to move the column.',
                          columnTitle(column, trans)
                        )
                      : trans.__('Sort by %1', columnTitle(column, trans))
                }
                onClick={() => model.sortBy(id)}
              >
                <span className="jp-mlstudio-runs-heading-text">
                  {columnTitle(column, trans)}
                </span>
                {sorted ? (
                  <span className="jp-mlstudio-sort-mark">
                    {sort!.descending ? '▼' : '▲'}
                  </span>
                ) : null}
              </button>
            );
          })}
        </div>
      </div>
      <VirtualList
        className="jp-mlstudio-runs-body"
        count={rows.length}
        rowHeight={RUN_ROW_HEIGHT}
        renderRow={renderRow}
        onRangeChange={onRangeChange}
        onScroll={onScroll}
        contentWidth={width}
        overscan={8}
        role="rowgroup"
        ariaLabel={trans.__('Runs')}
        dataAttributes={{ 'row-count': rows.length }}
      />
    </div>
  );
}

function RunRow(props: {
  run: IRun;
  columns: readonly RunColumn[];
  selected: boolean;
  now: number;
  trans: TranslationBundle;
  onToggle: (run: IRun) => void;
  onOpen: (runId: string) => void;
}): JSX.Element {
  const { run, columns, selected, now, trans, onToggle, onOpen } = props;
  return (
    <div
      className={`jp-mlstudio-runs-row jp-mlstudio-run-row${selected ? ' jp-mod-selected' : ''}`}
      role="row"
      data-run-id={run.run_id}
      data-run-name={run.name}
      aria-selected={selected}
      onClick={event => {
        if ((event.target as HTMLElement).closest('.jp-mlstudio-runs-check')) {
          return;
        }
        onOpen(run.run_id);
      }}
    >
      <span
        className={`jp-mlstudio-runs-cell jp-mlstudio-runs-check${pinnedClass(null)}`}
        style={pinnedStyle(null, CHECK_WIDTH)}
      >
        <input
          type="checkbox"
          aria-label={trans.__('Select %1', run.name)}
          checked={selected}
          onChange={() => onToggle(run)}
        />
      </span>
      {columns.map(column => {
        const id = columnId(column);
        if (column.kind === 'attribute' && column.key === 'status') {
          return (
            <span
              key={id}
              className="jp-mlstudio-runs-cell"
              role="cell"
              style={{ width: columnWidth(column) }}
            >
              <RunStatusBadge status={run.status} trans={trans} />
            </span>
          );
        }
        const text = cellText(run, column, now);
        return (
          <span
            key={id}
            role="cell"
            className={`jp-mlstudio-runs-cell${column.kind === 'metric' ? ' jp-mlstudio-numeric' : ''}${column.kind === 'attribute' && column.key === 'name' ? ' jp-mlstudio-run-name' : ''}${pinnedClass(id)}`}
            style={pinnedStyle(id, columnWidth(column))}
            data-column-id={id}
            title={text}
          >
            {text}
          </span>
        );
      })}
    </div>
  );
}
