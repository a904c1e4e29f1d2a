import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { ProcessingView } from '../components/processing-view';
import type { ProcessingJobModel } from '../models/processing-job-models';
import { ModelPanel } from './model-panel';

/** The body of a processing job's main-area tab; it owns the job's model. */
export class ProcessingPanel extends ModelPanel<
  ProcessingJobModel,
  ProcessingPanel.IOptions
> {
  constructor(options: ProcessingPanel.IOptions) {
    super(options, {
      className: 'jp-mlstudio-processing-panel',
      refreshOnShow: true
    });
  }

  protected render(): JSX.Element {
    return (
      <ProcessingView
        model={this.model}
        trans={this.options.trans}
        confirmStop={this.options.confirmStop}
      />
    );
  }
}

export namespace ProcessingPanel {
  /** Constructor options. */
  export interface IOptions {
    model: ProcessingJobModel;
    trans: TranslationBundle;
    /** Ask before stopping the job. */
    confirmStop?: (name: string) => Promise<boolean>;
  }
}
