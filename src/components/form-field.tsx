import React from 'react';

/** Props of {@link FormField}. */
export interface IFormFieldProps {
  /** Id of the control the label names. */
  id: string;
  /** Name of the form value, as `data-field` for tests and styles. */
  field: string;
  label: string;
  /** Shown in place of the hint when set. */
  error?: string;
  hint?: string;
  children: React.ReactNode;
}

/** A labelled field with its hint or its error. */
export function FormField(props: IFormFieldProps): JSX.Element {
  const { id, field, label, error, hint, children } = props;
  return (
    <div
      className={`jp-mlstudio-field${error ? ' jp-mlstudio-has-error' : ''}`}
      data-field={field}
    >
      <label htmlFor={id} className="jp-mlstudio-field-label">
        {label}
      </label>
      {children}
      {error ? (
        <div className="jp-mlstudio-field-error" role="alert">
          {error}
        </div>
      ) : hint ? (
        <div className="jp-mlstudio-field-hint">{hint}</div>
      ) : null}
    </div>
  );
}
