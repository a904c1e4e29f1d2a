import { PathExt } from '@jupyterlab/coreutils';
import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { formatBytesAsGiB, formatNumber } from '../format';
import type { ICapacityReport, IReservation } from '../tokens';

/** Props of {@link CapacityView}. */
export interface ICapacityViewProps {
  capacity: ICapacityReport;
  trans: TranslationBundle;
}

/**
 * What kernels and jobs hold of the host: memory and GPUs (exclusive), vCPUs (shared),
 * then one row per holder (its notebook or job, kind, instance type and owner), compact
 * enough for the sidebar.
 */
export function CapacityView(props: ICapacityViewProps): JSX.Element {
  const { capacity, trans } = props;
  return (
    <div className="jp-mlstudio-capacity">
      <dl className="jp-mlstudio-facts">
        <dt>{trans.__('Memory')}</dt>
        <dd className="jp-mlstudio-capacity-memory">
          {trans.__(
            '%1 of %2',
            formatBytesAsGiB(capacity.memory_reserved_bytes),
            formatBytesAsGiB(capacity.memory_bytes)
          )}
        </dd>
        <dt>{trans.__('GPUs')}</dt>
        <dd className="jp-mlstudio-capacity-gpus">
          {capacity.gpus.length === 0
            ? trans.__('none')
            : trans.__(
                '%1 of %2',
                capacity.gpus_reserved.length,
                capacity.gpus.length
              )}
        </dd>
        <dt>{trans.__('vCPUs')}</dt>
        <dd
          className="jp-mlstudio-capacity-cpus"
          title={trans.__('CPUs are shared: kernels and jobs may use the same')}
        >
          {trans.__(
            '%1 on %2 shared CPUs',
            formatNumber(capacity.vcpus_reserved),
            capacity.cpus
          )}
        </dd>
      </dl>
      {capacity.reservations.length === 0 ? (
        <div className="jp-mlstudio-summary jp-mlstudio-capacity-empty">
          {trans.__('Nothing is reserved.')}
        </div>
      ) : (
        <table className="jp-mlstudio-table jp-mlstudio-reservations">
          <thead>
            <tr>
              <th scope="col">{trans.__('Held by')}</th>
              <th
                scope="col"
                className="jp-mlstudio-numeric"
                title={trans.__('Memory in GiB')}
              >
                {trans.__('GiB')}
              </th>
              <th scope="col" className="jp-mlstudio-numeric">
                {trans.__('GPU')}
              </th>
              <th scope="col" className="jp-mlstudio-numeric">
                {trans.__('vCPU')}
              </th>
            </tr>
          </thead>
          <tbody>
            {capacity.reservations.map(item => (
              <ReservationRow
                key={`${item.kind}:${item.name}`}
                item={item}
                trans={trans}
              />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ReservationRow(props: {
  item: IReservation;
  trans: TranslationBundle;
}): JSX.Element {
  const { item, trans } = props;
  const cpus = item.cpus.length
    ? trans.__('pinned to CPUs %1', item.cpus.join(', '))
    : undefined;
  return (
    <tr
      className="jp-mlstudio-reservation"
      data-kind={item.kind}
      title={trans.__('%1 %2, owned by %3', item.kind, item.name, item.owner)}
    >
      <td>
        <span className="jp-mlstudio-reservation-name">
          {item.kind === 'kernel' ? PathExt.basename(item.name) : item.name}
        </span>
        <div className="jp-mlstudio-reservation-detail">
          {trans.__(
            '%1 · %2 · %3',
            kindLabel(item.kind, trans),
            item.instance_type,
            item.owner
          )}
        </div>
      </td>
      <td className="jp-mlstudio-numeric">
        {item.memory_bytes ? formatNumber(item.memory_bytes / 1024 ** 3) : '–'}
      </td>
      <td className="jp-mlstudio-numeric">
        {item.gpus.length ? item.gpus.join(', ') : '–'}
      </td>
      <td className="jp-mlstudio-numeric" title={cpus}>
        {formatNumber(item.vcpus)}
      </td>
    </tr>
  );
}

/** "kernel" → "Kernel", "training-job" → "Training job". */
export function kindLabel(kind: string, trans: TranslationBundle): string {
  switch (kind) {
    case 'kernel':
      return trans.__('Kernel');
    case 'training-job':
      return trans.__('Training job');
    default: {
      const words = kind.replace(/-/g, ' ');
      return words.charAt(0).toUpperCase() + words.slice(1);
    }
  }
}
