import type { TranslationBundle } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import React, { useEffect, useState } from 'react';

import { formatDateTime, formatDuration, parseTime } from '../format';
import { isTerminal } from '../models/training-job-model';
import {
  TransformJobModel,
  transformProgressText
} from '../models/transform-job-models';
import type { ITransformJobDetail } from '../transform-types';
import { Timeline } from './job-details';
import { FailureReason, JobLogSection, JobViewHeader } from './job-view-parts';
import { LoadingState } from './model-state';
import { RequestErrorMessage } from './request-error-message';
import { useNow } from './use-now';

/** Props of {@link TransformView}. */
export interface ITransformViewProps {
  model: TransformJobModel;
  trans: TranslationBundle;
  /** Ask before stopping; without it Stop stops at once. */
  confirmStop?: (name: string) => Promise<boolean>;
  /** The endpoints that serve a model (their names); without it none are shown. */
  endpointsServing?: (model: string) => Promise<string[]>;
  /** Open an endpoint's view. */
  onOpenEndpoint?: (name: string) => void;
}

/**
 * A batch transform job: status and Stop, the failure reason, its state machine's
 * timeline, progress, the model (and the endpoints serving it), input and output, split and
 * batch strategy, instances, and each instance's live log.
 */
export function TransformView(props: ITransformViewProps): JSX.Element {
  const { model, trans } = props;
  return (
    <UseSignal signal={model.changed}>
      {() => {
        const detail = model.detail;
        if (!detail) {
          return (
            <div className="jp-mlstudio-job-view jp-mlstudio-transform-view">
              <h2 className="jp-mlstudio-job-title">{model.name}</h2>
              <LoadingState error={model.error} trans={trans} />
            </div>
          );
        }
        const ended = isTerminal(detail.transform_job_status);
        return (
          <div
            className="jp-mlstudio-job-view jp-mlstudio-transform-view"
            data-job-name={detail.transform_job_name}
            data-status={detail.transform_job_status}
          >
            <JobViewHeader
              model={model}
              trans={trans}
              kindTitle={trans.__('Transform job')}
              arn={detail.transform_job_arn}
              statusMessage={detail.status_message}
              stopTitle={trans.__(
                'Stop the job: no new requests, its instances are stopped'
              )}
              confirmStop={props.confirmStop}
            />
            {model.error ? (
              <RequestErrorMessage error={model.error} trans={trans} stale />
            ) : null}
            {detail.transform_job_status === 'Failed' ? (
              <FailureReason reason={detail.failure_reason} trans={trans} />
            ) : null}
            <div className="jp-mlstudio-job-columns">
              <div className="jp-mlstudio-job-main">
                <JobLogSection model={model} trans={trans} ended={ended} />
              </div>
              <div className="jp-mlstudio-job-side">
                <section className="jp-mlstudio-job-section">
                  <h3 className="jp-mlstudio-subheading">
                    {trans.__('Status timeline')}
                  </h3>
                  <Timeline
                    transitions={detail.status_transitions}
                    ended={ended}
                    trans={trans}
                  />
                </section>
                <TransformOverview {...props} detail={detail} />
              </div>
            </div>
          </div>
        );
      }}
    </UseSignal>
  );
}

function TransformOverview(
  props: ITransformViewProps & { detail: ITransformJobDetail }
): JSX.Element {
  const { detail, trans, endpointsServing, onOpenEndpoint } = props;
  const input = detail.transform_input;
  const output = detail.transform_output;
  const resources = detail.transform_resources;
  const started = parseTime(detail.transform_start_time);
  const ended = parseTime(detail.transform_end_time);
  const now = useNow(
    isTerminal(detail.transform_job_status) ? 3_600_000 : 1000
  );
  const progress = transformProgressText(detail);
  const endpoints = useEndpoints(detail.model_name, endpointsServing);
  return (
    <section className="jp-mlstudio-job-section">
      <h3 className="jp-mlstudio-subheading">{trans.__('Overview')}</h3>
      <dl className="jp-mlstudio-facts jp-mlstudio-job-facts">
        <dt>{trans.__('Progress')}</dt>
        <dd data-fact="progress">
          {progress ?? trans.__('Listing the input…')}
        </dd>
        <dt>{trans.__('Model')}</dt>
        <dd data-fact="model">{detail.model_name}</dd>
        {detail.model_data_url ? (
          <>
            <dt>{trans.__('Model artifact')}</dt>
            <dd className="jp-mlstudio-uri" data-fact="model-artifact">
              {detail.model_data_url}
            </dd>
          </>
        ) : null}
        {endpoints.length ? (
          <>
            <dt>{trans.__("Model's endpoints")}</dt>
            <dd data-fact="endpoints">
              {endpoints.map(name => (
                <button
                  key={name}
                  type="button"
                  className="jp-mlstudio-link jp-mlstudio-endpoint-link"
                  title={trans.__('Open endpoint %1', name)}
                  onClick={() => onOpenEndpoint?.(name)}
                >
                  {name}
                </button>
              ))}
            </dd>
          </>
        ) : null}
        <dt>{trans.__('Input')}</dt>
        <dd className="jp-mlstudio-uri" data-fact="input">
          {input.data_source.s3_data_source.s3_uri}
        </dd>
        <dt>{trans.__('Output')}</dt>
        <dd className="jp-mlstudio-uri" data-fact="output">
          {output.s3_output_path}
        </dd>
        <dt>{trans.__('Split / batch')}</dt>
        <dd data-fact="strategy">
          {trans.__(
            'Split %1, %2',
            input.split_type ?? 'None',
            detail.batch_strategy ?? trans.__('one request per object')
          )}
        </dd>
        <dt>{trans.__('Instances')}</dt>
        <dd className="jp-mlstudio-job-instances" data-fact="instances">
          {resources.instance_count > 1
            ? trans.__(
                '%1 × %2',
                resources.instance_count,
                resources.instance_type
              )
            : resources.instance_type}
        </dd>
        <dt>{trans.__('Backend')}</dt>
        <dd className="jp-mlstudio-job-backend">{detail.backend ?? ''}</dd>
        <dt>{trans.__('Created')}</dt>
        <dd data-fact="created">
          {formatDateTime(parseTime(detail.creation_time))}
        </dd>
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

/** The endpoints serving `model`, read once per model. */
function useEndpoints(
  model: string,
  endpointsServing?: (model: string) => Promise<string[]>
): string[] {
  const [endpoints, setEndpoints] = useState<string[]>([]);
  useEffect(() => {
    let current = true;
    if (endpointsServing) {
      endpointsServing(model)
        .then(names => current && setEndpoints(names))
        .catch(() => {
          // Without the list the view shows no links; the job itself is unaffected.
        });
    }
    return () => {
      current = false;
    };
  }, [model, endpointsServing]);
  return endpoints;
}
