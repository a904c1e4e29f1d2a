import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';

import { formatNumber } from '../format';
import { describeIdleTimeout } from '../kernel-format';
import { IdleTimeoutsModel } from '../models/idle-timeouts-model';

/** Props of {@link IdleTimeoutEditor}. */
export interface IIdleTimeoutEditorProps {
  instanceType: string;
  model: IdleTimeoutsModel;
  trans: TranslationBundle;
}

/**
 * An instance type's idle timeout, changed in place: click the value, type minutes
 * (0 = never), Enter saves and Escape cancels. A refusal shows under the value.
 */
export function IdleTimeoutEditor(props: IIdleTimeoutEditorProps): JSX.Element {
  const { instanceType, model, trans } = props;
  const minutes = model.timeouts?.[instanceType];
  const edit = model.edit(instanceType);
  const [text, setText] = useState<string | null>(null);

  const save = async (): Promise<void> => {
    if (text === null) {
      return;
    }
    const value = text.trim() === '' ? Number.NaN : Number(text);
    if (minutes !== undefined && value === minutes) {
      setText(null);
      return;
    }
    if (await model.set(instanceType, value)) {
      setText(null);
    }
  };
  const cancel = (): void => {
    setText(null);
    model.clearEdit(instanceType);
  };

  const error = edit?.error ? (
    <div className="jp-mlstudio-field-error" role="alert">
      {edit.error}
    </div>
  ) : null;
  if (text === null) {
    return (
      <>
        <button
          type="button"
          className="jp-mlstudio-idle-value"
          data-idle-timeout={instanceType}
          disabled={minutes === undefined || edit?.saving}
          title={trans.__(
            'Kernels of %1 are shut down after this long idle. Click to change.',
            instanceType
          )}
          onClick={() =>
            setText(minutes === undefined ? '' : formatNumber(minutes, 2))
          }
        >
          {edit?.saving
            ? trans.__('saving…')
            : minutes === undefined
              ? '–'
              : describeIdleTimeout(minutes, trans)}
        </button>
        {error}
      </>
    );
  }
  return (
    <>
      <span className="jp-mlstudio-idle-edit">
        <input
          className="jp-mod-styled"
          type="number"
          min={0}
          max={IdleTimeoutsModel.MAX_MINUTES}
          step={1}
          autoFocus
          aria-label={trans.__(
            'Idle timeout of %1 in minutes (0 = never)',
            instanceType
          )}
          aria-invalid={!!edit?.error}
          value={text}
          disabled={edit?.saving}
          onChange={event => setText(event.target.value)}
          onKeyDown={event => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void save();
            } else if (event.key === 'Escape') {
              event.preventDefault();
              cancel();
            }
          }}
          onBlur={() => void save()}
        />
        <span className="jp-mlstudio-idle-unit">{trans.__('min')}</span>
      </span>
      {error}
    </>
  );
}
