import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { JobsList, jobsSummary } from '../components/jobs-list';
import type { JobKinds } from '../models/job-kinds';
import { ModelSection } from './model-section';

/**
 * The Jobs section of the ML Studio sidebar: jobs of every kind (training, transform,
 * ...), newest first; each row opens its kind's view. Showing it (opening the sidebar, expanding
 * the pane) reads the list, so what appears is current although the poll rests while
 * nobody looks.
 */
export class JobsSection extends ModelSection<JobKinds> {
  constructor(options: JobsSection.IOptions) {
    const { trans, onNew } = options;
    super({
      model: options.model,
      id: 'mlstudio-jobs-section',
      label: trans.__('Jobs'),
      className: 'jp-mlstudio-jobs-section',
      render: model => <JobsList model={model} trans={trans} onNew={onNew} />,
      summary: model => (model.isLoaded ? jobsSummary(model.rows, trans) : null)
    });
  }
}

export namespace JobsSection {
  /** Constructor options. */
  export interface IOptions {
    /** The kinds of job listed; a kind added later shows at once. */
    model: JobKinds;
    trans: TranslationBundle;
    onNew: () => void;
  }
}
