import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import type { EndpointStatus, IEndpointSummary } from '../endpoint-types';
import { formatDateTime, parseTime } from '../format';
import type { EndpointListModel } from '../models/endpoint-list-model';
import { RequestErrorMessage } from './request-error-message';

/** Words shown for each status: SageMaker's names, spaced for reading. */
export function endpointStatusLabel(
  status: EndpointStatus,
  trans: TranslationBundle
): string {
  switch (status) {
    case 'InService':
      return trans.__('In service');
    case 'SystemUpdating':
      return trans.__('System updating');
    case 'RollingBack':
      return trans.__('Rolling back');
    default:
      return trans.__(String(status));
  }
}

/** A coloured pill with an endpoint's status. */
export function EndpointStatusBadge(props: {
  status: EndpointStatus;
  trans: TranslationBundle;
}): JSX.Element {
  const { status, trans } = props;
  return (
    <span
      className={`jp-mlstudio-badge jp-mlstudio-endpoint-status jp-mlstudio-endpoint-status-${String(
        status
      ).toLowerCase()}`}
      data-status={status}
    >
      {endpointStatusLabel(status, trans)}
    </span>
  );
}

/** Props of {@link EndpointsList}. */
export interface IEndpointsListProps {
  model: EndpointListModel;
  trans: TranslationBundle;
  onOpen: (name: string) => void;
}

/**
 * The Endpoints section: every endpoint of the domain with its live status and, per
 * variant, instances in service out of those wanted.
 */
export function EndpointsList(props: IEndpointsListProps): JSX.Element {
  const { model, trans, onOpen } = props;
  const endpoints = model.endpoints;
  let body: JSX.Element;
  if (!model.isLoaded) {
    body = <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>;
  } else if (endpoints.length === 0 && !model.error) {
    body = (
      <div className="jp-mlstudio-empty">
        {trans.__(
          'No endpoints. Deploy a model with %mlstudio deploy, job.deploy() or a model version’s Deploy button.'
        )}
      </div>
    );
  } else {
    body = (
      <ul
        className="jp-mlstudio-endpoints-list"
        aria-label={trans.__('Endpoints')}
      >
        {endpoints.map(item => (
          <EndpointRow
            key={item.endpoint_name}
            endpoint={item}
            trans={trans}
            onOpen={onOpen}
          />
        ))}
      </ul>
    );
  }
  return (
    <div className="jp-mlstudio-endpoints">
      {model.error ? (
        <RequestErrorMessage
          error={model.error}
          trans={trans}
          stale={endpoints.length > 0}
        />
      ) : null}
      {body}
    </div>
  );
}

function EndpointRow(props: {
  endpoint: IEndpointSummary;
  trans: TranslationBundle;
  onOpen: (name: string) => void;
}): JSX.Element {
  const { endpoint, trans, onOpen } = props;
  const variants = endpoint.variants
    .map(
      variant =>
        `${variant.variant_name} ${variant.current_instance_count}/${variant.desired_instance_count}`
    )
    .join(' · ');
  return (
    <li
      className="jp-mlstudio-endpoint-row"
      data-endpoint={endpoint.endpoint_name}
      title={
        endpoint.failure_reason ??
        formatDateTime(parseTime(endpoint.creation_time))
      }
    >
      <button
        type="button"
        className="jp-mlstudio-link jp-mlstudio-endpoint-open"
        onClick={() => onOpen(endpoint.endpoint_name)}
      >
        {endpoint.endpoint_name}
      </button>
      <EndpointStatusBadge status={endpoint.endpoint_status} trans={trans} />
      <div className="jp-mlstudio-endpoint-row-detail">{variants}</div>
    </li>
  );
}
