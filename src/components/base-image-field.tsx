import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useState } from 'react';

import { baseImageKind, BaseImageKind } from '../models/image-forms';
import type { IPythonEnvironment } from '../tokens';
import { FormField } from './form-field';

/** Reads the Python environments the server can find on its host. */
export type ListEnvironments = () => Promise<IPythonEnvironment[]>;

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
      example: '',
      hint: trans.__(
        'A Python environment of this host: a venv, a conda environment or an interpreter, e.g. /opt/conda/envs/ml or file:///opt/venv/bin/python.'
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
  /** Lists the Python environments the server finds, for "Python on this host". */
  listEnvironments?: ListEnvironments;
}

/**
 * The base image of a version, with a hint for each of its three kinds: buttons start
 * the value of a kind, and the hint explains the kind the value has.
 */
export function BaseImageField(props: IBaseImageFieldProps): JSX.Element {
  const { id, value, error, optional, trans, onChange, listEnvironments } =
    props;
  const all = kinds(trans);
  const [chosenKind, setChosenKind] = useState<BaseImageKind | null>(null);
  const current = baseImageKind(value) ?? chosenKind;
  const [environments, setEnvironments] = useState<IPythonEnvironment[] | null>(
    null
  );
  useEffect(() => {
    if (current !== 'file' || !listEnvironments || environments !== null) {
      return;
    }
    let live = true;
    listEnvironments()
      .then(found => live && setEnvironments(found))
      .catch(() => live && setEnvironments([]));
    return () => {
      live = false;
    };
  }, [current, listEnvironments, environments]);
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
        placeholder={
          current === 'file' ? '/path/to/venv' : 'mlstudio/sklearn:latest'
        }
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
                setChosenKind(item.kind);
                onChange(item.example);
                document.getElementById(id)?.focus();
              }
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
      {current === 'file' && listEnvironments ? (
        <EnvironmentChoices
          environments={environments}
          value={value}
          trans={trans}
          onChoose={path => onChange(`file://${path}`)}
        />
      ) : null}
    </FormField>
  );
}

/** The environments the server found, each a button that takes its path. */
function EnvironmentChoices(props: {
  environments: IPythonEnvironment[] | null;
  value: string;
  trans: TranslationBundle;
  onChoose: (path: string) => void;
}): JSX.Element {
  const { environments, value, trans, onChoose } = props;
  if (environments === null) {
    return (
      <div className="jp-mlstudio-loading">
        {trans.__('Looking for Python environments…')}
      </div>
    );
  }
  if (environments.length === 0) {
    return (
      <div className="jp-mlstudio-field-hint">
        {trans.__(
          'No environment found in the usual places; type the path of one.'
        )}
      </div>
    );
  }
  return (
    <ul
      className="jp-mlstudio-environments"
      aria-label={trans.__('Python environments on this host')}
    >
      {environments.map(environment => {
        const chosen =
          value === `file://${environment.path}` || value === environment.path;
        return (
          <li key={environment.path}>
            <button
              type="button"
              className={`jp-mlstudio-environment${chosen ? ' jp-mod-active' : ''}`}
              aria-pressed={chosen}
              data-path={environment.path}
              title={environment.path}
              onClick={() => onChoose(environment.path)}
            >
              <span className="jp-mlstudio-environment-name">
                {environment.name}
              </span>
              <span className="jp-mlstudio-summary">
                {[environment.kind, environment.python_version]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              <span className="jp-mlstudio-uri jp-mlstudio-environment-path">
                {environment.path}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
