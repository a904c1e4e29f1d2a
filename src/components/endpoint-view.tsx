import type { TranslationBundle } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import React from 'react';

import type { IEndpointError } from '../endpoint-types';
import { formatClock, formatDateTime, parseTime } from '../format';
import type { EndpointModel } from '../models/endpoint-model';
import { EndpointCharts } from './endpoint-charts';
import { RequestBox } from './endpoint-request-box';
import {
  InstancesTable,
  ScalingEditor,
  VariantsTable
} from './endpoint-variants';
import { EndpointStatusBadge } from './endpoints-list';
import { RequestErrorMessage } from './request-error-message';

/** Props of {@link EndpointView}. */
export interface IEndpointViewProps {
  model: EndpointModel;
  trans: TranslationBundle;
  /** Ask before deleting; true to go ahead. */
  confirmDelete: (name: string) => Promise<boolean>;
}

/**
 * An endpoint's view: status, variants with editable weights, instance health, live
 * invocation and latency charts, autoscaling, recent errors with the model's message, and
 * a request box to try it.
 */
export function EndpointView(props: IEndpointViewProps): JSX.Element {
  return (
    <UseSignal signal={props.model.changed}>
      {() => <EndpointBody {...props} />}
    </UseSignal>
  );
}

function EndpointBody(props: IEndpointViewProps): JSX.Element {
  const { model, trans, confirmDelete } = props;
  const view = model.view;
  if (model.gone) {
    return (
      <div className="jp-mlstudio-endpoint-view jp-mlstudio-empty">
        {trans.__('Endpoint %1 does not exist (any more).', model.name)}
      </div>
    );
  }
  if (!view) {
    return (
      <div className="jp-mlstudio-endpoint-view">
        {model.error ? (
          <RequestErrorMessage
            error={model.error}
            trans={trans}
            stale={false}
          />
        ) : (
          <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>
        )}
      </div>
    );
  }
  const editable = view.endpoint_status === 'InService';
  return (
    <div
      className="jp-mlstudio-endpoint-view"
      data-endpoint={view.endpoint_name}
    >
      <div className="jp-mlstudio-job-header">
        <h2>{view.endpoint_name}</h2>
        <EndpointStatusBadge status={view.endpoint_status} trans={trans} />
        <button
          type="button"
          className="jp-mlstudio-button jp-mod-styled jp-mod-warn jp-mlstudio-endpoint-delete"
          disabled={view.endpoint_status === 'Deleting'}
          onClick={async () => {
            if (await confirmDelete(view.endpoint_name)) {
              await model.remove();
            }
          }}
        >
          {trans.__('Delete')}
        </button>
      </div>
      <div className="jp-mlstudio-endpoint-facts">
        {trans.__(
          'Config %1, created %2',
          view.endpoint_config_name,
          formatDateTime(parseTime(view.creation_time))
        )}
        {view.pending_endpoint_config_name
          ? ` · ${trans.__('rolling out %1', view.pending_endpoint_config_name)}`
          : ''}
      </div>
      {view.failure_reason ? (
        <pre className="jp-mlstudio-error jp-mlstudio-failure-reason">
          {view.failure_reason}
        </pre>
      ) : null}
      {model.error ? (
        <RequestErrorMessage error={model.error} trans={trans} stale />
      ) : null}
      <h3 className="jp-mlstudio-subheading">{trans.__('Variants')}</h3>
      <VariantsTable
        variants={view.variants}
        editable={editable}
        trans={trans}
        onWeights={weights => void model.setWeights(weights)}
      />
      <h3 className="jp-mlstudio-subheading">{trans.__('Instances')}</h3>
      <InstancesTable variants={view.variants} trans={trans} />
      <h3 className="jp-mlstudio-subheading">{trans.__('Traffic')}</h3>
      <EndpointCharts
        metrics={model.metrics}
        version={model.version}
        trans={trans}
      />
      <h3 className="jp-mlstudio-subheading">{trans.__('Autoscaling')}</h3>
      {view.variants.map(variant => (
        <ScalingEditor
          key={variant.variant_name}
          variant={variant}
          editable={editable}
          trans={trans}
          onSave={policy => void model.setScaling(variant.variant_name, policy)}
        />
      ))}
      <h3 className="jp-mlstudio-subheading">{trans.__('Try it')}</h3>
      <RequestBox
        variants={view.variants.map(variant => variant.variant_name)}
        trans={trans}
        invoke={call => model.invoke(call)}
      />
      <h3 className="jp-mlstudio-subheading">{trans.__('Recent errors')}</h3>
      <ErrorsList errors={view.recent_errors} trans={trans} />
    </div>
  );
}

function ErrorsList(props: {
  errors: readonly IEndpointError[];
  trans: TranslationBundle;
}): JSX.Element {
  const { errors, trans } = props;
  if (errors.length === 0) {
    return <div className="jp-mlstudio-empty">{trans.__('None.')}</div>;
  }
  return (
    <ul className="jp-mlstudio-endpoint-errors">
      {errors.map((error, index) => (
        <li key={`${error.time}-${index}`} data-kind={error.kind}>
          <span className="jp-mlstudio-error-time">
            {formatClock(error.time)}
          </span>{' '}
          <strong>{error.kind}</strong>
          {error.variant_name ? ` (${error.variant_name})` : ''}
          {error.status ? ` ${error.status}` : ''}
          <pre className="jp-mlstudio-error-message">{error.message}</pre>
        </li>
      ))}
    </ul>
  );
}
