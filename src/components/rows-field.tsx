import type { TranslationBundle } from '@jupyterlab/translation';
import { addIcon, closeIcon } from '@jupyterlab/ui-components';
import React from 'react';

/** Column of a {@link RowsField}. */
export interface IRowColumn<T> {
  name: keyof T & string;
  placeholder: string;
  wide?: boolean;
}

/** Props of {@link RowsField}. */
export interface IRowsFieldProps<T> {
  /** Name of the form value; a row's error is looked up as `<field>.<index>`. */
  field: string;
  label: string;
  rows: T[];
  /** What the Add button appends. */
  empty: T;
  columns: IRowColumn<T>[];
  addLabel: string;
  errorOf: (key: string) => string | undefined;
  trans: TranslationBundle;
  onChange: (rows: T[]) => void;
  onBlur: () => void;
  /** Extra content under each row. */
  renderExtra?: (index: number) => React.ReactNode;
}

/**
 * An editable list of rows (hyperparameters, channels, metric definitions), each with
 * its own error.
 */
export function RowsField<T extends object>(
  props: IRowsFieldProps<T>
): JSX.Element {
  const { field, label, rows, empty, columns, addLabel, errorOf, trans } =
    props;
  const listError = errorOf(field);
  const setCell = (index: number, name: keyof T, text: string): void => {
    props.onChange(
      rows.map((row, i) => (i === index ? { ...row, [name]: text } : row))
    );
  };
  return (
    <div
      className={`jp-mlstudio-field jp-mlstudio-rows${
        listError ? ' jp-mlstudio-has-error' : ''
      }`}
      data-field={field}
    >
      <div className="jp-mlstudio-field-label">{label}</div>
      {rows.map((row, index) => {
        const error = errorOf(`${field}.${index}`);
        return (
          <div
            key={index}
            className="jp-mlstudio-row"
            data-row={index}
            onBlur={props.onBlur}
          >
            <div className="jp-mlstudio-row-inputs">
              {columns.map(column => (
                <input
                  key={column.name}
                  className={`jp-mod-styled${column.wide ? ' jp-mlstudio-wide' : ''}`}
                  type="text"
                  spellCheck={false}
                  data-column={column.name}
                  aria-label={`${label} ${index + 1}: ${column.placeholder}`}
                  placeholder={column.placeholder}
                  value={String(row[column.name] ?? '')}
                  aria-invalid={!!error}
                  onChange={event =>
                    setCell(index, column.name, event.target.value)
                  }
                />
              ))}
              <button
                type="button"
                className="jp-mlstudio-icon-button"
                title={trans.__('Remove')}
                aria-label={trans.__('Remove row %1', index + 1)}
                onClick={() =>
                  props.onChange(rows.filter((_, i) => i !== index))
                }
              >
                <closeIcon.react tag="span" />
              </button>
            </div>
            {error ? (
              <div className="jp-mlstudio-field-error" role="alert">
                {error}
              </div>
            ) : null}
            {props.renderExtra?.(index)}
          </div>
        );
      })}
      <button
        type="button"
        className="jp-mlstudio-button jp-mod-styled jp-mlstudio-add-row"
        onClick={() => props.onChange([...rows, { ...empty }])}
      >
        <addIcon.react tag="span" className="jp-mlstudio-button-icon" />
        {addLabel}
      </button>
      {listError ? (
        <div className="jp-mlstudio-field-error" role="alert">
          {listError}
        </div>
      ) : null}
    </div>
  );
}
