import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import React from 'react';

import { ExperimentsList } from '../components/experiments-list';
import type { ExperimentListModel } from '../models/experiment-list-model';

/**
 * The Experiments section of the ML Studio sidebar. Showing it reads the list, so what
 * appears is current although the poll rests while nobody looks.
 */
export class ExperimentsSection extends ReactWidget {
  constructor(options: ExperimentsSection.IOptions) {
    super();
    this.model = options.model;
    this._options = options;
    this.id = 'mlstudio-experiments-section';
    this.title.label = options.trans.__('Experiments');
    this.addClass('jp-mlstudio-section');
    this.addClass('jp-mlstudio-experiments-section');
  }

  readonly model: ExperimentListModel;

  protected render(): JSX.Element {
    return (
      <UseSignal signal={this.model.changed}>
        {() => (
          <ExperimentsList
            model={this.model}
            trans={this._options.trans}
            onOpen={this._options.onOpen}
            onOpenRegistry={this._options.onOpenRegistry}
          />
        )}
      </UseSignal>
    );
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refresh();
  }

  private _options: ExperimentsSection.IOptions;
}

export namespace ExperimentsSection {
  /** Constructor options. */
  export interface IOptions {
    model: ExperimentListModel;
    trans: TranslationBundle;
    onOpen: (experimentId: string) => void;
    onOpenRegistry: () => void;
  }
}
