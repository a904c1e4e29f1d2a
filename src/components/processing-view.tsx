import type { TranslationBundle } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import React from 'react';

import { formatDateTime, formatDuration, parseTime } from '../format';
import { hasEnded } from '../models/job-detail-model';
import {
  commandLine,
  IProcessingChannel,
  processingInputs,
  processingOutputs,
  ProcessingJobModel
} from '../models/processing-job-models';
import type { IProcessingJobDetail } from '../processing-types';
import { FailureReason, JobLogSection, JobViewHeader } from './job-view-parts';
import { LoadingState } from './model-state';
import { RequestErrorMessage } from './request-error-message';
import { useNow } from './use-now';

/** Props of {@link ProcessingView}. */
export interface IProcessingViewProps {
  model: ProcessingJobModel;
  trans: TranslationBundle;
  /** Ask before stopping; without it Stop stops at once. */
  confirmStop?: (name: string) => Promise<boolean>;
}

/**
 * A processing job: status and Stop, the failure reason and exit message, its times, the
 * container (image, entrypoint, arguments), instances, inputs and outputs (container path
 * and S3 URI), and each host's live log.
 */
export function ProcessingView(props: IProcessingViewProps): JSX.Element {
  const { model, trans } = props;
  return (
    <UseSignal signal={model.changed}>
      {() => {
        const detail = model.detail;
        if (!detail) {
          return (
            <div className="jp-mlstudio-job-view jp-mlstudio-processing-view">
              <h2 className="jp-mlstudio-job-title">{model.name}</h2>
              <LoadingState error={model.error} trans={trans} />
            </div>
          );
        }
        const status = detail.processing_job_status;
        const ended = hasEnded(status);
        return (
          <div
            className="jp-mlstudio-job-view jp-mlstudio-processing-view"
            data-job-name={detail.processing_job_name}
            data-status={status}
          >
            <JobViewHeader
              model={model}
              trans={trans}
              kindTitle={trans.__('Processing job')}
              arn={detail.processing_job_arn}
              statusMessage={detail.status_message}
              stopTitle={trans.__(
                'Stop the job: its containers are stopped; outputs are not uploaded'
              )}
              confirmStop={props.confirmStop}
            />
            {model.error ? (
              <RequestErrorMessage error={model.error} trans={trans} stale />
            ) : null}
            {status === 'Failed' ? (
              <FailureReason reason={detail.failure_reason} trans={trans} />
            ) : null}
            {detail.exit_message ? (
              <div className="jp-mlstudio-processing-exit">
                <div className="jp-mlstudio-processing-exit-heading">
                  {trans.__('Exit message')}
                </div>
                <pre className="jp-mlstudio-processing-exit-message">
                  {detail.exit_message}
                </pre>
              </div>
            ) : null}
            <div className="jp-mlstudio-job-columns">
              <div className="jp-mlstudio-job-main">
                <JobLogSection model={model} trans={trans} ended={ended} />
                <ChannelTable
                  title={trans.__('Inputs')}
                  kind="input"
                  channels={processingInputs(detail)}
                  trans={trans}
                />
                <ChannelTable
                  title={trans.__('Outputs')}
                  kind="output"
                  channels={processingOutputs(detail)}
                  trans={trans}
                />
              </div>
              <div className="jp-mlstudio-job-side">
                <ProcessingTimes detail={detail} trans={trans} />
                <ProcessingOverview detail={detail} trans={trans} />
              </div>
            </div>
          </div>
        );
      }}
    </UseSignal>
  );
}

/** Created, started, ended and how long it ran (this kind keeps no transitions). */
function ProcessingTimes(props: {
  detail: IProcessingJobDetail;
  trans: TranslationBundle;
}): JSX.Element {
  const { detail, trans } = props;
  const started = parseTime(detail.processing_start_time);
  const ended = parseTime(detail.processing_end_time);
  const now = useNow(hasEnded(detail.processing_job_status) ? 3_600_000 : 1000);
  const time = (value: number): string =>
    Number.isFinite(value) ? formatDateTime(value) : '—';
  return (
    <section className="jp-mlstudio-job-section">
      <h3 className="jp-mlstudio-subheading">{trans.__('Status and times')}</h3>
      <dl className="jp-mlstudio-facts jp-mlstudio-job-facts">
        <dt>{trans.__('Status')}</dt>
        <dd data-fact="status">
          {detail.processing_job_status}
          {detail.status_message ? ` · ${detail.status_message}` : ''}
        </dd>
        <dt>{trans.__('Created')}</dt>
        <dd data-fact="created">{time(parseTime(detail.creation_time))}</dd>
        <dt>{trans.__('Started')}</dt>
        <dd data-fact="started">{time(started)}</dd>
        <dt>{trans.__('Ended')}</dt>
        <dd data-fact="ended">{time(ended)}</dd>
        <dt>{trans.__('Run time')}</dt>
        <dd data-fact="run-time">
          {Number.isFinite(started)
            ? formatDuration((Number.isFinite(ended) ? ended : now) - started)
            : '—'}
        </dd>
      </dl>
    </section>
  );
}

/** The container, its instances and limits. */
function ProcessingOverview(props: {
  detail: IProcessingJobDetail;
  trans: TranslationBundle;
}): JSX.Element {
  const { detail, trans } = props;
  const spec = detail.app_specification;
  const cluster = detail.processing_resources.cluster_config;
  const limit = detail.stopping_condition?.max_runtime_in_seconds;
  const environment = Object.entries(detail.environment ?? {});
  return (
    <section className="jp-mlstudio-job-section">
      <h3 className="jp-mlstudio-subheading">{trans.__('Container')}</h3>
      <dl className="jp-mlstudio-facts jp-mlstudio-job-facts">
        <dt>{trans.__('Image')}</dt>
        <dd className="jp-mlstudio-uri" data-fact="image">
          {spec.image_uri}
        </dd>
        <dt>{trans.__('Entrypoint')}</dt>
        <dd className="jp-mlstudio-uri" data-fact="entrypoint">
          {commandLine(spec.container_entrypoint) ??
            trans.__("The image's own")}
        </dd>
        <dt>{trans.__('Arguments')}</dt>
        <dd className="jp-mlstudio-uri" data-fact="arguments">
          {commandLine(spec.container_arguments) ?? '—'}
        </dd>
        <dt>{trans.__('Instances')}</dt>
        <dd className="jp-mlstudio-job-instances" data-fact="instances">
          {cluster.instance_count > 1
            ? trans.__('%1 × %2', cluster.instance_count, cluster.instance_type)
            : cluster.instance_type}
        </dd>
        <dt>{trans.__('Volume')}</dt>
        <dd data-fact="volume">
          {trans.__('%1 GB', cluster.volume_size_in_gb)}
        </dd>
        <dt>{trans.__('Max run time')}</dt>
        <dd data-fact="max-runtime">
          {limit ? formatDuration(limit * 1000) : '—'}
        </dd>
        <dt>{trans.__('Backend')}</dt>
        <dd className="jp-mlstudio-job-backend" data-fact="backend">
          {detail.backend ?? ''}
        </dd>
        {environment.length ? (
          <>
            <dt>{trans.__('Environment')}</dt>
            <dd className="jp-mlstudio-uri" data-fact="environment">
              {environment.map(([key, value]) => (
                <div key={key}>{`${key}=${value}`}</div>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/** Inputs or outputs: name, container path, S3 URI and how the data moves. */
function ChannelTable(props: {
  title: string;
  kind: 'input' | 'output';
  channels: IProcessingChannel[];
  trans: TranslationBundle;
}): JSX.Element {
  const { title, kind, channels, trans } = props;
  return (
    <section
      className="jp-mlstudio-job-section jp-mlstudio-processing-channels"
      data-channels={kind}
    >
      <h3 className="jp-mlstudio-subheading">{title}</h3>
      {channels.length === 0 ? (
        <div className="jp-mlstudio-empty">
          {kind === 'input' ? trans.__('No inputs') : trans.__('No outputs')}
        </div>
      ) : (
        <table className="jp-mlstudio-table">
          <thead>
            <tr>
              <th>{trans.__('Name')}</th>
              <th>{trans.__('Local path')}</th>
              <th>{trans.__('S3 URI')}</th>
              <th>{trans.__('Mode')}</th>
            </tr>
          </thead>
          <tbody>
            {channels.map(channel => (
              <tr key={channel.name} data-channel={channel.name}>
                <td>{channel.name}</td>
                <td className="jp-mlstudio-uri" data-field="local-path">
                  {channel.localPath ?? '—'}
                </td>
                <td className="jp-mlstudio-uri" data-field="s3-uri">
                  {channel.s3Uri ?? trans.__('managed by the app')}
                </td>
                <td data-field="mode">{channel.mode ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
