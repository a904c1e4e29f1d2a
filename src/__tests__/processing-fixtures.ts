import type {
  IProcessingJobDetail,
  IProcessingJobSummary,
  ProcessingJobStatus
} from '../processing-types';

/** A processing job's row in the list, created `minute` minutes after 06:00 UTC. */
export function processingSummary(
  name: string,
  minute: number,
  status: ProcessingJobStatus = 'Completed'
): IProcessingJobSummary {
  const time = `2024-11-22T06:${String(minute).padStart(2, '0')}:00.000000Z`;
  return {
    processing_job_name: name,
    processing_job_arn: `arn:aws:sagemaker:us-east-1:000000000000:processing-job/${name}`,
    creation_time: time,
    processing_end_time: status === 'InProgress' ? null : time,
    last_modified_time: time,
    processing_job_status: status,
    failure_reason: null,
    exit_message: null
  };
}

/** A processing job's description as the server answers it: two inputs, one output. */
export function processingDetail(
  name: string,
  status: ProcessingJobStatus = 'InProgress',
  changes: Partial<IProcessingJobDetail> = {}
): IProcessingJobDetail {
  const start = '2024-11-22T06:00:00.000000Z';
  const end = '2024-11-22T06:01:30.000000Z';
  return {
    processing_job_name: name,
    processing_job_arn: `arn:aws:sagemaker:us-east-1:000000000000:processing-job/${name}`,
    processing_job_status: status,
    processing_inputs: [
      {
        input_name: 'raw',
        app_managed: false,
        s3_input: {
          s3_uri: 's3://data/raw',
          local_path: '/opt/ml/processing/input/raw',
          s3_data_type: 'S3Prefix',
          s3_input_mode: 'File',
          s3_data_distribution_type: 'FullyReplicated',
          s3_compression_type: 'None'
        }
      },
      {
        input_name: 'code',
        app_managed: false,
        s3_input: {
          s3_uri: 's3://data/code/prepare.py',
          local_path: '/opt/ml/processing/input/code',
          s3_data_type: 'S3Prefix',
          s3_input_mode: 'File',
          s3_data_distribution_type: 'FullyReplicated',
          s3_compression_type: 'None'
        }
      }
    ],
    processing_output_config: {
      outputs: [
        {
          output_name: 'train',
          app_managed: false,
          s3_output: {
            s3_uri: 's3://data/prepared/train',
            local_path: '/opt/ml/processing/output/train',
            s3_upload_mode: 'EndOfJob'
          }
        }
      ],
      kms_key_id: null
    },
    processing_resources: {
      cluster_config: {
        instance_count: 2,
        instance_type: 'ml.m5.large',
        volume_size_in_gb: 30,
        volume_kms_key_id: null
      }
    },
    stopping_condition: { max_runtime_in_seconds: 600 },
    app_specification: {
      image_uri: 'python',
      container_entrypoint: [
        'python3',
        '/opt/ml/processing/input/code/prepare.py'
      ],
      container_arguments: ['--split', '0.2', '--note', 'two words']
    },
    environment: { SEED: '7' },
    role_arn: null,
    experiment_config: null,
    exit_message: null,
    failure_reason: null,
    processing_end_time: status === 'InProgress' ? null : end,
    processing_start_time: start,
    last_modified_time: start,
    creation_time: start,
    backend: 'process',
    status_message: null,
    hosts: ['algo-1', 'algo-2'],
    log_streams: {
      'algo-1': `${name}/algo-1-1732255200`,
      'algo-2': `${name}/algo-2-1732255200`
    },
    ...changes
  };
}
