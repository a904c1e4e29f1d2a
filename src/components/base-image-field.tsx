import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { baseImageKind, BaseImageKind } from '../models/image-forms';
import { FormField } from './form-field';

/** The three kinds of base image, each with an example to start from. */
function kinds(
  trans: TranslationBundle
): { kind: BaseImageKind; label: string; example: string; hint: string }[] {
  return [
    {
      kind: 'docker',
      label: trans.__('Docker image'),
      example: 'mlstudio/sklearn:latest',
      hint: trans.__(
        'A Docker image reference, e.g. mlstudio/sklearn:latest: kernels run in containers of it.'
      )
    },
    {
      kind: 'file',
      label: trans.__('Python on this host'),
      example: 'file:///',
      hint: trans.__(
        'file:// and the absolute path of a Python interpreter, a venv or a conda env on this host, e.g. file:///opt/conda/envs/ml.'
      )
    },
    {
      kind: 'dockerfile',
      label: trans.__('Dockerfile'),
      example: 'dockerfile:///',
      hint: trans.__(
        'dockerfile:// and the absolute path of a Dockerfile in the workspace, e.g. dockerfile:///home/me/project/Dockerfile: the server builds it.'
      )
    }
  ];
}

/** Props of {@link BaseImageField}. */
export interface IBaseImageFieldProps {
  /** Id of the input. */
  id: string;
  value: string;
  error?: string;
  /** Whether the field may stay empty (an image registered without a version). */
  optional?: boolean;
  trans: TranslationBundle;
  onChange: (value: string) => void;
}

/**
 * The base image of a version, with a hint for each of its three kinds: buttons start
 * the value of a kind, and the hint explains the kind the value has.
 */
export function BaseImageField(props: IBaseImageFieldProps): JSX.Element {
  const { id, value, error, optional, trans, onChange } = props;
  const all = kinds(trans);
  const current = baseImageKind(value);
  const hint = current
    ? all.find(item => item.kind === current)!.hint
    : optional
      ? trans.__(
          'Optional: without it the image has no version yet. A Docker image, file:///python/or/env, or dockerfile:///path/to/Dockerfile.'
        )
      : trans.__(
          'A Docker image, file:///python/or/env, or dockerfile:///path/to/Dockerfile.'
        );
  return (
    <FormField
      id={id}
      field="base_image"
      label={trans.__('Base image')}
      error={error}
      hint={hint}
    >
      <input
        id={id}
        className="jp-mod-styled jp-mlstudio-uri"
        type="text"
        spellCheck={false}
        placeholder="mlstudio/sklearn:latest"
        value={value}
        aria-invalid={!!error}
        onChange={event => onChange(event.target.value)}
      />
      <div
        className="jp-mlstudio-kind-choices"
        role="group"
        aria-label={trans.__('Kind of base image')}
      >
        {all.map(item => (
          <button
            key={item.kind}
            type="button"
            className={`jp-mlstudio-chip${current === item.kind ? ' jp-mod-active' : ''}`}
            data-kind={item.kind}
            title={item.hint}
            aria-pressed={current === item.kind}
            onClick={() => {
              if (current !== item.kind) {
                onChange(item.example);
                document.getElementById(id)?.focus();
              }
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
    </FormField>
  );
}
