import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import {
  ExperimentsList,
  experimentsSummary
} from '../components/experiments-list';
import type { ExperimentListModel } from '../models/experiment-list-model';
import { ModelSection } from './model-section';

/**
 * The Experiments section of the ML Studio sidebar. Showing it reads the list, so what
 * appears is current although the poll rests while nobody looks.
 */
export class ExperimentsSection extends ModelSection<ExperimentListModel> {
  constructor(options: ExperimentsSection.IOptions) {
    const { trans, onOpen, onOpenRegistry, onNewNotebook } = options;
    super({
      model: options.model,
      id: 'mlstudio-experiments-section',
      label: trans.__('Experiments'),
      className: 'jp-mlstudio-experiments-section',
      render: model => (
        <ExperimentsList
          model={model}
          trans={trans}
          onOpen={onOpen}
          onOpenRegistry={onOpenRegistry}
          onNewNotebook={onNewNotebook}
        />
      ),
      isEmpty: model =>
        model.isLoaded ? model.experiments.length === 0 : undefined,
      summary: model =>
        model.isLoaded ? experimentsSummary(model, trans) : null
    });
  }
}

export namespace ExperimentsSection {
  /** Constructor options. */
  export interface IOptions {
    model: ExperimentListModel;
    trans: TranslationBundle;
    onOpen: (experimentId: string) => void;
    onOpenRegistry: () => void;
    /** Start a notebook that logs runs (offered while there are no experiments). */
    onNewNotebook?: () => void;
  }
}
