import type { TranslationBundle } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import React from 'react';

import {
  InstanceTypesList,
  instanceTypesSummary
} from '../components/instance-types-list';
import { ModelState } from '../components/model-state';
import { StatusView } from '../components/status-view';
import type { IdleTimeoutsModel } from '../models/idle-timeouts-model';
import type { StatusModel } from '../models/status-model';
import { ModelSection } from './model-section';

/** The Status section: version, backends, host, stores. */
export function createStatusSection(
  model: StatusModel,
  trans: TranslationBundle
): ModelSection<StatusModel> {
  return new ModelSection({
    model,
    id: 'mlstudio-status-section',
    label: trans.__('Status'),
    className: 'jp-mlstudio-status-section',
    render: current => (
      <ModelState
        data={current.status}
        error={current.statusError}
        trans={trans}
      >
        {status => <StatusView status={status} trans={trans} />}
      </ModelState>
    ),
    summary: current => {
      const status = current.status;
      if (!status) {
        return null;
      }
      const usable = status.backends.filter(backend => backend.available);
      return usable.length
        ? trans.__('runs on %1', usable.map(backend => backend.name).join(', '))
        : trans.__('no backend available');
    }
  });
}

/**
 * The Instance types section: the catalogue, what this host can run and, with the
 * idle-timeouts model, how long notebook kernels of each type may stay idle.
 */
export function createInstanceTypesSection(
  model: StatusModel,
  trans: TranslationBundle,
  idleTimeouts: IdleTimeoutsModel | null = null
): ModelSection<StatusModel> {
  return new ModelSection({
    model,
    id: 'mlstudio-instance-types-section',
    label: trans.__('Instance types'),
    className: 'jp-mlstudio-instance-types-section',
    onShow: () => void idleTimeouts?.refresh(),
    render: current => (
      <ModelState
        data={current.instanceTypes}
        error={current.instanceTypesError}
        trans={trans}
      >
        {catalogue =>
          idleTimeouts ? (
            <UseSignal signal={idleTimeouts.changed}>
              {() => (
                <InstanceTypesList
                  catalogue={catalogue}
                  trans={trans}
                  idleTimeouts={idleTimeouts}
                />
              )}
            </UseSignal>
          ) : (
            <InstanceTypesList catalogue={catalogue} trans={trans} />
          )
        }
      </ModelState>
    ),
    summary: current =>
      current.instanceTypes
        ? instanceTypesSummary(current.instanceTypes, trans)
        : null
  });
}
