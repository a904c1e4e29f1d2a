import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { EndpointView } from '../components/endpoint-view';
import { EndpointsList } from '../components/endpoints-list';
import type { EndpointListModel } from '../models/endpoint-list-model';
import type { EndpointModel } from '../models/endpoint-model';
import { ModelPanel } from './model-panel';
import { ModelSection } from './model-section';

/** The Endpoints section of the ML Studio sidebar: every endpoint with its live status. */
export class EndpointsSection extends ModelSection<EndpointListModel> {
  constructor(options: EndpointsSection.IOptions) {
    const { trans, onOpen } = options;
    super({
      model: options.model,
      id: 'mlstudio-endpoints-section',
      label: trans.__('Endpoints'),
      className: 'jp-mlstudio-endpoints-section',
      render: model => (
        <EndpointsList model={model} trans={trans} onOpen={onOpen} />
      )
    });
  }
}

export namespace EndpointsSection {
  /** Constructor options. */
  export interface IOptions {
    model: EndpointListModel;
    trans: TranslationBundle;
    onOpen: (name: string) => void;
  }
}

/** The body of an endpoint's main-area tab; it owns the endpoint's model. */
export class EndpointPanel extends ModelPanel<
  EndpointModel,
  EndpointPanel.IOptions
> {
  constructor(options: EndpointPanel.IOptions) {
    super(options, {
      className: 'jp-mlstudio-endpoint-panel',
      refreshOnShow: true
    });
  }

  protected render(): JSX.Element {
    return (
      <EndpointView
        model={this.model}
        trans={this.options.trans}
        confirmDelete={this.options.confirmDelete}
      />
    );
  }
}

export namespace EndpointPanel {
  /** Constructor options. */
  export interface IOptions {
    model: EndpointModel;
    trans: TranslationBundle;
    confirmDelete: (name: string) => Promise<boolean>;
  }
}
