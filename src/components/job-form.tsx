import type { TranslationBundle } from '@jupyterlab/translation';
import { addIcon, closeIcon } from '@jupyterlab/ui-components';
import React, { useEffect, useMemo, useRef, useState } from 'react';

import { formatMetricValue, formatNumber } from '../format';
import {
  buildCreateTrainingJobRequest,
  defaultJobFormValues,
  formFieldOfServerError,
  IChannelRow,
  IJobFormContext,
  IJobFormValues,
  IKeyValueRow,
  JobFormErrors,
  MAX_INSTANCE_COUNT,
  metricDefinitionsOf,
  splitEntryScript,
  suggestJobName,
  validateJobForm
} from '../models/job-form';
import { asRequestError, MLStudioRequestError } from '../request';
import type {
  ICreateTrainingJobRequest,
  IInstanceType,
  IInstanceTypeList,
  IMetricDefinition,
  IMetricPreview,
  IMetricPreviewList,
  IStatus,
  ITrainingJobDetail
} from '../tokens';
import { RequestErrorMessage } from './request-error-message';
import { useDebouncedEffect } from './use-debounced-effect';

/** An entry of a folder of the server's root, for completing the entry script. */
export interface IDirectoryEntry {
  /** Path relative to the server's root. */
  path: string;
  type: 'directory' | 'file';
}

/** Props of {@link JobForm}. */
export interface IJobFormProps {
  trans: TranslationBundle;
  /** The server's status (workspace root, default image), once read. */
  status: IStatus | null;
  /** The instance-type catalogue, once read. */
  instanceTypes: IInstanceTypeList | null;
  /** Lists a folder of the server's root ('' is the root). */
  listDirectory: (path: string) => Promise<IDirectoryEntry[]>;
  /** Asks the server what each metric definition extracts from sample text. */
  previewMetrics: (
    definitions: IMetricDefinition[],
    sample: string
  ) => Promise<IMetricPreviewList>;
  /** Creates the job. */
  submit: (request: ICreateTrainingJobRequest) => Promise<ITrainingJobDetail>;
  /** Called with the created job. */
  onCreated: (detail: ITrainingJobDetail) => void;
  onCancel: () => void;
  /** Milliseconds of calm before a preview or a completion is asked for. */
  debounce?: number;
}

let formCount = 0;

/**
 * The new-training-job form. Fields are checked as they are left and all at once on
 * submit; an error the server reports (with the field it names) appears next to that
 * field. Metric definitions are tried on sample text with the server's regex engine.
 */
export function JobForm(props: IJobFormProps): JSX.Element {
  const {
    trans,
    status,
    instanceTypes,
    listDirectory,
    previewMetrics,
    submit,
    onCreated,
    onCancel,
    debounce = 300
  } = props;
  const formId = useMemo(() => `jp-mlstudio-job-form-${++formCount}`, []);
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<IJobFormValues>(() =>
    defaultJobFormValues(instanceTypes?.default ?? '')
  );
  const [nameEdited, setNameEdited] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<JobFormErrors>({});
  const [formError, setFormError] = useState<MLStudioRequestError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // Bumped to ask for the focus on the first invalid field once React has rendered the errors
  // and the inputs are enabled again.
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0 && !submitting) {
      focusFirstInvalid(form.current);
    }
  }, [focusRequest, submitting]);
  const [sample, setSample] = useState('');

  // The catalogue may arrive after the form opened: preselect its default.
  useEffect(() => {
    if (!values.instanceType && instanceTypes?.default) {
      setValues(current => ({
        ...current,
        instanceType: instanceTypes.default
      }));
    }
  }, [instanceTypes, values.instanceType]);

  const context: IJobFormContext = {
    instanceTypes: instanceTypes?.instance_types ?? null,
    workspaceRoot: status?.workspace_root ?? '',
    defaultImage: status?.default_image ?? 'default'
  };
  const clientErrors = validateJobForm(values, context, trans);

  /** The error to show for a field or row, if any. */
  const errorOf = (key: string): string | undefined => {
    if (serverErrors[key]) {
      return serverErrors[key];
    }
    const field = key.split('.')[0];
    return submitted || touched.has(field) ? clientErrors[key] : undefined;
  };

  /** Change some values; the server's complaints about those fields are void. */
  const update = (
    changes: Partial<IJobFormValues>,
    fields: string[] = Object.keys(changes)
  ): void => {
    setValues(current => ({ ...current, ...changes }));
    setServerErrors(current => {
      const next: JobFormErrors = {};
      for (const [key, message] of Object.entries(current)) {
        if (!fields.includes(key.split('.')[0])) {
          next[key] = message;
        }
      }
      return next;
    });
  };
  const touch = (field: string) => (): void => {
    if (!touched.has(field)) {
      setTouched(new Set([...touched, field]));
    }
  };

  const onEntryScript = (entryScript: string): void => {
    const changes: Partial<IJobFormValues> = { entryScript };
    const script = splitEntryScript(entryScript);
    if (!nameEdited && script) {
      changes.name = suggestJobName(
        script.program.replace(/\.[^.]*$/, ''),
        new Date()
      );
    }
    update(changes, ['entryScript']);
  };

  const onSubmit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    setSubmitted(true);
    setFormError(null);
    if (Object.keys(clientErrors).length > 0 || !status) {
      setFocusRequest(count => count + 1);
      return;
    }
    setSubmitting(true);
    try {
      const detail = await submit(
        buildCreateTrainingJobRequest(values, context)
      );
      onCreated(detail);
    } catch (reason) {
      const error = asRequestError(reason);
      const field = formFieldOfServerError(error.field, error.error);
      if (field === 'form') {
        setFormError(error);
      } else {
        setServerErrors({ [field]: error.message });
        setFocusRequest(count => count + 1);
      }
    } finally {
      setSubmitting(false);
    }
  };

  const selectedType = instanceTypes?.instance_types.find(
    type => type.name === values.instanceType
  );

  return (
    <form
      ref={form}
      className="jp-mlstudio-job-form"
      noValidate
      onSubmit={event => void onSubmit(event)}
    >
      <h2 className="jp-mlstudio-form-title">{trans.__('New training job')}</h2>
      {!status ? (
        <div className="jp-mlstudio-loading">
          {trans.__('Reading the server status…')}
        </div>
      ) : null}

      <fieldset className="jp-mlstudio-fieldset">
        <legend>{trans.__('Job')}</legend>
        <Field
          id={`${formId}-name`}
          field="name"
          label={trans.__('Name')}
          error={errorOf('name')}
          hint={trans.__(
            'Unique in the domain; letters, digits and hyphens, up to 63.'
          )}
        >
          <input
            id={`${formId}-name`}
            className="jp-mod-styled"
            type="text"
            value={values.name}
            maxLength={63}
            spellCheck={false}
            aria-invalid={!!errorOf('name')}
            onChange={event => {
              setNameEdited(true);
              update({ name: event.target.value });
            }}
            onBlur={touch('name')}
          />
        </Field>
        <Field
          id={`${formId}-image`}
          field="image"
          label={trans.__('Image')}
          error={errorOf('image')}
          hint={trans.__(
            'A Docker image, or "%1" to run in the server\'s Python.',
            context.defaultImage
          )}
        >
          <input
            id={`${formId}-image`}
            className="jp-mod-styled"
            type="text"
            value={values.image}
            placeholder={context.defaultImage}
            spellCheck={false}
            aria-invalid={!!errorOf('image')}
            onChange={event => update({ image: event.target.value })}
            onBlur={touch('image')}
          />
        </Field>
      </fieldset>

      <fieldset className="jp-mlstudio-fieldset">
        <legend>{trans.__('Compute')}</legend>
        <Field
          id={`${formId}-instance-type`}
          field="instanceType"
          label={trans.__('Instance type')}
          error={errorOf('instanceType')}
          hint={
            selectedType ? describeInstanceType(selectedType, trans) : undefined
          }
        >
          <select
            id={`${formId}-instance-type`}
            className="jp-mod-styled"
            value={values.instanceType}
            aria-invalid={!!errorOf('instanceType')}
            onChange={event => update({ instanceType: event.target.value })}
            onBlur={touch('instanceType')}
          >
            {!instanceTypes ? (
              <option value="">{trans.__('Loading…')}</option>
            ) : null}
            {instanceTypes?.instance_types.map(type => (
              <option
                key={type.name}
                value={type.name}
                disabled={!type.available}
                title={type.reason ?? type.description}
              >
                {type.available
                  ? `${type.name} (${sizeOf(type, trans)})`
                  : trans.__(
                      '%1 – unavailable: %2',
                      type.name,
                      type.reason ?? ''
                    )}
              </option>
            ))}
          </select>
        </Field>
        <div className="jp-mlstudio-field-row">
          <Field
            id={`${formId}-instance-count`}
            field="instanceCount"
            label={trans.__('Instance count')}
            error={errorOf('instanceCount')}
          >
            <input
              id={`${formId}-instance-count`}
              className="jp-mod-styled"
              type="number"
              min={1}
              max={MAX_INSTANCE_COUNT}
              step={1}
              value={values.instanceCount}
              aria-invalid={!!errorOf('instanceCount')}
              onChange={event => update({ instanceCount: event.target.value })}
              onBlur={touch('instanceCount')}
            />
          </Field>
          <Field
            id={`${formId}-max-runtime`}
            field="maxRuntime"
            label={trans.__('Max runtime (seconds)')}
            error={errorOf('maxRuntime')}
          >
            <input
              id={`${formId}-max-runtime`}
              className="jp-mod-styled"
              type="number"
              min={1}
              step={1}
              value={values.maxRuntime}
              aria-invalid={!!errorOf('maxRuntime')}
              onChange={event => update({ maxRuntime: event.target.value })}
              onBlur={touch('maxRuntime')}
            />
          </Field>
        </div>
      </fieldset>

      <fieldset className="jp-mlstudio-fieldset">
        <legend>{trans.__('Code')}</legend>
        <Field
          id={`${formId}-entry-script`}
          field="entryScript"
          label={trans.__('Entry script')}
          error={errorOf('entryScript')}
          hint={entryScriptHint(values.entryScript, context, trans)}
        >
          <EntryScriptInput
            id={`${formId}-entry-script`}
            value={values.entryScript}
            invalid={!!errorOf('entryScript')}
            listDirectory={listDirectory}
            debounce={debounce}
            placeholder={trans.__('folder/train.py')}
            onChange={onEntryScript}
            onBlur={touch('entryScript')}
          />
        </Field>
        <RowsField<IKeyValueRow>
          field="hyperParameters"
          label={trans.__('Hyperparameters')}
          rows={values.hyperParameters}
          empty={{ key: '', value: '' }}
          addLabel={trans.__('Add hyperparameter')}
          errorOf={errorOf}
          trans={trans}
          columns={[
            { name: 'key', placeholder: trans.__('name, e.g. epochs') },
            { name: 'value', placeholder: trans.__('value, e.g. 10') }
          ]}
          onChange={rows => update({ hyperParameters: rows })}
          onBlur={touch('hyperParameters')}
        />
      </fieldset>

      <fieldset className="jp-mlstudio-fieldset">
        <legend>{trans.__('Data')}</legend>
        <RowsField<IChannelRow>
          field="channels"
          label={trans.__('Input channels')}
          rows={values.channels}
          empty={{ name: '', uri: '' }}
          addLabel={trans.__('Add channel')}
          errorOf={errorOf}
          trans={trans}
          columns={[
            { name: 'name', placeholder: trans.__('channel, e.g. train') },
            {
              name: 'uri',
              placeholder: trans.__('s3://bucket/prefix or file:///path'),
              wide: true
            }
          ]}
          onChange={rows => update({ channels: rows })}
          onBlur={touch('channels')}
        />
        <Field
          id={`${formId}-output-path`}
          field="outputPath"
          label={trans.__('Output path')}
          error={errorOf('outputPath')}
          hint={trans.__(
            'The model (model.tar.gz) and output files go below this URI.'
          )}
        >
          <input
            id={`${formId}-output-path`}
            className="jp-mod-styled"
            type="text"
            value={values.outputPath}
            spellCheck={false}
            placeholder={
              status
                ? `file://${status.workspace_root.replace(/\/+$/, '')}/mlstudio-output`
                : 's3://bucket/prefix'
            }
            aria-invalid={!!errorOf('outputPath')}
            onChange={event => update({ outputPath: event.target.value })}
            onBlur={touch('outputPath')}
          />
        </Field>
      </fieldset>

      <fieldset className="jp-mlstudio-fieldset">
        <legend>{trans.__('Metrics')}</legend>
        <MetricDefinitionsField
          definitions={values.metricDefinitions}
          sample={sample}
          onSample={setSample}
          errorOf={errorOf}
          previewMetrics={previewMetrics}
          debounce={debounce}
          trans={trans}
          onChange={rows => update({ metricDefinitions: rows })}
          onBlur={touch('metricDefinitions')}
        />
      </fieldset>

      {formError ? (
        <RequestErrorMessage error={formError} trans={trans} />
      ) : null}
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
          className="jp-mlstudio-button jp-mod-styled jp-mod-accept jp-mlstudio-submit"
          disabled={submitting || !status}
        >
          {submitting ? trans.__('Creating…') : trans.__('Create training job')}
        </button>
      </div>
    </form>
  );
}

/** Move the focus to the first field that shows an error (called after React has rendered). */
function focusFirstInvalid(form: HTMLFormElement | null): void {
  const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  invalid?.focus();
}

/** "2 vCPU, 8 GiB" or "4 vCPU, 16 GiB, 1 GPU". */
function sizeOf(type: IInstanceType, trans: TranslationBundle): string {
  const size = trans.__(
    '%1 vCPU, %2 GiB',
    formatNumber(type.vcpus),
    formatNumber(type.memory_gib)
  );
  return type.gpus > 0 ? trans.__('%1, %2 GPU', size, type.gpus) : size;
}

function describeInstanceType(
  type: IInstanceType,
  trans: TranslationBundle
): string {
  const parts = [type.description];
  if (type.note) {
    parts.push(type.note);
  } else if (!type.local) {
    parts.push(
      trans.__('%1 vCPU on this host', formatNumber(type.effective_vcpus))
    );
  }
  return parts.join(' · ');
}

function entryScriptHint(
  entryScript: string,
  context: IJobFormContext,
  trans: TranslationBundle
): string {
  const script = splitEntryScript(entryScript);
  if (!script || !context.workspaceRoot) {
    return trans.__(
      'A script below the server root; its folder is uploaded as the code.'
    );
  }
  const root = context.workspaceRoot.replace(/\/+$/, '');
  return trans.__(
    'Runs %1 in a copy of %2',
    script.program,
    script.folder ? `${root}/${script.folder}` : root
  );
}

/** A labelled field with its hint or its error. */
function Field(props: {
  id: string;
  field: string;
  label: string;
  error?: string;
  hint?: string;
  children: React.ReactNode;
}): JSX.Element {
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

/** A text field completed from the folders and scripts of the server's root. */
function EntryScriptInput(props: {
  id: string;
  value: string;
  invalid: boolean;
  placeholder: string;
  debounce: number;
  listDirectory: (path: string) => Promise<IDirectoryEntry[]>;
  onChange: (value: string) => void;
  onBlur: () => void;
}): JSX.Element {
  const { id, value, invalid, placeholder, debounce, listDirectory } = props;
  const [options, setOptions] = useState<string[]>([]);
  const folder = value.includes('/')
    ? value.slice(0, value.lastIndexOf('/'))
    : '';
  useDebouncedEffect(
    isStale => {
      listDirectory(folder)
        .then(entries => {
          if (!isStale()) {
            setOptions(completions(entries));
          }
        })
        .catch(() => {
          if (!isStale()) {
            setOptions([]);
          }
        });
    },
    [folder, listDirectory],
    debounce
  );
  return (
    <>
      <input
        id={id}
        className="jp-mod-styled"
        type="text"
        list={`${id}-completions`}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={invalid}
        onChange={event => props.onChange(event.target.value)}
        onBlur={props.onBlur}
      />
      <datalist id={`${id}-completions`}>
        {options.map(option => (
          <option key={option} value={option} />
        ))}
      </datalist>
    </>
  );
}

/** Folders (to descend into) and scripts, as completions of the entry script. */
export function completions(entries: readonly IDirectoryEntry[]): string[] {
  const folders = entries
    .filter(entry => entry.type === 'directory' && !isHidden(entry.path))
    .map(entry => `${entry.path}/`);
  const scripts = entries
    .filter(entry => entry.type === 'file' && /\.(py|sh)$/i.test(entry.path))
    .map(entry => entry.path);
  return [...scripts.sort(), ...folders.sort()];
}

function isHidden(path: string): boolean {
  return path.split('/').some(part => part.startsWith('.'));
}

/** Column of a {@link RowsField}. */
interface IRowColumn<T> {
  name: keyof T & string;
  placeholder: string;
  wide?: boolean;
}

/** An editable list of rows (hyperparameters, channels), each with its own error. */
function RowsField<T extends object>(props: {
  field: string;
  label: string;
  rows: T[];
  empty: T;
  columns: IRowColumn<T>[];
  addLabel: string;
  errorOf: (key: string) => string | undefined;
  trans: TranslationBundle;
  onChange: (rows: T[]) => void;
  onBlur: () => void;
  /** Extra content under each row. */
  renderExtra?: (index: number) => React.ReactNode;
}): JSX.Element {
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

/** Metric definitions, sample log text, and what each definition extracts from it. */
function MetricDefinitionsField(props: {
  definitions: IMetricDefinition[];
  sample: string;
  onSample: (sample: string) => void;
  errorOf: (key: string) => string | undefined;
  previewMetrics: (
    definitions: IMetricDefinition[],
    sample: string
  ) => Promise<IMetricPreviewList>;
  debounce: number;
  trans: TranslationBundle;
  onChange: (rows: IMetricDefinition[]) => void;
  onBlur: () => void;
}): JSX.Element {
  const { definitions, sample, previewMetrics, debounce, trans } = props;
  const [previews, setPreviews] = useState<Map<string, IMetricPreview>>(
    new Map()
  );
  const [previewError, setPreviewError] = useState<MLStudioRequestError | null>(
    null
  );
  const sent = metricDefinitionsOf({ metricDefinitions: definitions });
  const key = JSON.stringify(sent);
  useDebouncedEffect(
    isStale => {
      if (!sample.trim() || sent.length === 0) {
        setPreviews(new Map());
        setPreviewError(null);
        return;
      }
      previewMetrics(sent, sample)
        .then(answer => {
          if (!isStale()) {
            setPreviews(
              new Map(answer.previews.map(preview => [preview.name, preview]))
            );
            setPreviewError(null);
          }
        })
        .catch(reason => {
          if (!isStale()) {
            setPreviewError(asRequestError(reason));
          }
        });
    },
    [key, sample, previewMetrics],
    debounce
  );

  const renderPreview = (index: number): React.ReactNode => {
    const definition = definitions[index];
    const preview = sample.trim()
      ? previews.get(definition.name.trim())
      : undefined;
    if (!preview || !definition.regex) {
      return null;
    }
    return (
      <div className="jp-mlstudio-metric-preview" data-metric={preview.name}>
        {preview.error ? (
          <span className="jp-mlstudio-field-error">
            {trans.__('Invalid regular expression: %1', preview.error)}
          </span>
        ) : preview.matches.length === 0 ? (
          <span className="jp-mlstudio-field-hint">
            {trans.__('No line of the sample matches.')}
          </span>
        ) : (
          <span className="jp-mlstudio-preview-matches">
            {trans._n('%1 match:', '%1 matches:', preview.matches.length)}{' '}
            {preview.matches.slice(0, 8).map(match => (
              <span
                key={match.line}
                className={`jp-mlstudio-preview-value${
                  match.value === null ? ' jp-mlstudio-warning' : ''
                }`}
                title={trans.__('line %1: %2', match.line + 1, match.text)}
              >
                {match.value === null
                  ? trans.__('"%1" (not a number)', match.text)
                  : formatMetricValue(match.value)}
              </span>
            ))}
            {preview.matches.length > 8 ? ' …' : null}
          </span>
        )}
      </div>
    );
  };

  return (
    <>
      <RowsField<IMetricDefinition>
        field="metricDefinitions"
        label={trans.__('Metric definitions')}
        rows={definitions}
        empty={{ name: '', regex: '' }}
        addLabel={trans.__('Add metric')}
        errorOf={props.errorOf}
        trans={trans}
        columns={[
          { name: 'name', placeholder: trans.__('metric, e.g. loss') },
          {
            name: 'regex',
            placeholder: trans.__('regex, e.g. loss=([0-9.]+)'),
            wide: true
          }
        ]}
        onChange={props.onChange}
        onBlur={props.onBlur}
        renderExtra={renderPreview}
      />
      <div className="jp-mlstudio-field" data-field="metricSample">
        <label className="jp-mlstudio-field-label">
          {trans.__('Sample log text')}
          <textarea
            className="jp-mod-styled jp-mlstudio-sample"
            rows={4}
            spellCheck={false}
            value={sample}
            placeholder={trans.__(
              'Paste a few lines your script prints, e.g. "epoch=1 loss=0.93", to try the definitions on them.'
            )}
            onChange={event => props.onSample(event.target.value)}
          />
        </label>
        {previewError ? (
          <RequestErrorMessage error={previewError} trans={trans} />
        ) : null}
      </div>
    </>
  );
}
