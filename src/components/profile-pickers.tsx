import type { TranslationBundle } from '@jupyterlab/translation';
import { caretDownIcon, closeIcon } from '@jupyterlab/ui-components';
import React from 'react';

import { formatNumber } from '../format';
import type {
  IProfileSource,
  NotebookProfileModel
} from '../models/notebook-profile-model';
import { describeInstanceType } from '../models/profile-options';

/** Which picker. */
export type PickerKind = 'image' | 'instance-type';

/** Props of {@link ProfilePickers}. */
export interface IProfilePickersProps {
  model: NotebookProfileModel;
  trans: TranslationBundle;
  /** The picker whose list is open, if any. */
  openPicker: PickerKind | null;
  /** Open (or close) a picker's list under its button. */
  onToggle: (kind: PickerKind, anchor: HTMLElement) => void;
}

/**
 * The notebook toolbar's image and instance-type pickers, with the progress and outcome
 * of the last switch next to them.
 */
export function ProfilePickers(props: IProfilePickersProps): JSX.Element {
  const { model, trans, openPicker, onToggle } = props;
  const current = model.current;
  const image = model.profiles.image(current.image);
  const type = current.instance_type
    ? model.profiles.instanceType(current.instance_type)
    : undefined;
  const foreign = model.isForeignKernel;
  const source = model.source;

  let imageTitle = image?.display_name
    ? trans.__('Image: %1 (%2)', current.image, image.display_name)
    : trans.__('Image: %1', current.image);
  const note = sourceNote(source, current.image, trans);
  if (note) {
    imageTitle += '\n' + note;
  }
  if (foreign) {
    imageTitle = trans.__(
      'The kernel %1 is not an ML Studio kernel: no image or instance type applies to it. Open to move the notebook to an ML Studio kernel.',
      model.kernelName!
    );
  }
  let typeTitle = foreign
    ? trans.__(
        'No instance type applies to the kernel %1. Open to move the notebook to an ML Studio kernel on a type.',
        model.kernelName!
      )
    : type
      ? trans.__('Instance type %1', describeInstanceType(type, trans))
      : trans.__('Instance type');
  if (source.instance_type === 'sagemaker') {
    typeTitle +=
      '\n' +
      trans.__('The instance type this notebook ran on in SageMaker Studio.');
  }

  return (
    <div className="jp-mlstudio-profile-pickers">
      <PickerButton
        kind="image"
        value={
          foreign
            ? trans.__('%1 (not ML Studio)', model.kernelName!)
            : current.image
        }
        title={imageTitle}
        source={source.image}
        substitute={source.sagemaker_image_missing}
        muted={foreign}
        expanded={openPicker === 'image'}
        disabled={model.isBusy}
        onToggle={onToggle}
      />
      <PickerButton
        kind="instance-type"
        value={foreign ? '–' : (current.instance_type ?? '…')}
        title={typeTitle}
        source={source.instance_type}
        muted={foreign}
        expanded={openPicker === 'instance-type'}
        disabled={model.isBusy}
        onToggle={onToggle}
      />
      <SwitchStatus model={model} trans={trans} />
    </div>
  );
}

/**
 * Where the image comes from, in words, when it is not simply the notebook's choice: the
 * SageMaker Studio image of an exported notebook, or the one used instead of it.
 */
export function sourceNote(
  source: IProfileSource,
  image: string,
  trans: TranslationBundle
): string | null {
  if (source.sagemaker_image && source.sagemaker_image_missing) {
    return trans.__(
      'This notebook used the SageMaker Studio image %1, which is not registered here; it runs in %2.',
      source.sagemaker_image,
      image
    );
  }
  if (source.image === 'sagemaker') {
    return trans.__(
      'The registered image named as the SageMaker Studio image this notebook used.'
    );
  }
  return null;
}

function PickerButton(props: {
  kind: PickerKind;
  value: string;
  title: string;
  source: string;
  substitute?: boolean;
  muted: boolean;
  expanded: boolean;
  disabled: boolean;
  onToggle: (kind: PickerKind, anchor: HTMLElement) => void;
}): JSX.Element {
  const { kind, value, title, source, substitute, muted, expanded } = props;
  const { disabled, onToggle } = props;
  const classes = ['jp-mlstudio-picker-button'];
  if (muted) {
    classes.push('jp-mlstudio-is-muted');
  }
  if (substitute) {
    classes.push('jp-mlstudio-is-substitute');
  }
  return (
    <button
      type="button"
      className={classes.join(' ')}
      data-picker={kind}
      data-source={source}
      title={title}
      aria-haspopup="listbox"
      aria-expanded={expanded}
      disabled={disabled}
      // Keep the notebook's focus handling out of it: the list takes the focus.
      onMouseDown={event => event.preventDefault()}
      onClick={event => onToggle(kind, event.currentTarget)}
    >
      <span className="jp-mlstudio-picker-value">{value}</span>
      <caretDownIcon.react tag="span" className="jp-mlstudio-picker-caret" />
    </button>
  );
}

/** What the status next to the pickers says, and how. */
export interface ISwitchStatus {
  text: string;
  /** `progress` (spinner), `success`, `warning` or `error`. */
  kind: 'progress' | 'success' | 'warning' | 'error';
  /** The full text, for the tooltip. */
  title: string;
}

/** The status of a switch in words; null when there is nothing to say. */
export function switchStatus(
  model: NotebookProfileModel,
  trans: TranslationBundle
): ISwitchStatus | null {
  switch (model.phase) {
    case 'checking': {
      const text = trans.__('Checking %1…', describeTarget(model));
      return { text, kind: 'progress', title: text };
    }
    case 'confirming': {
      const text = trans.__('Waiting for your answer…');
      return { text, kind: 'progress', title: text };
    }
    case 'switching': {
      const text = trans.__('Switching to %1…', describeTarget(model));
      return { text, kind: 'progress', title: text };
    }
    case 'ready': {
      const seconds = formatNumber((model.elapsed ?? 0) / 1000, 1);
      const text = trans.__('Ready in %1 s', seconds);
      return {
        text,
        kind: 'success',
        title: trans.__('Now on %1. %2', describeTarget(model), text)
      };
    }
    case 'refused': {
      const message = model.error?.message ?? '';
      return {
        text: trans.__('Not switched: %1', message),
        kind: 'warning',
        title: trans.__('Nothing was changed. %1', message)
      };
    }
    case 'failed': {
      const message = model.error?.message ?? '';
      return {
        text: trans.__('Switch failed: %1', message),
        kind: 'error',
        title: message
      };
    }
    default:
      return null;
  }
}

/** What a switch changes: "ml.t3.large", "sklearn", or "sklearn · ml.t3.large". */
export function describeTarget(model: NotebookProfileModel): string {
  const target = model.target;
  if (!target) {
    return '';
  }
  const origin = model.origin;
  const parts: string[] = [];
  if (!origin || origin.image !== target.image) {
    parts.push(target.image);
  }
  if (!origin || origin.instance_type !== target.instance_type) {
    parts.push(target.instance_type);
  }
  // Same choice, another kernel (the notebook moves into an ML Studio image).
  return parts.length ? parts.join(' · ') : target.image;
}

function SwitchStatus(props: {
  model: NotebookProfileModel;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { model, trans } = props;
  const status = switchStatus(model, trans);
  if (!status) {
    return null;
  }
  const dismissible = status.kind === 'warning' || status.kind === 'error';
  return (
    <span
      className={`jp-mlstudio-switch-status jp-mlstudio-switch-${status.kind}`}
      data-phase={model.phase}
      title={status.title}
      role={dismissible ? 'alert' : 'status'}
    >
      {status.kind === 'progress' ? (
        <span className="jp-mlstudio-spinner" aria-hidden="true" />
      ) : null}
      <span className="jp-mlstudio-switch-text">{status.text}</span>
      {dismissible ? (
        <button
          type="button"
          className="jp-mlstudio-icon-button"
          title={trans.__('Dismiss')}
          aria-label={trans.__('Dismiss')}
          onClick={() => model.dismiss()}
        >
          <closeIcon.react tag="span" />
        </button>
      ) : null}
    </span>
  );
}
