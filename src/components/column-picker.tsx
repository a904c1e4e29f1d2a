import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useRef, useState } from 'react';

import {
  ATTRIBUTE_COLUMNS,
  columnId,
  MetricAggregate,
  RunColumn
} from '../models/run-columns';
import type { IExperimentKeys } from '../tokens';

/** Props of {@link ColumnPicker}. */
export interface IColumnPickerProps {
  keys: IExperimentKeys | null;
  columns: readonly RunColumn[];
  onChange: (columns: RunColumn[]) => void;
  trans: TranslationBundle;
}

/** The metric columns of a key, by aggregate. */
function metricAggregates(
  columns: readonly RunColumn[],
  key: string
): MetricAggregate[] {
  return columns
    .filter(
      (column): column is Extract<RunColumn, { kind: 'metric' }> =>
        column.kind === 'metric' && column.key === key
    )
    .map(column => column.aggregate);
}

/**
 * The Columns menu of the runs table: which params, metrics (last, min or max value,
 * any of them) and tags have a column. A search narrows long lists of keys; Escape or a
 * click outside closes it.
 */
export function ColumnPicker(props: IColumnPickerProps): JSX.Element {
  const { keys, columns, onChange, trans } = props;
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) {
      return;
    }
    const close = (event: MouseEvent): void => {
      if (!root.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    const escape = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('mousedown', close);
    // Capture: JupyterLab's own Escape handling must not see it first.
    document.addEventListener('keydown', escape, true);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', escape, true);
    };
  }, [open]);

  const has = (column: RunColumn): boolean =>
    columns.some(item => columnId(item) === columnId(column));
  const toggle = (column: RunColumn): void => {
    const id = columnId(column);
    onChange(
      has(column)
        ? columns.filter(item => columnId(item) !== id)
        : [...columns, column]
    );
  };
  const matches = (key: string): boolean =>
    key.toLowerCase().includes(search.trim().toLowerCase());
  const list = (names: readonly string[] | undefined): string[] =>
    (names ?? []).filter(matches);

  return (
    <div className="jp-mlstudio-column-picker" ref={root}>
      <button
        ref={button}
        type="button"
        className="jp-mlstudio-button jp-mod-styled jp-mlstudio-columns-button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {trans.__('Columns')}
      </button>
      {open ? (
        <div
          className="jp-mlstudio-column-menu"
          role="dialog"
          aria-label={trans.__('Columns')}
        >
          <input
            type="search"
            className="jp-mod-styled jp-mlstudio-column-search"
            placeholder={trans.__('Find a key')}
            value={search}
            onChange={event => setSearch(event.target.value)}
            autoFocus
          />
          {!keys ? (
            <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>
          ) : null}
          <fieldset>
            <legend>{trans.__('Metrics (last · min · max)')}</legend>
            {list(keys?.metrics).map(key => {
              const shown = metricAggregates(columns, key);
              return (
                <div
                  key={key}
                  className="jp-mlstudio-column-option"
                  data-metric-key={key}
                >
                  <span className="jp-mlstudio-column-key" title={key}>
                    {key}
                  </span>
                  {(['last', 'min', 'max'] as MetricAggregate[]).map(
                    aggregate => (
                      <label key={aggregate} className="jp-mlstudio-aggregate">
                        <input
                          type="checkbox"
                          data-aggregate={aggregate}
                          checked={shown.includes(aggregate)}
                          onChange={() =>
                            toggle({ kind: 'metric', key, aggregate })
                          }
                        />
                        {aggregate}
                      </label>
                    )
                  )}
                </div>
              );
            })}
          </fieldset>
          {(['params', 'tags'] as const).map(group => (
            <fieldset key={group}>
              <legend>
                {group === 'params' ? trans.__('Parameters') : trans.__('Tags')}
              </legend>
              {list(keys?.[group]).map(key => {
                const column: RunColumn = {
                  kind: group === 'params' ? 'param' : 'tag',
                  key
                };
                return (
                  <label
                    key={key}
                    className="jp-mlstudio-column-option"
                    data-key={key}
                  >
                    <input
                      type="checkbox"
                      checked={has(column)}
                      onChange={() => toggle(column)}
                    />
                    <span className="jp-mlstudio-column-key" title={key}>
                      {key}
                    </span>
                  </label>
                );
              })}
            </fieldset>
          ))}
          <button
            type="button"
            className="jp-mlstudio-button jp-mod-styled"
            onClick={() => onChange([...ATTRIBUTE_COLUMNS])}
            title={trans.__(
              'Show only Name, Status, Started, Duration and User'
            )}
          >
            {trans.__('Hide all keys')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
