import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import {
  ALLOWED_GIDS,
  ALLOWED_UIDS,
  FormErrors,
  IFileSystemValues
} from '../models/image-forms';
import type { IImageKernelSpec } from '../tokens';
import { FormField } from './form-field';
import { RowsField } from './rows-field';

/** Props of {@link ImageFileSystemFields}. */
export interface IImageFileSystemFieldsProps {
  /** Prefix of the inputs' ids, unique on the page. */
  idPrefix: string;
  values: IFileSystemValues;
  errors: FormErrors;
  trans: TranslationBundle;
  onChange: (values: IFileSystemValues) => void;
}

/**
 * An image's kernel specs (the kernels it offers the launcher) and how its containers
 * see the workspace: where it is mounted and which user and group run the kernel.
 */
export function ImageFileSystemFields(
  props: IImageFileSystemFieldsProps
): JSX.Element {
  const { idPrefix, values, errors, trans, onChange } = props;
  const set = (change: Partial<IFileSystemValues>): void =>
    onChange({ ...values, ...change });
  return (
    <>
      <RowsField<IImageKernelSpec>
        field="kernel_specs"
        label={trans.__('Kernel specs')}
        rows={values.kernel_specs}
        empty={{ name: '', display_name: '' }}
        columns={[
          { name: 'name', placeholder: trans.__('name in the image') },
          {
            name: 'display_name',
            placeholder: trans.__('display name'),
            wide: true
          }
        ]}
        addLabel={trans.__('Add kernel spec')}
        errorOf={key => errors[key]}
        trans={trans}
        onChange={rows => set({ kernel_specs: rows })}
        onBlur={() => undefined}
      />
      <FormField
        id={`${idPrefix}-mount-path`}
        field="mount_path"
        label={trans.__('Workspace mount path')}
        error={errors.mount_path}
        hint={trans.__(
          'Where a container sees the workspace; empty: at its own path.'
        )}
      >
        <input
          id={`${idPrefix}-mount-path`}
          className="jp-mod-styled"
          type="text"
          spellCheck={false}
          placeholder="/home/sagemaker-user"
          value={values.mount_path}
          aria-invalid={!!errors.mount_path}
          onChange={event => set({ mount_path: event.target.value })}
        />
      </FormField>
      <div className="jp-mlstudio-field-row">
        <IdSelect
          id={`${idPrefix}-uid`}
          field="uid"
          label={trans.__('User id')}
          value={values.uid}
          choices={ALLOWED_UIDS}
          error={errors.uid}
          onChange={uid => set({ uid })}
        />
        <IdSelect
          id={`${idPrefix}-gid`}
          field="gid"
          label={trans.__('Group id')}
          value={values.gid}
          choices={ALLOWED_GIDS}
          error={errors.gid}
          onChange={gid => set({ gid })}
        />
      </div>
    </>
  );
}

function IdSelect(props: {
  id: string;
  field: string;
  label: string;
  value: number;
  choices: number[];
  error?: string;
  onChange: (value: number) => void;
}): JSX.Element {
  const { id, field, label, value, choices, error, onChange } = props;
  // A value the server stored outside the choices stays visible until it is changed.
  const shown = choices.includes(value) ? choices : [...choices, value];
  return (
    <FormField id={id} field={field} label={label} error={error}>
      <select
        id={id}
        className="jp-mod-styled"
        value={value}
        aria-invalid={!!error}
        onChange={event => onChange(Number(event.target.value))}
      >
        {shown.map(choice => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    </FormField>
  );
}
