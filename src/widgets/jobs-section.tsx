import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import React from 'react';

import { JobsList } from '../components/jobs-list';
import type { JobListModel } from '../models/job-list-model';

/**
 * The Jobs section of the ML Studio sidebar. Showing it (opening the sidebar, expanding
 * the pane) reads the list, so what appears is current although the poll rests while
 * nobody looks.
 */
export class JobsSection extends ReactWidget {
  constructor(options: JobsSection.IOptions) {
    super();
    this.model = options.model;
    this._trans = options.trans;
    this._onOpen = options.onOpen;
    this._onNew = options.onNew;
    this.id = 'mlstudio-jobs-section';
    this.title.label = options.trans.__('Training jobs');
    this.addClass('jp-mlstudio-section');
    this.addClass('jp-mlstudio-jobs-section');
  }

  /** The list shown. */
  readonly model: JobListModel;

  protected render(): JSX.Element {
    return (
      <UseSignal signal={this.model.changed}>
        {() => (
          <JobsList
            model={this.model}
            trans={this._trans}
            onOpen={this._onOpen}
            onNew={this._onNew}
          />
        )}
      </UseSignal>
    );
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refresh();
  }

  private _onNew: () => void;
  private _onOpen: (name: string) => void;
  private _trans: TranslationBundle;
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
