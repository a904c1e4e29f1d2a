import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { formatNumber } from '../format';
import type { IdleTimeoutsModel } from '../models/idle-timeouts-model';
import type { IInstanceType, IInstanceTypeList } from '../tokens';
import { IdleTimeoutEditor } from './idle-timeout-editor';

/** Props of {@link InstanceTypesTable}. */
export interface IInstanceTypesTableProps {
  catalogue: IInstanceTypeList;
  trans: TranslationBundle;
  /** Idle timeouts of notebook kernels, editable per type; no column without. */
  idleTimeouts?: IdleTimeoutsModel | null;
}

/**
 * The instance-type catalogue as a compact table. Types this host cannot run are
 * dimmed and say why; the default type is tagged. With the idle-timeouts model, each
 * row shows and edits how long its kernels may stay idle.
 */
export function InstanceTypesTable(
  props: IInstanceTypesTableProps
): JSX.Element {
  const { catalogue, trans, idleTimeouts } = props;
  const types = catalogue.instance_types;
  const available = types.filter(type => type.available).length;
  return (
    <div className="jp-mlstudio-instance-types">
      <div className="jp-mlstudio-summary">
        {trans.__('%1 of %2 can run on this host', available, types.length)}
      </div>
      <table className="jp-mlstudio-table">
        <thead>
          <tr>
            <th scope="col">{trans.__('Name')}</th>
            <th scope="col" className="jp-mlstudio-numeric">
              {trans.__('vCPU')}
            </th>
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
            {idleTimeouts ? (
              <th
                scope="col"
                className="jp-mlstudio-numeric"
                title={trans.__(
                  'Notebook kernels are shut down after this long idle (0 = never). Click a value to change it.'
                )}
              >
                {trans.__('Idle')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {types.map(type => (
            <InstanceTypeRow
              key={type.name}
              type={type}
              isDefault={type.name === catalogue.default}
              idleTimeouts={idleTimeouts ?? null}
              trans={trans}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InstanceTypeRow(props: {
  type: IInstanceType;
  isDefault: boolean;
  idleTimeouts: IdleTimeoutsModel | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { type, isDefault, idleTimeouts, trans } = props;
  const className = type.available
    ? 'jp-mlstudio-instance-type'
    : 'jp-mlstudio-instance-type jp-mlstudio-is-unavailable';
  const tooltip = type.available
    ? type.description
    : trans.__('%1. Not available: %2', type.description, type.reason ?? '');
  return (
    <tr className={className} data-instance-type={type.name} title={tooltip}>
      <td>
        <span className="jp-mlstudio-instance-type-name">{type.name}</span>
        {isDefault ? (
          <span
            className="jp-mlstudio-default-tag"
            title={trans.__('Used when a job names no instance type')}
          >
            {trans.__('default')}
          </span>
        ) : null}
        {!type.available && type.reason ? (
          <div className="jp-mlstudio-reason">{type.reason}</div>
        ) : null}
      </td>
      <td
        className={`jp-mlstudio-numeric${type.note ? ' jp-mlstudio-has-note' : ''}`}
        title={type.note ?? undefined}
      >
        {formatNumber(type.vcpus)}
      </td>
      <td className="jp-mlstudio-numeric">{formatNumber(type.memory_gib)}</td>
      <td className="jp-mlstudio-numeric" title={type.gpu_name ?? undefined}>
        {type.gpus > 0 ? type.gpus : '–'}
      </td>
      {idleTimeouts ? (
        <td className="jp-mlstudio-numeric jp-mlstudio-idle-cell">
          <IdleTimeoutEditor
            instanceType={type.name}
            model={idleTimeouts}
            trans={trans}
          />
        </td>
      ) : null}
    </tr>
  );
}
