import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import React from 'react';

import { KernelUsageView } from '../components/kernel-usage-view';
import type { KernelUsageModel } from '../models/kernel-usage-model';

/** The status bar item: the current notebook's kernel against its limits. */
export class KernelUsageItem extends ReactWidget {
  constructor(model: KernelUsageModel, trans: TranslationBundle) {
    super();
    this._model = model;
    this._trans = trans;
    this.addClass('jp-mlstudio-kernel-usage-item');
  }

  protected render(): JSX.Element {
    return (
      <UseSignal signal={this._model.changed}>
        {() => {
          const usage = this._model.usage;
          return usage && this._model.isVisible ? (
            <KernelUsageView
              usage={usage}
              cpuHistory={this._model.cpuHistory}
              stale={this._model.error !== null}
              trans={this._trans}
            />
          ) : (
            <span />
          );
        }}
      </UseSignal>
    );
  }

  private _model: KernelUsageModel;
  private _trans: TranslationBundle;
}
