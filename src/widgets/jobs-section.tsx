import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { JobsList, jobsSummary } from '../components/jobs-list';
import type { JobListModel } from '../models/job-list-model';
import { ModelSection } from './model-section';

/**
 * The Jobs section of the ML Studio sidebar. Showing it (opening the sidebar, expanding
 * the pane) reads the list, so what appears is current although the poll rests while
 * nobody looks.
 */
export class JobsSection extends ModelSection<JobListModel> {
  constructor(options: JobsSection.IOptions) {
    const { trans, onOpen, onNew } = options;
    super({
      model: options.model,
      id: 'mlstudio-jobs-section',
      label: trans.__('Training jobs'),
      className: 'jp-mlstudio-jobs-section',
      render: model => (
        <JobsList model={model} trans={trans} onOpen={onOpen} onNew={onNew} />
      ),
      summary: model => (model.isLoaded ? jobsSummary(model.jobs, trans) : null)
    });
  }
}

export namespace JobsSection {
  /** Constructor options. */
  export interface IOptions {
    model: JobListModel;
    trans: TranslationBundle;
    onOpen: (name: string) => void;
    onNew: () => void;
  }
}
