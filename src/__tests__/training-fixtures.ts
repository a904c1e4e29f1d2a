import type { Event } from '@jupyterlab/services';

import type {
  ITrainingJobDetail,
  ITrainingJobSummary,
  TrainingJobStatus
} from '../tokens';

/** A job's row in the list, created `minute` minutes after 06:00 UTC. */
export function summary(
  name: string,
  minute: number,
  status: TrainingJobStatus = 'Completed'
): ITrainingJobSummary {
  const time = `2024-11-22T06:${String(minute).padStart(2, '0')}:00.000000Z`;
  return {
    training_job_name: name,
    training_job_arn: `arn:aws:sagemaker:us-east-1:000000000000:training-job/${name}`,
    creation_time: time,
    training_end_time: status === 'InProgress' ? null : time,
    last_modified_time: time,
    training_job_status: status,
    secondary_status: status === 'InProgress' ? 'Training' : status
  };
}

/** A job's description as the server answers it. */
export function detail(
  name: string,
  status: TrainingJobStatus = 'InProgress',
  changes: Partial<ITrainingJobDetail> = {}
): ITrainingJobDetail {
  return {
    training_job_name: name,
    training_job_arn: `arn:aws:sagemaker:us-east-1:000000000000:training-job/${name}`,
    training_job_status: status,
    secondary_status: status === 'InProgress' ? 'Training' : status,
    failure_reason: null,
    model_artifacts: null,
    hyper_parameters: { epochs: '5', sagemaker_program: 'train.py' },
    algorithm_specification: {
      training_image: 'default',
      training_input_mode: 'File',
      metric_definitions: [{ name: 'loss', regex: 'loss=([0-9.]+)' }],
      enable_sage_maker_metrics_time_series: null,
      container_entrypoint: null,
      container_arguments: null
    },
    role_arn: null,
    input_data_config: [],
    output_data_config: {
      s3_output_path: 'file:///tmp/out',
      kms_key_id: null,
      compression_type: null
    },
    resource_config: {
      instance_type: 'local',
      instance_count: 1,
      volume_size_in_gb: 30,
      volume_kms_key_id: null,
      keep_alive_period_in_seconds: null
    },
    stopping_condition: {
      max_runtime_in_seconds: 3600,
      max_wait_time_in_seconds: null,
      max_pending_time_in_seconds: null
    },
    checkpoint_config: null,
    environment: {},
    experiment_config: null,
    creation_time: '2024-11-22T06:10:48.439000Z',
    training_start_time: '2024-11-22T06:10:48.558000Z',
    training_end_time: null,
    last_modified_time: '2024-11-22T06:10:48.558000Z',
    secondary_status_transitions: [
      {
        status: 'Starting',
        start_time: '2024-11-22T06:10:48.439000Z',
        end_time: '2024-11-22T06:10:48.518000Z',
        status_message: 'Starting the training job'
      },
      {
        status: 'Training',
        start_time: '2024-11-22T06:10:48.558000Z',
        end_time: null,
        status_message: 'Training in progress.'
      }
    ],
    final_metric_data_list: [],
    training_time_in_seconds: null,
    billable_time_in_seconds: null,
    enable_network_isolation: false,
    enable_inter_container_traffic_encryption: false,
    enable_managed_spot_training: false,
    run_id: 'run-1',
    tuning_job_arn: null,
    backend: 'process',
    hosts: ['algo-1'],
    log_streams: { 'algo-1': `${name}/algo-1` },
    downloads: [],
    ...changes
  };
}

/** A server event as the Jupyter event stream delivers it. */
export function emission(schemaId: string, data: object): Event.Emission {
  return { schema_id: schemaId, ...data } as unknown as Event.Emission;
}
