import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useMemo, useState } from 'react';

import {
  defaultOutputPath,
  IChannelRow,
  IKeyValueRow,
  MAX_INSTANCE_COUNT,
  RuntimeUnit,
  runtimeSeconds
} from '../models/job-form';
import { formatDuration } from '../format';
import type {
  ICreateTrainingJobRequest,
  IInstanceTypeList,
  IMetricDefinition,
  IMetricPreviewList,
  IStatus,
  ITrainingJobDetail
} from '../tokens';
import {
  EntryScriptInput,
  entryScriptHint,
  IDirectoryEntry
} from './entry-script-input';
import { FormField } from './form-field';
import {
  describeInstanceType,
  InstanceTypeSelect
} from './instance-type-select';
import { MetricDefinitionsField } from './metric-definitions-field';
import { RequestErrorMessage } from './request-error-message';
import { RowsField } from './rows-field';
import { useJobForm } from './use-job-form';

// Part of the form's interface: its props take directory entries, which become these completions.
export { completions } from './entry-script-input';
export type { IDirectoryEntry } from './entry-script-input';

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
  /** The registered images to offer (names and display names); any name may be typed. */
  listImages?: () => Promise<IImageChoice[]>;
  /** Let the user pick the entry script in a file dialog; resolves its path or null. */
  browseEntryScript?: () => Promise<string | null>;
}

/** A registered image the form offers. */
export interface IImageChoice {
  name: string;
  display_name?: string | null;
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
    onCancel,
    debounce = 300
  } = props;
  const formId = useMemo(() => `jp-mlstudio-job-form-${++formCount}`, []);
  const {
    formRef,
    values,
    context,
    errorOf,
    update,
    touch,
    onNameChange,
    onEntryScriptChange,
    onSubmit,
    submitting,
    formError
  } = useJobForm(props);
  const [sample, setSample] = useState('');
  const [images, setImages] = useState<IImageChoice[]>([]);
  const { listImages, browseEntryScript } = props;
  useEffect(() => {
    let live = true;
    listImages?.()
      .then(found => live && setImages(found))
      .catch(() => live && setImages([]));
    return () => {
      live = false;
    };
  }, [listImages]);
  const runtime = runtimeSeconds(values);
  const defaultOutput = status
    ? defaultOutputPath(status.object_store.default_root)
    : '';

  const selectedType = instanceTypes?.instance_types.find(
    type => type.name === values.instanceType
  );

  return (
    <form
      ref={formRef}
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
        <FormField
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
            onChange={event => onNameChange(event.target.value)}
            onBlur={touch('name')}
          />
        </FormField>
        <FormField
          id={`${formId}-image`}
          field="image"
          label={trans.__('Image')}
          error={errorOf('image')}
          hint={trans.__(
            'A registered image (the list), or a Docker image reference; empty runs in "%1", the server\'s Python.',
            context.defaultImage
          )}
        >
          <input
            id={`${formId}-image`}
            className="jp-mod-styled"
            type="text"
            list={`${formId}-images`}
            value={values.image}
            placeholder={context.defaultImage}
            spellCheck={false}
            aria-invalid={!!errorOf('image')}
            onChange={event => update({ image: event.target.value })}
            onBlur={touch('image')}
          />
          <datalist id={`${formId}-images`}>
            {images.map(image => (
              <option key={image.name} value={image.name}>
                {image.display_name || image.name}
              </option>
            ))}
          </datalist>
        </FormField>
      </fieldset>

      <fieldset className="jp-mlstudio-fieldset">
        <legend>{trans.__('Compute')}</legend>
        <FormField
          id={`${formId}-instance-type`}
          field="instanceType"
          label={trans.__('Instance type')}
          error={errorOf('instanceType')}
          hint={
            selectedType ? describeInstanceType(selectedType, trans) : undefined
          }
        >
          <InstanceTypeSelect
            id={`${formId}-instance-type`}
            value={values.instanceType}
            instanceTypes={instanceTypes}
            invalid={!!errorOf('instanceType')}
            trans={trans}
            onChange={instanceType => update({ instanceType })}
            onBlur={touch('instanceType')}
          />
        </FormField>
        <div className="jp-mlstudio-field-row">
          <FormField
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
          </FormField>
          <FormField
            id={`${formId}-max-runtime`}
            field="maxRuntime"
            label={trans.__('Max runtime')}
            error={errorOf('maxRuntime')}
            hint={
              runtime !== null
                ? trans.__('Stopped after %1', formatDuration(runtime * 1000))
                : undefined
            }
          >
            <div className="jp-mlstudio-input-with-unit">
              <input
                id={`${formId}-max-runtime`}
                className="jp-mod-styled"
                type="number"
                min={0}
                step="any"
                value={values.maxRuntime}
                aria-invalid={!!errorOf('maxRuntime')}
                onChange={event => update({ maxRuntime: event.target.value })}
                onBlur={touch('maxRuntime')}
              />
              <select
                className="jp-mod-styled"
                aria-label={trans.__('Unit of the max runtime')}
                value={values.maxRuntimeUnit}
                onChange={event =>
                  update({
                    maxRuntimeUnit: event.target.value as RuntimeUnit
                  })
                }
              >
                <option value="minutes">{trans.__('minutes')}</option>
                <option value="hours">{trans.__('hours')}</option>
                <option value="days">{trans.__('days')}</option>
              </select>
            </div>
          </FormField>
        </div>
      </fieldset>

      <fieldset className="jp-mlstudio-fieldset">
        <legend>{trans.__('Code')}</legend>
        <FormField
          id={`${formId}-entry-script`}
          field="entryScript"
          label={trans.__('Entry script')}
          error={errorOf('entryScript')}
          hint={entryScriptHint(values.entryScript, context, trans)}
        >
          <div className="jp-mlstudio-input-with-unit">
            <EntryScriptInput
              id={`${formId}-entry-script`}
              value={values.entryScript}
              invalid={!!errorOf('entryScript')}
              listDirectory={listDirectory}
              debounce={debounce}
              placeholder={trans.__('folder/train.py')}
              onChange={onEntryScriptChange}
              onBlur={touch('entryScript')}
            />
            {browseEntryScript ? (
              <button
                type="button"
                className="jp-mlstudio-button jp-mod-styled jp-mlstudio-browse-script"
                title={trans.__('Choose the script among the workspace files')}
                onClick={() =>
                  void browseEntryScript().then(path => {
                    if (path) {
                      onEntryScriptChange(path);
                    }
                  })
                }
              >
                {trans.__('Browse…')}
              </button>
            ) : null}
          </div>
        </FormField>
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
        <FormField
          id={`${formId}-output-path`}
          field="outputPath"
          label={trans.__('Output path')}
          error={errorOf('outputPath')}
          hint={
            values.outputPath.trim()
              ? trans.__(
                  'The model (model.tar.gz) and output files go below this URI.'
                )
              : trans.__(
                  "Empty: below the server's store, as %%mlstudio train and the Python client do."
                )
          }
        >
          <input
            id={`${formId}-output-path`}
            className="jp-mod-styled"
            type="text"
            value={values.outputPath}
            spellCheck={false}
            data-varies=""
            placeholder={defaultOutput || 's3://bucket/prefix'}
            aria-invalid={!!errorOf('outputPath')}
            onChange={event => update({ outputPath: event.target.value })}
            onBlur={touch('outputPath')}
          />
        </FormField>
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
