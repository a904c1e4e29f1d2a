import type { IExperimentKeys, ILatestMetric, IRun } from '../tokens';

/** A run as the server describes it, with the given fields changed. */
export function makeRun(fields: Partial<IRun> = {}): IRun {
  const runId = fields.run_id ?? 'r1';
  return {
    run_id: runId,
    experiment_id: '1',
    name: runId,
    user_id: 'jovyan',
    status: 'FINISHED',
    start_time: 1_700_000_000_000,
    end_time: 1_700_000_060_000,
    lifecycle_stage: 'active',
    artifact_uri: `mlflow-artifacts:/1/${runId}/artifacts`,
    source_job: null,
    params: {},
    tags: {},
    metrics: [],
    inputs: [],
    outputs: [],
    ...fields
  };
}

/** The latest entry of a metric whose values were `values`, one per step from 0. */
export function latest(key: string, values: number[]): ILatestMetric {
  return {
    key,
    value: values[values.length - 1],
    step: values.length - 1,
    timestamp: 1_700_000_000_000 + values.length,
    min: Math.min(...values),
    max: Math.max(...values),
    count: values.length
  };
}

/** Keys of an experiment with a few params and metrics. */
export const KEYS: IExperimentKeys = {
  params: ['batch_size', 'lr', 'optimizer'],
  metrics: ['accuracy', 'loss', 'val/loss'],
  tags: ['team']
};
