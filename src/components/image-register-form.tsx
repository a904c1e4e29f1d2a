import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';

import {
  emptyRegisterValues,
  FormErrors,
  IRegisterImageValues,
  registerRequest,
  validateRegister
} from '../models/image-forms';
import type { ICreateImageRequest } from '../tokens';
import { BaseImageField, ListEnvironments } from './base-image-field';
import { FormField } from './form-field';
import { ImageFileSystemFields } from './image-file-system-fields';
import { RequestErrorMessage } from './request-error-message';
import { useSubmit } from './use-submit';

/** Props of {@link ImageRegisterForm}. */
export interface IImageRegisterFormProps {
  trans: TranslationBundle;
  /** Send the registration; rejects with the server's refusal. */
  onRegister: (request: ICreateImageRequest) => Promise<unknown>;
  /** Close the form (after a success, or when the user cancels). */
  onDone: () => void;
  /** The Python environments the server finds (for "Python on this host"). */
  listEnvironments?: ListEnvironments;
}

/** Register an image: its name, words for people, its first version and its config. */
export function ImageRegisterForm(props: IImageRegisterFormProps): JSX.Element {
  const { trans, onRegister, onDone } = props;
  const [values, setValues] =
    useState<IRegisterImageValues>(emptyRegisterValues);
  const [errors, setErrors] = useState<FormErrors>({});
  const [advanced, setAdvanced] = useState(false);
  const { submitting, error, submit } = useSubmit(() =>
    onRegister(registerRequest(values))
  );
  const set = (change: Partial<IRegisterImageValues>): void =>
    setValues(current => ({ ...current, ...change }));

  const onSubmit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const found = validateRegister(values);
    setErrors(found);
    if (Object.keys(found).length) {
      if (
        Object.keys(found).some(
          key => key.startsWith('kernel_specs') || key === 'mount_path'
        )
      ) {
        setAdvanced(true);
      }
      return;
    }
    if (await submit()) {
      onDone();
    }
  };

  return (
    <form
      className="jp-mlstudio-image-form"
      aria-label={trans.__('Register an image')}
      onSubmit={onSubmit}
      noValidate
    >
      <FormField
        id="jp-mlstudio-image-name"
        field="name"
        label={trans.__('Name')}
        error={errors.name}
        hint={trans.__(
          "Letters, digits, '-' and '.'; kernels are named after it."
        )}
      >
        <input
          id="jp-mlstudio-image-name"
          className="jp-mod-styled"
          type="text"
          spellCheck={false}
          autoFocus
          placeholder="sklearn"
          value={values.name}
          aria-invalid={!!errors.name}
          onChange={event => set({ name: event.target.value })}
        />
      </FormField>
      <FormField
        id="jp-mlstudio-image-display-name"
        field="display_name"
        label={trans.__('Display name')}
      >
        <input
          id="jp-mlstudio-image-display-name"
          className="jp-mod-styled"
          type="text"
          placeholder={trans.__('scikit-learn 1.5')}
          value={values.display_name}
          onChange={event => set({ display_name: event.target.value })}
        />
      </FormField>
      <FormField
        id="jp-mlstudio-image-description"
        field="description"
        label={trans.__('Description')}
      >
        <input
          id="jp-mlstudio-image-description"
          className="jp-mod-styled"
          type="text"
          value={values.description}
          onChange={event => set({ description: event.target.value })}
        />
      </FormField>
      <BaseImageField
        id="jp-mlstudio-image-base"
        value={values.base_image}
        error={errors.base_image}
        optional
        trans={trans}
        listEnvironments={props.listEnvironments}
        onChange={base_image => set({ base_image })}
      />
      <details
        className="jp-mlstudio-form-details"
        open={advanced}
        onToggle={event => setAdvanced(event.currentTarget.open)}
      >
        <summary>{trans.__('Kernel specs and file system')}</summary>
        <ImageFileSystemFields
          idPrefix="jp-mlstudio-image"
          values={values}
          errors={errors}
          trans={trans}
          onChange={fileSystem => set(fileSystem)}
        />
      </details>
      {error ? <RequestErrorMessage error={error} trans={trans} /> : null}
      <div className="jp-mlstudio-form-actions">
        <button
          type="button"
          className="jp-mlstudio-button jp-mod-styled jp-mod-reject"
          onClick={onDone}
        >
          {trans.__('Cancel')}
        </button>
        <button
          type="submit"
          className="jp-mlstudio-button jp-mod-styled jp-mod-accept"
          disabled={submitting}
        >
          {submitting ? trans.__('Registering…') : trans.__('Register')}
        </button>
      </div>
    </form>
  );
}
