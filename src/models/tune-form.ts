/*
 * The "Tune" form of a training job: which of its hyperparameters to search and how, the
 * objective among its metrics, and the limits; turned into a CreateHyperParameterTuningJob
 * body whose definition is the job's own.
 */

import type { Schemas } from '../api/schema-types';
import type { ITrainingJobDetail } from '../tokens';

/** The body of `POST mlstudio/api/v1/tuning-jobs`. */
export type ICreateTuningJobRequest = Schemas['CreateTuningJobRequest'];

/** How one hyperparameter is searched, or kept as it is. */
export interface IRangeRow {
  name: string;
  /** The job's value, kept when the row is not tuned. */
  value: string;
  tune: boolean;
  kind: 'continuous' | 'integer' | 'categorical';
  min: string;
  max: string;
  scaling: 'Auto' | 'Linear' | 'Logarithmic' | 'ReverseLogarithmic';
  /** Comma-separated values of a categorical range. */
  values: string;
}

/** Everything the form edits. */
export interface ITuneFormValues {
  name: string;
  objective: string;
  objectiveType: 'Maximize' | 'Minimize';
  strategy: 'Bayesian' | 'Random' | 'Grid' | 'Hyperband';
  maxJobs: number;
  maxParallel: number;
  earlyStopping: boolean;
  ranges: IRangeRow[];
}

/** Hyperparameters the framework sets, never searched. */
function isReserved(name: string): boolean {
  return name.startsWith('sagemaker_') || name === '_tuning_objective_metric';
}

/** Tuning job names are at most 32 characters of letters, digits and inner hyphens. */
export function tuningName(jobName: string): string {
  const base = jobName.slice(0, 27).replace(/-+$/, '');
  return `${base}-tune`;
}

function rangeRow(name: string, value: string): IRangeRow {
  const number = Number(value);
  const row: IRangeRow = {
    name,
    value,
    tune: false,
    kind: 'categorical',
    min: '',
    max: '',
    scaling: 'Auto',
    values: value
  };
  if (value.trim() !== '' && Number.isFinite(number)) {
    if (Number.isInteger(number) && !value.includes('.') && !/e/i.test(value)) {
      row.kind = 'integer';
      row.min = String(Math.max(1, Math.floor(number / 2)));
      row.max = String(Math.max(2, number * 2));
    } else {
      row.kind = 'continuous';
      const positive = number > 0;
      row.min = String(positive ? number / 10 : number - 1);
      row.max = String(positive ? number * 10 : number + 1);
      row.scaling = positive ? 'Logarithmic' : 'Linear';
    }
  }
  return row;
}

/** The form as a training job fills it: its metrics, its hyperparameters, nothing tuned yet. */
export function tuneFormFromJob(job: ITrainingJobDetail): ITuneFormValues {
  const metrics = job.algorithm_specification.metric_definitions ?? [];
  return {
    name: tuningName(job.training_job_name),
    objective: metrics.length ? metrics[0].name : '',
    objectiveType: 'Maximize',
    strategy: 'Bayesian',
    maxJobs: 10,
    maxParallel: 1,
    earlyStopping: false,
    ranges: Object.entries(job.hyper_parameters)
      .filter(([name]) => !isReserved(name))
      .map(([name, value]) => rangeRow(name, value))
  };
}

/** What is wrong with the form, field by field; empty when it can be sent. */
export function tuneFormErrors(
  values: ITuneFormValues
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}$/.test(values.name)) {
    errors.name =
      'A tuning job name is up to 32 letters, digits and inner hyphens: change it (for example tune-digits-1).';
  }
  if (!values.objective) {
    errors.objective =
      'The training job defines no metric to optimize: add a metric definition to it, then tune it again.';
  }
  const tuned = values.ranges.filter(row => row.tune);
  if (tuned.length === 0) {
    errors.ranges =
      'Nothing is tuned yet: tick at least one hyperparameter and give its range.';
  }
  for (const row of tuned) {
    if (row.kind === 'categorical') {
      if (row.values.split(',').filter(v => v.trim()).length === 0) {
        errors[row.name] =
          'Give the values to try, separated by commas (for example l1, l2).';
      }
    } else if (
      !Number.isFinite(Number(row.min)) ||
      !Number.isFinite(Number(row.max)) ||
      row.min.trim() === '' ||
      row.max.trim() === '' ||
      Number(row.min) >= Number(row.max)
    ) {
      errors[row.name] =
        'The minimum must be a number below the maximum: correct the range.';
    }
  }
  if (values.maxParallel < 1 || values.maxJobs < 1) {
    errors.limits = 'Both limits are at least 1: raise the one at 0.';
  }
  return errors;
}

/** The CreateHyperParameterTuningJob body: the job's definition with the chosen ranges. */
export function tuningRequest(
  job: ITrainingJobDetail,
  values: ITuneFormValues
): ICreateTuningJobRequest {
  const tuned = values.ranges.filter(row => row.tune);
  const isTuned = new Set(tuned.map(row => row.name));
  const staticHyperParameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(job.hyper_parameters)) {
    if (!isTuned.has(name) && name !== '_tuning_objective_metric') {
      staticHyperParameters[name] = value;
    }
  }
  const numeric = (kind: IRangeRow['kind']) =>
    tuned
      .filter(row => row.kind === kind)
      .map(row => ({
        name: row.name,
        min_value: row.min.trim(),
        max_value: row.max.trim(),
        scaling_type: row.scaling
      }));
  const spec = job.algorithm_specification;
  const definition: NonNullable<
    ICreateTuningJobRequest['training_job_definition']
  > = {
    static_hyper_parameters: staticHyperParameters,
    algorithm_specification: {
      training_image: spec.training_image,
      training_input_mode: spec.training_input_mode,
      metric_definitions: spec.metric_definitions
    },
    role_arn: job.role_arn,
    input_data_config: job.input_data_config as NonNullable<
      ICreateTuningJobRequest['training_job_definition']
    >['input_data_config'],
    output_data_config: job.output_data_config as NonNullable<
      ICreateTuningJobRequest['training_job_definition']
    >['output_data_config'],
    resource_config: job.resource_config as NonNullable<
      ICreateTuningJobRequest['training_job_definition']
    >['resource_config'],
    stopping_condition: job.stopping_condition as NonNullable<
      ICreateTuningJobRequest['training_job_definition']
    >['stopping_condition'],
    environment: job.environment
  };
  return {
    hyper_parameter_tuning_job_name: values.name,
    hyper_parameter_tuning_job_config: {
      strategy: values.strategy,
      hyper_parameter_tuning_job_objective: {
        type: values.objectiveType,
        metric_name: values.objective
      },
      resource_limits: {
        max_parallel_training_jobs: values.maxParallel,
        // Grid derives its number of trials from the values.
        ...(values.strategy === 'Grid'
          ? {}
          : { max_number_of_training_jobs: values.maxJobs })
      },
      parameter_ranges: {
        continuous_parameter_ranges: numeric('continuous'),
        integer_parameter_ranges: numeric('integer').map(row => ({
          ...row,
          scaling_type:
            row.scaling_type === 'ReverseLogarithmic'
              ? 'Auto'
              : row.scaling_type
        })),
        categorical_parameter_ranges: tuned
          .filter(row => row.kind === 'categorical')
          .map(row => ({
            name: row.name,
            values: row.values
              .split(',')
              .map(value => value.trim())
              .filter(Boolean)
          }))
      },
      training_job_early_stopping_type: values.earlyStopping ? 'Auto' : 'Off'
    },
    training_job_definition: definition
  };
}
