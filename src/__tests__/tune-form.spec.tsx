import { nullTranslator } from '@jupyterlab/translation';
import React, { act } from 'react';

import { TuneForm } from '../components/tune-form';
import {
  ITuneFormValues,
  tuneFormErrors,
  tuneFormFromJob,
  tuningName,
  tuningRequest
} from '../models/tune-form';
import { MLStudioRequestError } from '../request';
import { click, render, unmountAll } from './dom';
import { detail } from './training-fixtures';

const trans = nullTranslator.load('jupyterlab_mlstudio');

afterEach(unmountAll);

const job = detail('gbm-breast-cancer', 'Completed', {
  hyper_parameters: {
    epochs: '5',
    lr: '0.1',
    loss: 'log_loss',
    sagemaker_program: 'train.py',
    _tuning_objective_metric: 'loss'
  }
});

describe('the tune form filled from a training job', () => {
  it('offers the job hyperparameters with ranges guessed from their values', () => {
    const values = tuneFormFromJob(job);

    expect(values.name).toBe('gbm-breast-cancer-tune');
    expect(values.objective).toBe('loss');
    expect(
      values.ranges.map(row => [row.name, row.kind, row.min, row.max])
    ).toEqual([
      ['epochs', 'integer', '2', '10'],
      ['lr', 'continuous', '0.01', '1'],
      ['loss', 'categorical', '', '']
    ]);
    expect(values.ranges.every(row => !row.tune)).toBe(true);
  });

  it('keeps names within 32 characters', () => {
    expect(tuningName('a-very-long-training-job-name-from-a-notebook')).toBe(
      'a-very-long-training-job-na-tune'
    );
  });

  it('asks for a tuned hyperparameter and a range whose minimum is below its maximum', () => {
    const values = tuneFormFromJob(job);
    expect(tuneFormErrors(values).ranges).toBeDefined();

    values.ranges[1] = {
      ...values.ranges[1],
      tune: true,
      min: '1',
      max: '0.5'
    };
    const errors = tuneFormErrors(values);
    expect(errors.ranges).toBeUndefined();
    expect(errors.lr).toBe(
      'The minimum must be a number below the maximum: correct the range.'
    );
  });

  it('sends the job definition with the tuned ranges and the rest static', () => {
    const values: ITuneFormValues = tuneFormFromJob(job);
    values.ranges[1] = { ...values.ranges[1], tune: true };
    values.ranges[2] = {
      ...values.ranges[2],
      tune: true,
      values: 'log_loss, exponential'
    };
    values.objectiveType = 'Minimize';

    const request = tuningRequest(job, values);

    const config = request.hyper_parameter_tuning_job_config;
    expect(config.hyper_parameter_tuning_job_objective).toEqual({
      type: 'Minimize',
      metric_name: 'loss'
    });
    expect(config.resource_limits).toEqual({
      max_parallel_training_jobs: 1,
      max_number_of_training_jobs: 10
    });
    expect(config.parameter_ranges?.continuous_parameter_ranges).toEqual([
      {
        name: 'lr',
        min_value: '0.01',
        max_value: '1',
        scaling_type: 'Logarithmic'
      }
    ]);
    expect(config.parameter_ranges?.categorical_parameter_ranges).toEqual([
      { name: 'loss', values: ['log_loss', 'exponential'] }
    ]);
    expect(request.training_job_definition?.static_hyper_parameters).toEqual({
      epochs: '5',
      sagemaker_program: 'train.py'
    });
    expect(
      request.training_job_definition?.algorithm_specification
        .metric_definitions
    ).toEqual(job.algorithm_specification.metric_definitions);
  });
});

describe('TuneForm', () => {
  it('creates the tuning job once a hyperparameter is chosen, and shows a refusal', async () => {
    const sent: ITuneFormValues[] = [];
    let refuse = true;
    const root = render(
      <TuneForm
        job={job}
        trans={trans}
        onSubmit={async values => {
          sent.push(values);
          if (refuse) {
            throw new MLStudioRequestError({
              error: 'InvalidInput',
              message: 'MaxNumberOfTrainingJobs is over the limit',
              status: 400
            });
          }
        }}
      />
    );
    const submit = root.querySelector<HTMLButtonElement>(
      '.jp-mlstudio-tune-submit'
    )!;
    expect(submit.disabled).toBe(true);

    click(root.querySelector('[aria-label="Tune lr"]')!);
    expect(submit.disabled).toBe(false);
    await act(async () => submit.click());
    expect(root.textContent).toContain('over the limit');
    expect(root.textContent).toContain(
      'MaxNumberOfTrainingJobs is over the limit'
    );

    refuse = false;
    await act(async () => submit.click());
    expect(sent).toHaveLength(2);
    expect(sent[1].ranges.filter(row => row.tune).map(row => row.name)).toEqual(
      ['lr']
    );
  });
});
