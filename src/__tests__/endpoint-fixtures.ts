import type {
  EndpointStatus,
  IEndpointMetrics,
  IEndpointSummary,
  IEndpointView
} from '../endpoint-types';

const TIME = '2024-11-22T06:00:00.000000Z';

/** An endpoint's row in the list. */
export function endpointSummary(
  name: string,
  status: EndpointStatus = 'InService'
): IEndpointSummary {
  return {
    endpoint_name: name,
    endpoint_status: status,
    endpoint_config_name: `${name}-config`,
    creation_time: TIME,
    last_modified_time: TIME,
    failure_reason: null,
    variants: [
      {
        variant_name: 'AllTraffic',
        instance_type: 'ml.m5.large',
        current_instance_count: status === 'InService' ? 1 : 0,
        desired_instance_count: 1,
        current_weight: 1
      }
    ]
  };
}

/** An endpoint as its view reads it: one variant with one instance. */
export function endpointView(
  name: string,
  status: EndpointStatus = 'InService',
  changes: Partial<IEndpointView> = {}
): IEndpointView {
  return {
    endpoint_name: name,
    endpoint_arn: `arn:aws:sagemaker:us-east-1:000000000000:endpoint/${name}`,
    endpoint_status: status,
    endpoint_config_name: `${name}-config`,
    failure_reason: null,
    creation_time: TIME,
    last_modified_time: TIME,
    pending_endpoint_config_name: null,
    variants: [
      {
        variant_name: 'AllTraffic',
        model_name: 'lr',
        instance_type: 'ml.m5.large',
        current_weight: 1,
        desired_weight: 1,
        current_instance_count: 1,
        desired_instance_count: 1,
        instances: [
          {
            instance_id: 'AllTraffic-1',
            state: 'healthy',
            restarts: 0,
            outstanding: 0,
            last_error: null,
            log_stream: `${name}/AllTraffic-1`
          }
        ],
        autoscaling: null,
        invocations: 3,
        errors: 0
      }
    ],
    data_capture: null,
    recent_errors: [],
    log_group: '/aws/sagemaker/Endpoints/' + name,
    ...changes
  };
}

/** An endpoint's series: no points yet. */
export function endpointMetrics(name: string): IEndpointMetrics {
  return { endpoint_name: name, variants: [] };
}
