import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';

import { formatNumber } from '../format';
import type { IdleTimeoutsModel } from '../models/idle-timeouts-model';
import type { IInstanceType, IInstanceTypeList } from '../tokens';
import { IdleTimeoutEditor } from './idle-timeout-editor';
import { Popover } from './popover';

/** Props of {@link InstanceTypesList}. */
export interface IInstanceTypesListProps {
  catalogue: IInstanceTypeList;
  trans: TranslationBundle;
  /** Idle timeouts of notebook kernels, shown and edited in each type's details. */
  idleTimeouts?: IdleTimeoutsModel | null;
}

/** "2 vCPU · 8 GiB", with the GPUs when there are any. */
export function describeResources(
  type: IInstanceType,
  trans: TranslationBundle
): string {
  const parts = [
    trans.__('%1 vCPU', formatNumber(type.vcpus)),
    trans.__('%1 GiB', formatNumber(type.memory_gib))
  ];
  if (type.gpus > 0) {
    parts.push(trans._n('%1 GPU', '%1 GPUs', type.gpus));
  }
  return parts.join(' · ');
}

/** "4 of 9 usable here". */
export function instanceTypesSummary(
  catalogue: IInstanceTypeList,
  trans: TranslationBundle
): string {
  const types = catalogue.instance_types;
  const available = types.filter(type => type.available).length;
  return trans.__('%1 of %2 usable here', available, types.length);
}

/**
 * The instance-type catalogue as a compact list, one line per type (its name and what it
 * offers); types this host cannot run are dimmed. A click opens the type's details beside
 * the list: its description, why it cannot run, its GPU, and the idle timeout of its
 * notebook kernels (editable).
 */
export function InstanceTypesList(props: IInstanceTypesListProps): JSX.Element {
  const { catalogue, trans, idleTimeouts } = props;
  const [open, setOpen] = useState<{
    name: string;
    anchor: HTMLElement;
  } | null>(null);
  const shown = open
    ? catalogue.instance_types.find(type => type.name === open.name)
    : undefined;
  return (
    <div className="jp-mlstudio-instance-types">
      <ul className="jp-mlstudio-instance-type-list">
        {catalogue.instance_types.map(type => (
          <li key={type.name}>
            <button
              type="button"
              className={`jp-mlstudio-instance-type${type.available ? '' : ' jp-mlstudio-is-unavailable'}${open?.name === type.name ? ' jp-mod-active' : ''}`}
              data-instance-type={type.name}
              aria-haspopup="dialog"
              aria-expanded={open?.name === type.name}
              title={
                type.available
                  ? type.description
                  : trans.__('Not available here: %1', type.reason ?? '')
              }
              onClick={event => {
                const anchor = event.currentTarget;
                setOpen(current =>
                  current?.name === type.name
                    ? null
                    : { name: type.name, anchor }
                );
              }}
            >
              <span className="jp-mlstudio-instance-type-name">
                {type.name}
              </span>
              {type.name === catalogue.default ? (
                <span className="jp-mlstudio-default-tag">
                  {trans.__('default')}
                </span>
              ) : null}
              <span className="jp-mlstudio-instance-type-resources">
                {describeResources(type, trans)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {open && shown ? (
        <Popover
          anchor={open.anchor}
          label={trans.__('Instance type %1', shown.name)}
          className="jp-mlstudio-instance-type-detail"
          onClose={() => setOpen(null)}
        >
          <InstanceTypeDetail
            type={shown}
            isDefault={shown.name === catalogue.default}
            idleTimeouts={idleTimeouts ?? null}
            trans={trans}
          />
        </Popover>
      ) : null}
    </div>
  );
}

/** Everything about one instance type. */
function InstanceTypeDetail(props: {
  type: IInstanceType;
  isDefault: boolean;
  idleTimeouts: IdleTimeoutsModel | null;
  trans: TranslationBundle;
}): JSX.Element {
  const { type, isDefault, idleTimeouts, trans } = props;
  return (
    <div data-instance-type={type.name}>
      <div className="jp-mlstudio-popover-title">
        {type.name}
        {isDefault ? (
          <span
            className="jp-mlstudio-default-tag"
            title={trans.__('Used when a job names no instance type')}
          >
            {trans.__('default')}
          </span>
        ) : null}
      </div>
      {type.description ? <p>{type.description}</p> : null}
      {type.available ? null : (
        <div className="jp-mlstudio-reason" role="note">
          {trans.__('Not available here: %1', type.reason ?? '')}
        </div>
      )}
      <dl className="jp-mlstudio-facts">
        <dt>{trans.__('vCPUs')}</dt>
        <dd>
          {formatNumber(type.vcpus)}
          {type.note ? (
            <div className="jp-mlstudio-field-hint">{type.note}</div>
          ) : null}
        </dd>
        <dt>{trans.__('Memory')}</dt>
        <dd>{trans.__('%1 GiB', formatNumber(type.memory_gib))}</dd>
        <dt>{trans.__('GPUs')}</dt>
        <dd>
          {type.gpus > 0
            ? `${type.gpus}${type.gpu_name ? ` × ${type.gpu_name}` : ''}`
            : trans.__('none')}
        </dd>
        {idleTimeouts ? (
          <>
            <dt
              title={trans.__(
                'Notebook kernels are shut down after this long idle (0 = never). Click the value to change it.'
              )}
            >
              {trans.__('Idle shutdown')}
            </dt>
            <dd className="jp-mlstudio-idle-cell">
              <IdleTimeoutEditor
                instanceType={type.name}
                model={idleTimeouts}
                trans={trans}
              />
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
