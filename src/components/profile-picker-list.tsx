import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import type { NotebookProfileModel } from '../models/notebook-profile-model';
import { imageOptions, instanceTypeOptions } from '../models/profile-options';
import { OptionList } from './option-list';
import type { PickerKind } from './profile-pickers';
import { RequestErrorMessage } from './request-error-message';

/** Props of {@link ProfilePickerList}. */
export interface IProfilePickerListProps {
  model: NotebookProfileModel;
  kind: PickerKind;
  trans: TranslationBundle;
  onPick: (value: string) => void;
  onClose: () => void;
}

/**
 * The open list of a picker: every image or instance type, those that cannot run here
 * disabled with the reason, and what the server said about the last pick.
 */
export function ProfilePickerList(props: IProfilePickerListProps): JSX.Element {
  const { model, kind, trans, onPick, onClose } = props;
  const profiles = model.profiles.profiles;
  const current = model.current;
  const heading =
    kind === 'image' ? trans.__('Image') : trans.__('Instance type');

  let body: JSX.Element;
  if (!profiles) {
    const error = model.profiles.error;
    body = error ? (
      <RequestErrorMessage error={error} trans={trans} />
    ) : (
      <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>
    );
  } else {
    const options =
      kind === 'image'
        ? imageOptions(profiles, current.image, trans)
        : instanceTypeOptions(profiles, current.instance_type, trans);
    body = (
      <OptionList
        label={heading}
        options={options}
        onPick={onPick}
        onCancel={onClose}
      />
    );
  }

  return (
    <div className="jp-mlstudio-picker-panel" data-picker-list={kind}>
      <div className="jp-mlstudio-picker-heading">{heading}</div>
      {model.isForeignKernel ? (
        <div className="jp-mlstudio-picker-notice" role="note">
          {trans.__(
            'This notebook runs %1, which is not an ML Studio kernel: no image or instance type applies to it. Pick one below to move the notebook to an ML Studio kernel (you are asked first).',
            model.kernelName!
          )}
          {profiles ? (
            <button
              type="button"
              className="jp-mlstudio-button jp-mod-styled jp-mod-accept jp-mlstudio-switch-to-studio"
              onClick={() =>
                onPick(
                  kind === 'image'
                    ? current.image
                    : (current.instance_type ?? profiles.default_instance_type)
                )
              }
            >
              {trans.__(
                'Switch to %1 on %2',
                current.image,
                current.instance_type ?? profiles.default_instance_type
              )}
            </button>
          ) : null}
        </div>
      ) : null}
      {body}
      {model.phase === 'checking' ? (
        <div className="jp-mlstudio-picker-footer" role="status">
          <span className="jp-mlstudio-spinner" aria-hidden="true" />
          {trans.__('Checking that it can run here…')}
        </div>
      ) : null}
      {model.phase === 'refused' && model.error ? (
        <div className="jp-mlstudio-picker-footer">
          <RequestErrorMessage error={model.error} trans={trans} />
          <div className="jp-mlstudio-field-hint">
            {trans.__('Nothing was changed.')}
          </div>
        </div>
      ) : null}
    </div>
  );
}
