import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { bytesToGiB, formatBytesAsGiB } from '../format';
import type { IBackendStatus, IGpu, IStatus } from '../tokens';
import { AvailabilityBadge } from './availability-badge';
import { CapacityView } from './capacity-view';

/** Props of {@link StatusView}. */
export interface IStatusViewProps {
  status: IStatus;
  trans: TranslationBundle;
}

/**
 * What the server runs on: version, runtime backends, host resources, what kernels and
 * jobs have reserved of it, stores.
 */
export function StatusView(props: IStatusViewProps): JSX.Element {
  const { status, trans } = props;
  const { host, store, object_store: objectStore } = status;
  return (
    <div className="jp-mlstudio-status">
      <dl className="jp-mlstudio-facts">
        <dt>{trans.__('Version')}</dt>
        <dd className="jp-mlstudio-version">{status.version}</dd>
        <dt>{trans.__('User')}</dt>
        <dd
          title={trans.__('domain %1, space %2', status.domain, status.space)}
        >
          {status.user}
        </dd>
      </dl>

      <h3 className="jp-mlstudio-subheading">{trans.__('Runtime backends')}</h3>
      <ul className="jp-mlstudio-backends">
        {status.backends.map(backend => (
          <BackendItem key={backend.name} backend={backend} trans={trans} />
        ))}
      </ul>

      <h3 className="jp-mlstudio-subheading">{trans.__('Host')}</h3>
      <dl className="jp-mlstudio-facts jp-mlstudio-host">
        <dt>{trans.__('CPUs')}</dt>
        <dd className="jp-mlstudio-host-cpus">{host.cpus}</dd>
        <dt>{trans.__('Memory')}</dt>
        <dd className="jp-mlstudio-host-memory">
          {formatBytesAsGiB(host.memory_bytes)}
        </dd>
        <dt>{trans.__('GPUs')}</dt>
        <dd className="jp-mlstudio-host-gpus">
          {host.gpus.length === 0 ? (
            trans.__('none')
          ) : (
            <ul className="jp-mlstudio-gpus">
              {host.gpus.map(gpu => (
                <li key={gpu.uuid ?? gpu.index}>{describeGpu(gpu)}</li>
              ))}
            </ul>
          )}
        </dd>
      </dl>

      <h3 className="jp-mlstudio-subheading">{trans.__('Reserved')}</h3>
      <CapacityView capacity={status.capacity} trans={trans} />

      <h3 className="jp-mlstudio-subheading">{trans.__('Storage')}</h3>
      <dl className="jp-mlstudio-facts jp-mlstudio-storage">
        <dt>{trans.__('Records')}</dt>
        <dd className="jp-mlstudio-store" title={store.url}>
          {store.revision
            ? trans.__('%1 (revision %2)', store.dialect, store.revision)
            : store.dialect}
        </dd>
        <dt>{trans.__('Objects')}</dt>
        <dd
          className="jp-mlstudio-object-store jp-mlstudio-uri"
          title={trans.__('schemes: %1', objectStore.schemes.join(', '))}
        >
          {objectStore.default_root}
        </dd>
      </dl>
    </div>
  );
}

/** One runtime backend with its badge and why it is (un)usable. */
function BackendItem(props: {
  backend: IBackendStatus;
  trans: TranslationBundle;
}): JSX.Element {
  const { backend, trans } = props;
  const explanation = backend.available ? backend.detail : backend.reason;
  return (
    <li className="jp-mlstudio-backend" data-backend={backend.name}>
      <div className="jp-mlstudio-backend-header">
        <span className="jp-mlstudio-backend-name">{backend.name}</span>
        <AvailabilityBadge available={backend.available} trans={trans} />
      </div>
      {explanation ? (
        <div className="jp-mlstudio-backend-explanation">{explanation}</div>
      ) : null}
      {(backend.warnings ?? []).map(warning => (
        <div
          key={warning}
          className="jp-mlstudio-backend-warning"
          role="alert"
          title={trans.__('Warning')}
        >
          {trans.__('Warning: %1', warning)}
        </div>
      ))}
    </li>
  );
}

/** "NVIDIA A10G (22 GiB)" or just the name when the memory is unknown. */
export function describeGpu(gpu: IGpu): string {
  return gpu.memory_bytes
    ? `${gpu.name} (${bytesToGiB(gpu.memory_bytes, 0)} GiB)`
    : gpu.name;
}
