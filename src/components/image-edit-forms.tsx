import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';

import {
  configRequest,
  configValues,
  FormErrors,
  IFileSystemValues,
  IVersionValues,
  validateConfig,
  validateVersion,
  versionRequest
} from '../models/image-forms';
import type {
  IAppImageConfig,
  ICreateImageVersionRequest,
  IImageConfigRequest
} from '../tokens';
import { BaseImageField, ListEnvironments } from './base-image-field';
import { FormField } from './form-field';
import { ImageFileSystemFields } from './image-file-system-fields';
import { RequestErrorMessage } from './request-error-message';
import { useSubmit } from './use-submit';

/** Props of {@link ImageVersionForm}. */
export interface IImageVersionFormProps {
  image: string;
  trans: TranslationBundle;
  onCreate: (request: ICreateImageVersionRequest) => Promise<unknown>;
  onDone: () => void;
  /** The Python environments the server finds (for "Python on this host"). */
  listEnvironments?: ListEnvironments;
}

/** Add a version to an image: a new base, validated by the server in the background. */
export function ImageVersionForm(props: IImageVersionFormProps): JSX.Element {
  const { image, trans, onCreate, onDone } = props;
  const [values, setValues] = useState<IVersionValues>({
    base_image: '',
    aliases: ''
  });
  const [errors, setErrors] = useState<FormErrors>({});
  const { submitting, error, submit } = useSubmit(() =>
    onCreate(versionRequest(values))
  );
  const idPrefix = `jp-mlstudio-version-${image}`;

  const onSubmit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const found = validateVersion(values);
    setErrors(found);
    if (!Object.keys(found).length && (await submit())) {
      onDone();
    }
  };

  return (
    <form
      className="jp-mlstudio-image-form"
      aria-label={trans.__('New version of %1', image)}
      onSubmit={onSubmit}
      noValidate
    >
      <BaseImageField
        id={`${idPrefix}-base`}
        value={values.base_image}
        error={errors.base_image}
        trans={trans}
        listEnvironments={props.listEnvironments}
        onChange={base_image => setValues({ ...values, base_image })}
      />
      <FormField
        id={`${idPrefix}-aliases`}
        field="aliases"
        label={trans.__('Aliases')}
        hint={trans.__('Optional, separated by commas, e.g. stable, 2024-11')}
      >
        <input
          id={`${idPrefix}-aliases`}
          className="jp-mod-styled"
          type="text"
          spellCheck={false}
          value={values.aliases}
          onChange={event =>
            setValues({ ...values, aliases: event.target.value })
          }
        />
      </FormField>
      {error ? <RequestErrorMessage error={error} trans={trans} /> : null}
      <FormActions
        trans={trans}
        submitting={submitting}
        label={trans.__('Add version')}
        busyLabel={trans.__('Adding…')}
        onCancel={onDone}
      />
    </form>
  );
}

/** Props of {@link ImageConfigForm}. */
export interface IImageConfigFormProps {
  image: string;
  config: IAppImageConfig;
  trans: TranslationBundle;
  onSave: (request: IImageConfigRequest) => Promise<unknown>;
  onDone: () => void;
}

/** Edit an image's kernel specs and the file-system settings of its containers. */
export function ImageConfigForm(props: IImageConfigFormProps): JSX.Element {
  const { image, config, trans, onSave, onDone } = props;
  const [values, setValues] = useState<IFileSystemValues>(() =>
    configValues(config)
  );
  const [errors, setErrors] = useState<FormErrors>({});
  const { submitting, error, submit } = useSubmit(() =>
    onSave(configRequest(values))
  );

  const onSubmit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const found = validateConfig(values);
    setErrors(found);
    if (!Object.keys(found).length && (await submit())) {
      onDone();
    }
  };

  return (
    <form
      className="jp-mlstudio-image-form"
      aria-label={trans.__('Config of %1', image)}
      onSubmit={onSubmit}
      noValidate
    >
      <ImageFileSystemFields
        idPrefix={`jp-mlstudio-config-${image}`}
        values={values}
        errors={errors}
        trans={trans}
        onChange={setValues}
      />
      {error ? <RequestErrorMessage error={error} trans={trans} /> : null}
      <FormActions
        trans={trans}
        submitting={submitting}
        label={trans.__('Save config')}
        busyLabel={trans.__('Saving…')}
        onCancel={onDone}
      />
    </form>
  );
}

function FormActions(props: {
  trans: TranslationBundle;
  submitting: boolean;
  label: string;
  busyLabel: string;
  onCancel: () => void;
}): JSX.Element {
  const { trans, submitting, label, busyLabel, onCancel } = props;
  return (
    <div className="jp-mlstudio-form-actions">
      <button
        type="button"
        className="jp-mlstudio-button jp-mod-styled jp-mod-reject"
        onClick={onCancel}
      >
        {trans.__('Cancel')}
      </button>
      <button
        type="submit"
        className="jp-mlstudio-button jp-mod-styled jp-mod-accept"
        disabled={submitting}
      >
        {submitting ? busyLabel : label}
      </button>
    </div>
  );
}
