import { nullTranslator } from '@jupyterlab/translation';

import {
  buildCreateTrainingJobRequest,
  defaultJobFormValues,
  formFieldOfServerError,
  IJobFormContext,
  IJobFormValues,
  runtimeSeconds,
  splitEntryScript,
  suggestJobName,
  toNamePart,
  validateDataUri,
  validateJobForm,
  validateJobName,
  workspaceFolderUri
} from '../models/job-form';
import { CATALOGUE } from './fixtures';

const trans = nullTranslator.load('jupyterlab_mlstudio');

const CONTEXT: IJobFormContext = {
  instanceTypes: CATALOGUE.instance_types,
  workspaceRoot: '/home/jovyan/work',
  defaultImage: 'default'
};

/** A form a user filled in correctly. */
function filled(changes: Partial<IJobFormValues> = {}): IJobFormValues {
  return {
    ...defaultJobFormValues('ml.m5.large', new Date(2024, 10, 22, 6, 10, 48)),
    entryScript: 'mnist/train.py',
    outputPath: 'file:///home/jovyan/work/out',
    ...changes
  };
}

describe('job names', () => {
  it("accepts SageMaker's names", () => {
    for (const name of ['a', 'my-job-1', 'A--b', 'x'.repeat(63)]) {
      expect(validateJobName(name, trans)).toBeNull();
    }
  });

  it('refuses the rest, saying why', () => {
    expect(validateJobName('', trans)).toMatch(/needs a name/);
    expect(validateJobName('-job', trans)).toMatch(/hyphens/);
    expect(validateJobName('job-', trans)).toMatch(/hyphens/);
    expect(validateJobName('my_job', trans)).toMatch(/hyphens/);
    expect(validateJobName('job.1', trans)).toMatch(/hyphens/);
    expect(validateJobName('x'.repeat(64), trans)).toMatch(/At most 63/);
  });

  it('suggests valid names from a base and the time', () => {
    const at = new Date(2024, 10, 22, 6, 10, 48);

    expect(suggestJobName('train', at)).toBe('train-20241122-061048');
    expect(suggestJobName('my_model v2', at)).toBe(
      'my-model-v2-20241122-061048'
    );
    expect(suggestJobName('__', at)).toBe('training-job-20241122-061048');
    const long = suggestJobName('x'.repeat(100), at);
    expect(long.length).toBeLessThanOrEqual(63);
    expect(validateJobName(long, trans)).toBeNull();
    expect(toNamePart('--a..b--')).toBe('a-b');
  });

  it('opens the form with a valid default name', () => {
    const values = defaultJobFormValues('local', new Date(2024, 0, 2, 3, 4, 5));

    expect(values.name).toBe('training-job-20240102-030405');
    expect(validateJobName(values.name, trans)).toBeNull();
  });
});

describe('entry scripts', () => {
  it('splits the path into code folder and program', () => {
    expect(splitEntryScript('mnist/src/train.py')).toEqual({
      folder: 'mnist/src',
      program: 'train.py'
    });
    expect(splitEntryScript('train.py')).toEqual({
      folder: '',
      program: 'train.py'
    });
    expect(splitEntryScript('./mnist//train.py ')).toEqual({
      folder: 'mnist',
      program: 'train.py'
    });
  });

  it('refuses folders and paths that leave the root', () => {
    expect(splitEntryScript('')).toBeNull();
    expect(splitEntryScript('mnist/')).toBeNull();
    expect(splitEntryScript('../secret/train.py')).toBeNull();
  });

  it('names folders below the root with file URIs', () => {
    expect(workspaceFolderUri('/home/jovyan/work', 'mnist')).toBe(
      'file:///home/jovyan/work/mnist'
    );
    expect(workspaceFolderUri('/home/jovyan/work/', '')).toBe(
      'file:///home/jovyan/work'
    );
    expect(workspaceFolderUri('/', 'a')).toBe('file:///a');
  });
});

describe('validateJobForm', () => {
  it('finds nothing wrong with a well-filled form', () => {
    expect(validateJobForm(filled(), CONTEXT, trans)).toEqual({});
  });

  it('requires an entry script for the default image, but no output path', () => {
    const errors = validateJobForm(
      filled({ outputPath: '', entryScript: '' }),
      CONTEXT,
      trans
    );

    expect(Object.keys(errors)).toEqual(['entryScript']);
  });

  it('lets an image with its own train command go without a script', () => {
    const errors = validateJobForm(
      filled({ image: 'my-training-image:latest', entryScript: '' }),
      CONTEXT,
      trans
    );

    expect(errors).toEqual({});
  });

  it('refuses instance types this host cannot run, with the reason', () => {
    const errors = validateJobForm(
      filled({ instanceType: 'ml.g5.xlarge' }),
      CONTEXT,
      trans
    );

    expect(errors.instanceType).toBe(
      'ml.g5.xlarge cannot run here: needs 1 GPU; this host has none'
    );
  });

  it('checks the numbers', () => {
    const errors = validateJobForm(
      filled({ instanceCount: '0', maxRuntime: 'two' }),
      CONTEXT,
      trans
    );
    expect(Object.keys(errors).sort()).toEqual(['instanceCount', 'maxRuntime']);
    expect(
      validateJobForm(filled({ instanceCount: '17' }), CONTEXT, trans)
        .instanceCount
    ).toBe('A whole number from 1 to 16.');
  });

  it('checks each row and names the row at fault', () => {
    const errors = validateJobForm(
      filled({
        hyperParameters: [
          { key: 'epochs', value: '5' },
          { key: '', value: '' },
          { key: 'epochs', value: '6' },
          { key: 'sagemaker_program', value: 'x.py' }
        ],
        channels: [
          { name: 'train', uri: 's3://bucket/train' },
          { name: 'test', uri: 'file://relative/path' },
          { name: 'bad name', uri: 's3://bucket/x' },
          { name: 'train', uri: 'file:///data' }
        ],
        metricDefinitions: [
          { name: 'loss', regex: 'loss=([0-9.]+)' },
          { name: '', regex: 'x' },
          { name: 'loss', regex: 'other' }
        ]
      }),
      CONTEXT,
      trans
    );

    expect(Object.keys(errors).sort()).toEqual([
      'channels.1',
      'channels.2',
      'channels.3',
      'hyperParameters.2',
      'hyperParameters.3',
      'metricDefinitions.1',
      'metricDefinitions.2'
    ]);
    expect(errors['hyperParameters.3']).toBe(
      'sagemaker_program is set from the entry script.'
    );
    expect(errors['channels.1']).toMatch(/absolute path/);
  });

  it('accepts s3 and absolute file URIs only', () => {
    expect(validateDataUri('s3://bucket', trans)).toBeNull();
    expect(validateDataUri('s3://bucket/prefix/', trans)).toBeNull();
    expect(validateDataUri('file:///data/train', trans)).toBeNull();
    expect(validateDataUri('/data/train', trans)).not.toBeNull();
    expect(validateDataUri('s3:///key', trans)).not.toBeNull();
    expect(validateDataUri('https://example.com/x', trans)).not.toBeNull();
  });
});

describe('buildCreateTrainingJobRequest', () => {
  it("sends SageMaker's CreateTrainingJob in script mode", () => {
    const request = buildCreateTrainingJobRequest(
      filled({
        name: 'mnist-1',
        instanceCount: '2',
        maxRuntime: '10',
        maxRuntimeUnit: 'minutes',
        hyperParameters: [
          { key: 'epochs', value: '5' },
          { key: ' ', value: '' },
          { key: 'lr', value: '0.01' }
        ],
        channels: [{ name: 'train', uri: ' s3://bucket/mnist/train ' }],
        metricDefinitions: [
          { name: 'loss', regex: 'loss=([0-9.]+)' },
          { name: '', regex: '' }
        ]
      }),
      CONTEXT
    );

    expect(request).toEqual({
      training_job_name: 'mnist-1',
      algorithm_specification: {
        training_image: 'default',
        training_input_mode: 'File',
        metric_definitions: [{ name: 'loss', regex: 'loss=([0-9.]+)' }]
      },
      hyper_parameters: {
        epochs: '5',
        lr: '0.01',
        sagemaker_program: 'train.py',
        sagemaker_submit_directory: 'file:///home/jovyan/work/mnist'
      },
      input_data_config: [
        {
          channel_name: 'train',
          data_source: {
            s3_data_source: {
              s3_data_type: 'S3Prefix',
              s3_uri: 's3://bucket/mnist/train',
              s3_data_distribution_type: 'FullyReplicated'
            }
          }
        }
      ],
      output_data_config: { s3_output_path: 'file:///home/jovyan/work/out' },
      resource_config: {
        instance_type: 'ml.m5.large',
        instance_count: 2,
        volume_size_in_gb: 30
      },
      stopping_condition: { max_runtime_in_seconds: 600 }
    });
  });

  it("leaves the output path to the server's default when the form leaves it empty", () => {
    const request = buildCreateTrainingJobRequest(
      filled({ outputPath: ' ' }),
      CONTEXT
    );

    expect(request.output_data_config).toBeUndefined();
  });

  it('takes the maximum runtime in minutes, hours or days', () => {
    expect(
      runtimeSeconds({ maxRuntime: '30', maxRuntimeUnit: 'minutes' })
    ).toBe(1800);
    expect(runtimeSeconds({ maxRuntime: '1.5', maxRuntimeUnit: 'hours' })).toBe(
      5400
    );
    expect(runtimeSeconds({ maxRuntime: '2', maxRuntimeUnit: 'days' })).toBe(
      172800
    );
    expect(
      runtimeSeconds({ maxRuntime: '0', maxRuntimeUnit: 'hours' })
    ).toBeNull();
    expect(
      validateJobForm(
        filled({ maxRuntime: '29', maxRuntimeUnit: 'days' }),
        CONTEXT,
        trans
      ).maxRuntime
    ).toBe('At most 28 days.');
  });

  it('sends the image the user typed, and no script hyperparameters without a script', () => {
    const request = buildCreateTrainingJobRequest(
      filled({ image: ' my-image:1 ', entryScript: '' }),
      CONTEXT
    );

    expect(request.algorithm_specification.training_image).toBe('my-image:1');
    expect(request.hyper_parameters).toEqual({});
  });

  it('takes a script at the root from the root folder', () => {
    const request = buildCreateTrainingJobRequest(
      filled({ entryScript: 'train.py' }),
      CONTEXT
    );

    expect(request.hyper_parameters?.sagemaker_submit_directory).toBe(
      'file:///home/jovyan/work'
    );
  });
});

describe('formFieldOfServerError', () => {
  it("understands the request validator's snake_case fields", () => {
    expect(formFieldOfServerError('training_job_name', 'InvalidInput')).toBe(
      'name'
    );
    expect(
      formFieldOfServerError(
        'output_data_config.s3_output_path',
        'InvalidInput'
      )
    ).toBe('outputPath');
    expect(
      formFieldOfServerError(
        'input_data_config.1.data_source.s3_data_source.s3_uri',
        'InvalidInput'
      )
    ).toBe('channels.1');
    expect(
      formFieldOfServerError('resource_config.instance_count', 'InvalidInput')
    ).toBe('instanceCount');
  });

  it("understands SageMaker's PascalCase fields", () => {
    expect(
      formFieldOfServerError('ResourceConfig.InstanceType', 'InvalidInput')
    ).toBe('instanceType');
    expect(
      formFieldOfServerError('ResourceConfig.InstanceCount', 'LimitExceeded')
    ).toBe('instanceCount');
    expect(
      formFieldOfServerError(
        'AlgorithmSpecification.TrainingImage',
        'InvalidInput'
      )
    ).toBe('image');
    expect(
      formFieldOfServerError(
        'AlgorithmSpecification.MetricDefinitions.2.Regex',
        'InvalidInput'
      )
    ).toBe('metricDefinitions.2');
    expect(
      formFieldOfServerError(
        'HyperParameters.sagemaker_submit_directory',
        'InvalidInput'
      )
    ).toBe('entryScript');
    expect(
      formFieldOfServerError('AlgorithmSpecification', 'InvalidInput')
    ).toBe('entryScript');
    expect(formFieldOfServerError('InputDataConfig', 'InvalidInput')).toBe(
      'channels'
    );
  });

  it('puts a name conflict on the name, and the unknown on the form', () => {
    expect(formFieldOfServerError(null, 'Conflict')).toBe('name');
    expect(formFieldOfServerError(null, 'InvalidInput')).toBe('form');
    expect(formFieldOfServerError('role_arn', 'InvalidInput')).toBe('form');
  });
});
