/** Every ML Studio event schema id starts with this. */
export const EVENT_SCHEMA_PREFIX =
  'https://schema.jupyter.org/jupyterlab_mlstudio/';

/** Schema of the "what the host can run changed" event. */
export const STATUS_EVENT_SCHEMA = `${EVENT_SCHEMA_PREFIX}status/v1`;

/** Schema of "a training job changed status". */
export const TRAINING_JOB_EVENT_SCHEMA = `${EVENT_SCHEMA_PREFIX}training-job/v1`;

/** Schema of "new log lines of a training job's host". */
export const TRAINING_LOGS_EVENT_SCHEMA = `${EVENT_SCHEMA_PREFIX}training-logs/v1`;

/** Schema of "new metric points of a run". */
export const RUN_METRICS_EVENT_SCHEMA = `${EVENT_SCHEMA_PREFIX}run-metrics/v1`;
/** A run appeared, changed status, or was deleted or restored. */
export const RUN_EVENT_SCHEMA = `${EVENT_SCHEMA_PREFIX}run/v1`;

/** Schema of "an image version finished validating". */
export const IMAGE_VERSION_EVENT_SCHEMA = `${EVENT_SCHEMA_PREFIX}image-version/v1`;

/** Schema of "new lines of an image's Dockerfile build". */
export const IMAGE_BUILD_LOGS_EVENT_SCHEMA = `${EVENT_SCHEMA_PREFIX}image-build-logs/v1`;

/** Schema of "a kernel switched profile or was shut down from the server side". */
export const KERNEL_EVENT_SCHEMA = `${EVENT_SCHEMA_PREFIX}kernel/v1`;

/** Whether an event of the Jupyter server's stream comes from ML Studio. */
export function isMLStudioEvent(schemaId: unknown): boolean {
  return (
    typeof schemaId === 'string' && schemaId.startsWith(EVENT_SCHEMA_PREFIX)
  );
}

/**
 * Event streams that carry output (log lines, metric points). They come in bursts and
 * never change what the host can run, so they do not refresh the status.
 */
export const OUTPUT_EVENT_SCHEMAS = [
  `${EVENT_SCHEMA_PREFIX}training-logs/`,
  `${EVENT_SCHEMA_PREFIX}run-metrics/`,
  `${EVENT_SCHEMA_PREFIX}image-build-logs/`
];

/** Whether an event may change the status or the instance types (e.g. status, job state). */
export function affectsStatus(schemaId: unknown): boolean {
  return (
    isMLStudioEvent(schemaId) &&
    !OUTPUT_EVENT_SCHEMAS.some(prefix =>
      (schemaId as string).startsWith(prefix)
    )
  );
}
