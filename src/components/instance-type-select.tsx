import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { formatNumber } from '../format';
import type { IInstanceType, IInstanceTypeList } from '../tokens';

/** Props of {@link InstanceTypeSelect}. */
export interface IInstanceTypeSelectProps {
  id: string;
  /** The chosen type's name. */
  value: string;
  /** The catalogue, or null while it is read. */
  instanceTypes: IInstanceTypeList | null;
  invalid: boolean;
  trans: TranslationBundle;
  onChange: (value: string) => void;
  onBlur: () => void;
}

/**
 * The instance types of the catalogue, with their size; a type this host cannot run
 * is listed, disabled, with the reason.
 */
export function InstanceTypeSelect(
  props: IInstanceTypeSelectProps
): JSX.Element {
  const { id, value, instanceTypes, invalid, trans } = props;
  return (
    <select
      id={id}
      className="jp-mod-styled"
      value={value}
      aria-invalid={invalid}
      onChange={event => props.onChange(event.target.value)}
      onBlur={props.onBlur}
    >
      {!instanceTypes ? <option value="">{trans.__('Loading…')}</option> : null}
      {instanceTypes?.instance_types.map(type => (
        <option
          key={type.name}
          value={type.name}
          disabled={!type.available}
          title={type.reason ?? type.description}
        >
          {type.available
            ? `${type.name} (${sizeOf(type, trans)})`
            : trans.__('%1 – unavailable: %2', type.name, type.reason ?? '')}
        </option>
      ))}
    </select>
  );
}

/** The hint under the select: the type's description and what it gets on this host. */
export function describeInstanceType(
  type: IInstanceType,
  trans: TranslationBundle
): string {
  const parts = [type.description];
  if (type.note) {
    parts.push(type.note);
  } else if (!type.local) {
    parts.push(
      trans.__('%1 vCPU on this host', formatNumber(type.effective_vcpus))
    );
  }
  return parts.join(' · ');
}

/** "2 vCPU, 8 GiB" or "4 vCPU, 16 GiB, 1 GPU". */
function sizeOf(type: IInstanceType, trans: TranslationBundle): string {
  const size = trans.__(
    '%1 vCPU, %2 GiB',
    formatNumber(type.vcpus),
    formatNumber(type.memory_gib)
  );
  return type.gpus > 0 ? trans.__('%1, %2 GPU', size, type.gpus) : size;
}
