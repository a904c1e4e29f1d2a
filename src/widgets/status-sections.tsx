import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { InstanceTypesTable } from '../components/instance-types-table';
import { ModelState } from '../components/model-state';
import { StatusView } from '../components/status-view';
import type { StatusModel } from '../models/status-model';
import { ModelSection } from './model-section';

/** The Status section: version, backends, host, stores. */
export function createStatusSection(
  model: StatusModel,
  trans: TranslationBundle
): ModelSection {
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
    )
  });
}

/** The Instance types section: the catalogue and what this host can run. */
export function createInstanceTypesSection(
  model: StatusModel,
  trans: TranslationBundle
): ModelSection {
  return new ModelSection({
    model,
    id: 'mlstudio-instance-types-section',
    label: trans.__('Instance types'),
    className: 'jp-mlstudio-instance-types-section',
    render: current => (
      <ModelState
        data={current.instanceTypes}
        error={current.instanceTypesError}
        trans={trans}
      >
        {catalogue => (
          <InstanceTypesTable catalogue={catalogue} trans={trans} />
        )}
      </ModelState>
    )
  });
}
