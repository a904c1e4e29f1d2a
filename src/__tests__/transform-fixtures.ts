import type {
  ITransformJobDetail,
  ITransformJobSummary,
  TransformJobStatus
} from '../transform-types';

/** A transform job's row in the list, created `minute` minutes after 06:00 UTC. */
export function transformSummary(
  name: string,
  minute: number,
  status: TransformJobStatus = 'Completed'
): ITransformJobSummary {
  const time = `2024-11-22T06:${String(minute).padStart(2, '0')}:00.000000Z`;
  return {
    transform_job_name: name,
    transform_job_arn: `arn:aws:sagemaker:us-east-1:000000000000:transform-job/${name}`,
    creation_time: time,
    transform_end_time: status === 'InProgress' ? null : time,
    last_modified_time: time,
    transform_job_status: status,
    failure_reason: null
  };
}

/** A transform job's description as the server answers it. */
export function transformDetail(
  name: string,
  status: TransformJobStatus = 'InProgress',
  changes: Partial<ITransformJobDetail> = {}
): ITransformJobDetail {
  const start = '2024-11-22T06:00:00.000000Z';
  const end = '2024-11-22T06:01:00.000000Z';
  return {
    transform_job_name: name,
    transform_job_arn: `arn:aws:sagemaker:us-east-1:000000000000:transform-job/${name}`,
    transform_job_status: status,
    failure_reason: null,
    model_name: 'lr',
    max_concurrent_transforms: null,
    model_client_config: null,
    max_payload_in_mb: null,
    batch_strategy: 'MultiRecord',
    environment: {},
    transform_input: {
      data_source: {
        s3_data_source: { s3_data_type: 'S3Prefix', s3_uri: 's3://data/in' }
      },
      content_type: 'text/csv',
      compression_type: 'None',
      split_type: 'Line'
    },
    transform_output: {
      s3_output_path: 's3://data/out',
      accept: null,
      assemble_with: 'Line',
      kms_key_id: null
    },
    transform_resources: {
      instance_type: 'ml.m5.large',
      instance_count: 2,
      volume_kms_key_id: null,
      transform_ami_version: null
    },
    creation_time: start,
    transform_start_time: start,
    transform_end_time: status === 'InProgress' ? null : end,
    data_processing: null,
    experiment_config: null,
    last_modified_time: start,
    backend: 'process',
    model_image: '/usr/bin/python3',
    model_data_url: 's3://models/lr/model.tar.gz',
    progress: {
      objects_total: 4,
      objects_done: 1,
      records_done: 120,
      requests_done: 3
    },
    status_message: null,
    log_streams: ['job/algo-1-1'],
    status_transitions:
      status === 'InProgress'
        ? [
            {
              status: 'InProgress',
              start_time: start,
              end_time: null,
              status_message: 'Starting the transform job'
            }
          ]
        : [
            {
              status: 'InProgress',
              start_time: start,
              end_time: end,
              status_message: 'Starting the transform job'
            },
            {
              status,
              start_time: end,
              end_time: null,
              status_message: null
            }
          ],
    ...changes
  };
}
