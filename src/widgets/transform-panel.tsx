import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { TransformView } from '../components/transform-view';
import type { TransformJobModel } from '../models/transform-job-models';
import { ModelPanel } from './model-panel';

/** The body of a transform job's main-area tab; it owns the job's model. */
export class TransformPanel extends ModelPanel<
  TransformJobModel,
  TransformPanel.IOptions
> {
  constructor(options: TransformPanel.IOptions) {
    super(options, {
      className: 'jp-mlstudio-transform-panel',
      refreshOnShow: true
    });
  }

  protected render(): JSX.Element {
    return (
      <TransformView
        model={this.model}
        trans={this.options.trans}
        confirmStop={this.options.confirmStop}
        endpointsServing={this.options.endpointsServing}
        onOpenEndpoint={this.options.openEndpoint}
      />
    );
  }
}

export namespace TransformPanel {
  /** Constructor options. */
  export interface IOptions {
    model: TransformJobModel;
    trans: TranslationBundle;
    /** Ask before stopping the job. */
    confirmStop?: (name: string) => Promise<boolean>;
    /** The endpoints that serve a model. */
    endpointsServing?: (model: string) => Promise<string[]>;
    /** Open an endpoint's view. */
    openEndpoint?: (name: string) => void;
  }
}
