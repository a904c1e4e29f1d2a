import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useState } from 'react';

import type { IScalingPolicy, IVariantView } from '../endpoint-types';

/** Props of {@link VariantsTable}. */
export interface IVariantsTableProps {
  variants: readonly IVariantView[];
  /** Whether changes can be made now (the endpoint is InService). */
  editable: boolean;
  trans: TranslationBundle;
  onWeights: (weights: Record<string, number>) => void;
}

/**
 * The variants with their traffic share: weights are editable and applied together
 * (UpdateEndpointWeightsAndCapacities), instance counts show in service / wanted.
 */
export function VariantsTable(props: IVariantsTableProps): JSX.Element {
  const { variants, editable, trans, onWeights } = props;
  const current = Object.fromEntries(
    variants.map(variant => [variant.variant_name, variant.desired_weight])
  );
  const [weights, setWeights] = useState<Record<string, string>>({});
  useEffect(() => setWeights({}), [JSON.stringify(current)]);
  const total = variants.reduce(
    (sum, variant) =>
      sum + Number(weights[variant.variant_name] ?? variant.desired_weight),
    0
  );
  const changed = Object.keys(weights).length > 0;
  const valid = Object.values(weights).every(
    value =>
      value.trim() !== '' &&
      Number(value) >= 0 &&
      Number.isFinite(Number(value))
  );
  return (
    <div className="jp-mlstudio-endpoint-variants">
      <table className="jp-mlstudio-table">
        <thead>
          <tr>
            <th>{trans.__('Variant')}</th>
            <th>{trans.__('Model')}</th>
            <th>{trans.__('Instance type')}</th>
            <th>{trans.__('Instances')}</th>
            <th>{trans.__('Weight')}</th>
            <th>{trans.__('Share')}</th>
            <th>{trans.__('Invocations')}</th>
            <th>{trans.__('Errors')}</th>
          </tr>
        </thead>
        <tbody>
          {variants.map(variant => {
            const value =
              weights[variant.variant_name] ?? String(variant.desired_weight);
            const share = total > 0 ? (100 * Number(value)) / total : 0;
            return (
              <tr
                key={variant.variant_name}
                data-variant={variant.variant_name}
              >
                <td>{variant.variant_name}</td>
                <td>{variant.model_name}</td>
                <td>{variant.instance_type}</td>
                <td>{`${variant.current_instance_count} / ${variant.desired_instance_count}`}</td>
                <td>
                  <input
                    className="jp-mlstudio-weight-input"
                    aria-label={trans.__('Weight of %1', variant.variant_name)}
                    type="number"
                    min={0}
                    step="any"
                    value={value}
                    disabled={!editable}
                    onChange={event =>
                      setWeights({
                        ...weights,
                        [variant.variant_name]: event.target.value
                      })
                    }
                  />
                </td>
                <td className="jp-mlstudio-share">{`${share.toFixed(0)} %`}</td>
                <td>{variant.invocations}</td>
                <td>{variant.errors}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        className="jp-mlstudio-button jp-mod-styled jp-mod-accept jp-mlstudio-apply-weights"
        disabled={!editable || !changed || !valid || total <= 0}
        onClick={() =>
          onWeights(
            Object.fromEntries(
              Object.entries(weights).map(([name, text]) => [
                name,
                Number(text)
              ])
            )
          )
        }
      >
        {trans.__('Apply weights')}
      </button>
    </div>
  );
}

/** Every instance of every variant with its health. */
export function InstancesTable(props: {
  variants: readonly IVariantView[];
  trans: TranslationBundle;
}): JSX.Element {
  const { variants, trans } = props;
  const rows = variants.flatMap(variant =>
    variant.instances.map(instance => ({
      variant: variant.variant_name,
      instance
    }))
  );
  if (rows.length === 0) {
    return (
      <div className="jp-mlstudio-empty">{trans.__('No instance runs.')}</div>
    );
  }
  return (
    <table className="jp-mlstudio-table jp-mlstudio-endpoint-instances">
      <thead>
        <tr>
          <th>{trans.__('Instance')}</th>
          <th>{trans.__('Variant')}</th>
          <th>{trans.__('Health')}</th>
          <th>{trans.__('In flight')}</th>
          <th>{trans.__('Restarts')}</th>
          <th>{trans.__('Last error')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ variant, instance }) => (
          <tr key={instance.instance_id} data-instance={instance.instance_id}>
            <td>{instance.instance_id}</td>
            <td>{variant}</td>
            <td>
              <span
                className={`jp-mlstudio-badge jp-mlstudio-instance-state jp-mlstudio-instance-${instance.state.toLowerCase()}`}
              >
                {instance.state}
              </span>
            </td>
            <td>{instance.outstanding}</td>
            <td>{instance.restarts}</td>
            <td className="jp-mlstudio-instance-error">
              {instance.last_error ?? ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A variant's autoscaling policy, editable. */
export function ScalingEditor(props: {
  variant: IVariantView;
  editable: boolean;
  trans: TranslationBundle;
  onSave: (policy: IScalingPolicy | null) => void;
}): JSX.Element {
  const { variant, editable, trans, onSave } = props;
  const policy = variant.autoscaling ?? null;
  const initial = {
    min: String(policy?.min_capacity ?? 1),
    max: String(
      policy?.max_capacity ?? Math.max(2, variant.desired_instance_count)
    ),
    target: String(policy?.target_invocations_per_instance ?? 1000),
    scaleOut: String(policy?.scale_out_cooldown ?? 300),
    scaleIn: String(policy?.scale_in_cooldown ?? 300)
  };
  const [form, setForm] = useState(initial);
  useEffect(() => setForm(initial), [JSON.stringify(policy)]);
  const field = (key: keyof typeof initial, label: string): JSX.Element => (
    <label className="jp-mlstudio-scaling-field">
      {label}
      <input
        type="number"
        min={0}
        value={form[key]}
        disabled={!editable}
        aria-label={`${variant.variant_name} ${label}`}
        onChange={event => setForm({ ...form, [key]: event.target.value })}
      />
    </label>
  );
  return (
    <div className="jp-mlstudio-scaling" data-variant={variant.variant_name}>
      <div className="jp-mlstudio-scaling-title">
        {variant.variant_name}:{' '}
        {policy
          ? trans.__(
              '%1 to %2 instances, %3 invocations per instance per minute',
              policy.min_capacity,
              policy.max_capacity,
              policy.target_invocations_per_instance
            )
          : trans.__('no autoscaling')}
      </div>
      <div className="jp-mlstudio-scaling-fields">
        {field('min', trans.__('Min'))}
        {field('max', trans.__('Max'))}
        {field('target', trans.__('Target per instance per minute'))}
        {field('scaleOut', trans.__('Scale-out cool-down (s)'))}
        {field('scaleIn', trans.__('Scale-in cool-down (s)'))}
        <button
          type="button"
          className="jp-mlstudio-button jp-mod-styled jp-mod-accept jp-mlstudio-scaling-save"
          disabled={!editable}
          onClick={() =>
            onSave({
              min_capacity: Number(form.min),
              max_capacity: Number(form.max),
              target_invocations_per_instance: Number(form.target),
              scale_out_cooldown: Number(form.scaleOut),
              scale_in_cooldown: Number(form.scaleIn),
              disable_scale_in: false,
              policy_name: policy?.policy_name ?? 'mlstudio-target-tracking'
            })
          }
        >
          {policy ? trans.__('Save') : trans.__('Autoscale')}
        </button>
        {policy ? (
          <button
            type="button"
            className="jp-mlstudio-button jp-mod-styled jp-mlstudio-scaling-remove"
            disabled={!editable}
            onClick={() => onSave(null)}
          >
            {trans.__('Stop autoscaling')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
