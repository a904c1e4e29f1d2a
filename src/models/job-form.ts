/*
 * The new-training-job form's logic, apart from its React view: default values,
 * validation with SageMaker's rules, the CreateTrainingJob body, and which field a
 * server error belongs to.
 */

import type { TranslationBundle } from '@jupyterlab/translation';

import type {
  ICreateTrainingJobRequest,
  IInstanceType,
  IMetricDefinition
} from '../tokens';
import { suggestJobName, validateJobName } from './job-names';

export {
  JOB_NAME_MAX_LENGTH,
  JOB_NAME_PATTERN,
  suggestJobName,
  toNamePart,
  validateJobName
} from './job-names';

/** SageMaker's pattern of channel names. */
export const CHANNEL_NAME_PATTERN = /^[A-Za-z0-9.\-_]{1,64}$/;

/** Hyperparameter naming the entry script, relative to the code folder (script mode). */
export const SCRIPT_PROGRAM = 'sagemaker_program';

/** Hyperparameter naming the code folder as an `s3://` or `file://` URI (script mode). */
export const SCRIPT_SUBMIT_DIRECTORY = 'sagemaker_submit_directory';

/** Hyperparameters the form sets from the entry script, not from the rows. */
export const RESERVED_HYPERPARAMETERS = [
  SCRIPT_PROGRAM,
  SCRIPT_SUBMIT_DIRECTORY
];

/** Storage volume of each instance; the server ignores it for local runs. */
export const VOLUME_SIZE_GB = 30;

/** Most instances a job may ask for. */
export const MAX_INSTANCE_COUNT = 16;

/** A hyperparameter row. */
export interface IKeyValueRow {
  key: string;
  value: string;
}

/** An input channel row: its name and the URI of its data. */
export interface IChannelRow {
  name: string;
  uri: string;
}

/** Everything the form holds, as typed (numbers stay text until they are checked). */
export interface IJobFormValues {
  name: string;
  /** Empty means the server's default image. */
  image: string;
  instanceType: string;
  instanceCount: string;
  /** Path of the entry script relative to the server's root, e.g. `project/train.py`. */
  entryScript: string;
  hyperParameters: IKeyValueRow[];
  channels: IChannelRow[];
  /** Empty means the server's default ({@link defaultOutputPath}). */
  outputPath: string;
  /** The longest the job may run, in {@link maxRuntimeUnit}s (decimals allowed). */
  maxRuntime: string;
  maxRuntimeUnit: RuntimeUnit;
  metricDefinitions: IMetricDefinition[];
}

/** Units of the maximum runtime. */
export type RuntimeUnit = 'minutes' | 'hours' | 'days';

/** Seconds in each runtime unit. */
export const RUNTIME_UNIT_SECONDS: Record<RuntimeUnit, number> = {
  minutes: 60,
  hours: 3600,
  days: 86400
};

/** SageMaker's longest MaxRuntimeInSeconds: 28 days. */
export const MAX_RUNTIME_SECONDS = 28 * 86400;

/** The maximum runtime of a form in seconds, or null when it is not a positive number. */
export function runtimeSeconds(
  values: Pick<IJobFormValues, 'maxRuntime' | 'maxRuntimeUnit'>
): number | null {
  const text = values.maxRuntime.trim();
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(text)) {
    return null;
  }
  const seconds = Math.round(
    Number(text) * RUNTIME_UNIT_SECONDS[values.maxRuntimeUnit]
  );
  return seconds >= 1 ? seconds : null;
}

/**
 * Where a job's model and output go when the form names no place: below the object
 * store's root, as the `%%mlstudio train` magic and the Python client put them.
 */
export function defaultOutputPath(objectStoreRoot: string): string {
  return `${objectStoreRoot.replace(/\/+$/, '')}/training-output`;
}

/** Fields of the form that an error can belong to; `form` is the form as a whole. */
export type JobFormField =
  | 'name'
  | 'image'
  | 'instanceType'
  | 'instanceCount'
  | 'entryScript'
  | 'hyperParameters'
  | 'channels'
  | 'outputPath'
  | 'maxRuntime'
  | 'metricDefinitions'
  | 'form';

/**
 * Errors by field. Keys are {@link JobFormField}s, or a row of a list field:
 * `hyperParameters.2`, `channels.0`, `metricDefinitions.1`.
 */
export type JobFormErrors = Record<string, string>;

/** What validation and the request body need besides the values. */
export interface IJobFormContext {
  /** The instance-type catalogue, when it has been read. */
  instanceTypes: readonly IInstanceType[] | null;
  /** Absolute path of the server's root folder (GET status `workspace_root`). */
  workspaceRoot: string;
  /** The image that runs in the server's Python (GET status `default_image`). */
  defaultImage: string;
  /**
   * The object store's root (GET status `object_store.default_root`); the default output
   * path is below it. Empty while unknown.
   */
  objectStoreRoot?: string;
}

/** Default maximum runtime: one day, as SageMaker's. */
export const DEFAULT_MAX_RUNTIME_SECONDS = 86400;

/** The form as it opens. */
export function defaultJobFormValues(
  instanceType: string,
  now: Date = new Date()
): IJobFormValues {
  return {
    name: suggestJobName('training-job', now),
    image: '',
    instanceType,
    instanceCount: '1',
    entryScript: '',
    hyperParameters: [],
    channels: [],
    outputPath: '',
    maxRuntime: String(DEFAULT_MAX_RUNTIME_SECONDS / 3600),
    maxRuntimeUnit: 'hours',
    metricDefinitions: []
  };
}

/**
 * The code folder and the program of an entry script given relative to the server's
 * root: `project/src/train.py` → folder `project/src`, program `train.py`. Null when
 * the path names no file or leaves the root.
 */
export function splitEntryScript(
  path: string
): { folder: string; program: string } | null {
  const parts = path
    .trim()
    .split('/')
    .filter(part => part !== '' && part !== '.');
  if (parts.length === 0 || parts.includes('..') || path.trim().endsWith('/')) {
    return null;
  }
  const program = parts.pop()!;
  return { folder: parts.join('/'), program };
}

/** `file://` URI of a folder below the server's root. */
export function workspaceFolderUri(
  workspaceRoot: string,
  folder: string
): string {
  const root = workspaceRoot.replace(/\/+$/, '');
  return folder ? `file://${root}/${folder}` : `file://${root || '/'}`;
}

/** Why a data URI is unusable here, or null: `s3://bucket/...` or `file:///absolute/...`. */
export function validateDataUri(
  uri: string,
  trans: TranslationBundle
): string | null {
  if (/^s3:\/\/[^/\s]+(\/.*)?$/.test(uri)) {
    return null;
  }
  if (/^file:\/\/\/\S/.test(uri)) {
    return null;
  }
  if (/^file:\/\/[^/]/.test(uri)) {
    return trans.__('A file URI needs an absolute path: file:///path/to/data.');
  }
  return trans.__('Use s3://bucket/prefix or file:///absolute/path.');
}

function isBlank(...texts: string[]): boolean {
  return texts.every(text => text.trim() === '');
}

function parseWholeNumber(text: string): number | null {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : null;
}

/** Every problem of the form, by field; empty when the form can be sent. */
export function validateJobForm(
  values: IJobFormValues,
  context: IJobFormContext,
  trans: TranslationBundle
): JobFormErrors {
  const errors: JobFormErrors = {};
  const nameError = validateJobName(values.name, trans);
  if (nameError) {
    errors.name = nameError;
  }

  if (!values.instanceType) {
    errors.instanceType = trans.__('Choose an instance type.');
  } else if (context.instanceTypes) {
    const type = context.instanceTypes.find(
      item => item.name === values.instanceType
    );
    if (!type) {
      errors.instanceType = trans.__(
        'Unknown instance type %1.',
        values.instanceType
      );
    } else if (!type.available) {
      errors.instanceType = trans.__(
        '%1 cannot run here: %2',
        type.name,
        type.reason ?? ''
      );
    }
  }

  const count = parseWholeNumber(values.instanceCount);
  if (count === null || count < 1 || count > MAX_INSTANCE_COUNT) {
    errors.instanceCount = trans.__(
      'A whole number from 1 to %1.',
      MAX_INSTANCE_COUNT
    );
  }

  const runtime = runtimeSeconds(values);
  if (runtime === null) {
    errors.maxRuntime = trans.__(
      'A positive number, e.g. 30 minutes or 2 hours.'
    );
  } else if (runtime > MAX_RUNTIME_SECONDS) {
    errors.maxRuntime = trans.__('At most 28 days.');
  }

  const usesDefaultImage =
    !values.image.trim() || values.image.trim() === context.defaultImage;
  if (values.entryScript.trim()) {
    if (!splitEntryScript(values.entryScript)) {
      errors.entryScript = trans.__(
        'A file below the server root, e.g. project/train.py.'
      );
    }
  } else if (usesDefaultImage) {
    errors.entryScript = trans.__(
      'Choose the script to run: the image "%1" runs it with the server\'s Python.',
      context.defaultImage
    );
  }

  const keys = new Set<string>();
  values.hyperParameters.forEach((row, index) => {
    const key = row.key.trim();
    if (isBlank(row.key, row.value)) {
      return;
    }
    if (!key) {
      errors[`hyperParameters.${index}`] = trans.__('A value needs a name.');
    } else if (RESERVED_HYPERPARAMETERS.includes(key)) {
      errors[`hyperParameters.${index}`] = trans.__(
        '%1 is set from the entry script.',
        key
      );
    } else if (keys.has(key)) {
      errors[`hyperParameters.${index}`] = trans.__('%1 is given twice.', key);
    }
    keys.add(key);
  });

  const channels = new Set<string>();
  values.channels.forEach((row, index) => {
    if (isBlank(row.name, row.uri)) {
      return;
    }
    const name = row.name.trim();
    let problem: string | null = null;
    if (!CHANNEL_NAME_PATTERN.test(name)) {
      problem = trans.__(
        'Channel names have 1 to 64 letters, digits, dots, hyphens or underscores.'
      );
    } else if (channels.has(name)) {
      problem = trans.__('Channel %1 is given twice.', name);
    } else {
      problem = validateDataUri(row.uri.trim(), trans);
    }
    channels.add(name);
    if (problem) {
      errors[`channels.${index}`] = problem;
    }
  });

  if (values.outputPath.trim()) {
    const problem = validateDataUri(values.outputPath.trim(), trans);
    if (problem) {
      errors.outputPath = problem;
    }
  }

  const metrics = new Set<string>();
  values.metricDefinitions.forEach((row, index) => {
    if (isBlank(row.name, row.regex)) {
      return;
    }
    const name = row.name.trim();
    let problem: string | null = null;
    if (!name || name.length > 255) {
      problem = trans.__('A metric needs a name of at most 255 characters.');
    } else if (!row.regex || row.regex.length > 500) {
      problem = trans.__(
        'A metric needs a regular expression of at most 500 characters.'
      );
    } else if (metrics.has(name)) {
      problem = trans.__('Metric %1 is given twice.', name);
    }
    metrics.add(name);
    if (problem) {
      errors[`metricDefinitions.${index}`] = problem;
    }
  });
  return errors;
}

/** The metric definitions the form would send (blank rows left out). */
export function metricDefinitionsOf(
  values: Pick<IJobFormValues, 'metricDefinitions'>
): IMetricDefinition[] {
  return values.metricDefinitions
    .filter(row => !isBlank(row.name, row.regex))
    .map(row => ({ name: row.name.trim(), regex: row.regex }));
}

/**
 * The CreateTrainingJob body of a valid form. The entry script's folder becomes the
 * code folder (`sagemaker_submit_directory`) and its file name the program
 * (`sagemaker_program`), as SageMaker's script mode has them.
 */
export function buildCreateTrainingJobRequest(
  values: IJobFormValues,
  context: Pick<
    IJobFormContext,
    'workspaceRoot' | 'defaultImage' | 'objectStoreRoot'
  >
): ICreateTrainingJobRequest {
  const hyperParameters: Record<string, string> = {};
  for (const row of values.hyperParameters) {
    if (!isBlank(row.key, row.value)) {
      hyperParameters[row.key.trim()] = row.value;
    }
  }
  const script = values.entryScript.trim()
    ? splitEntryScript(values.entryScript)
    : null;
  if (script) {
    hyperParameters[SCRIPT_PROGRAM] = script.program;
    hyperParameters[SCRIPT_SUBMIT_DIRECTORY] = workspaceFolderUri(
      context.workspaceRoot,
      script.folder
    );
  }
  return {
    training_job_name: values.name.trim(),
    algorithm_specification: {
      training_image: values.image.trim() || context.defaultImage,
      training_input_mode: 'File',
      metric_definitions: metricDefinitionsOf(values)
    },
    hyper_parameters: hyperParameters,
    input_data_config: values.channels
      .filter(row => !isBlank(row.name, row.uri))
      .map(row => ({
        channel_name: row.name.trim(),
        data_source: {
          s3_data_source: {
            s3_data_type: 'S3Prefix',
            s3_uri: row.uri.trim(),
            s3_data_distribution_type: 'FullyReplicated'
          }
        }
      })),
    // Left out when empty: the server fills in its one default, as for the magic and the API.
    ...(values.outputPath.trim()
      ? { output_data_config: { s3_output_path: values.outputPath.trim() } }
      : {}),
    resource_config: {
      instance_type: values.instanceType,
      instance_count: Number(values.instanceCount),
      volume_size_in_gb: VOLUME_SIZE_GB
    },
    stopping_condition: {
      max_runtime_in_seconds:
        runtimeSeconds(values) ?? DEFAULT_MAX_RUNTIME_SECONDS
    }
  };
}

/**
 * The form field a server error belongs to. The server names fields in snake_case
 * (`resource_config.instance_type`, from request validation) or in SageMaker's
 * PascalCase (`ResourceConfig.InstanceType`, from its own checks); both are understood.
 * A name conflict names no field, and belongs to the name.
 */
export function formFieldOfServerError(
  field: string | null,
  errorKind: string
): string {
  if (!field) {
    return errorKind === 'Conflict' ? 'name' : 'form';
  }
  const parts = field.split('.');
  const normal = parts.map(part => part.replace(/_/g, '').toLowerCase());
  const [head, second, third] = normal;
  const row = (list: JobFormField): string =>
    third !== undefined && /^\d+$/.test(third) ? `${list}.${third}` : list;
  switch (head) {
    case 'trainingjobname':
      return 'name';
    case 'algorithmspecification':
      if (second === 'trainingimage') {
        return 'image';
      }
      if (second === 'metricdefinitions') {
        return row('metricDefinitions');
      }
      return 'entryScript';
    case 'hyperparameters':
      if (
        second === 'sagemakerprogram' ||
        second === 'sagemakersubmitdirectory'
      ) {
        return 'entryScript';
      }
      return 'hyperParameters';
    case 'inputdataconfig':
      return second !== undefined && /^\d+$/.test(second)
        ? `channels.${second}`
        : 'channels';
    case 'outputdataconfig':
      return 'outputPath';
    case 'resourceconfig':
      return second === 'instancecount' ? 'instanceCount' : 'instanceType';
    case 'stoppingcondition':
      return 'maxRuntime';
    default:
      return 'form';
  }
}
