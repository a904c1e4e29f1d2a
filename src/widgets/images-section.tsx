import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import React from 'react';

import type { ConfirmDeletion } from '../components/image-card';
import { ImagesPanel } from '../components/images-panel';
import type { BuildLogModel } from '../models/build-log-model';
import type { ImageListModel } from '../models/image-list-model';
import type { IImageVersion } from '../tokens';

/**
 * The Images section of the ML Studio sidebar. Showing it reads the catalogue, so what
 * appears is current although the poll rests while nobody looks.
 */
export class ImagesSection extends ReactWidget {
  constructor(options: ImagesSection.IOptions) {
    super();
    this.model = options.model;
    this._options = options;
    this.id = 'mlstudio-images-section';
    this.title.label = options.trans.__('Images');
    this.addClass('jp-mlstudio-section');
    this.addClass('jp-mlstudio-images-section');
  }

  /** The catalogue shown. */
  readonly model: ImageListModel;

  protected render(): JSX.Element {
    const { trans, confirm, createBuildLog } = this._options;
    return (
      <UseSignal signal={this.model.changed}>
        {() => (
          <ImagesPanel
            model={this.model}
            trans={trans}
            confirm={confirm}
            createBuildLog={createBuildLog}
          />
        )}
      </UseSignal>
    );
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refresh();
  }

  private _options: ImagesSection.IOptions;
}

export namespace ImagesSection {
  /** Constructor options. */
  export interface IOptions {
    model: ImageListModel;
    trans: TranslationBundle;
    confirm: ConfirmDeletion;
    createBuildLog: (version: IImageVersion) => BuildLogModel;
  }
}
