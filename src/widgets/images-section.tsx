import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import type { ConfirmDeletion } from '../components/image-card';
import type { ListEnvironments } from '../components/base-image-field';
import { ImagesPanel, imagesSummary } from '../components/images-panel';
import type { BuildLogModel } from '../models/build-log-model';
import type { ImageListModel } from '../models/image-list-model';
import type { IImageVersion } from '../tokens';
import { ModelSection } from './model-section';

/**
 * The Images section of the ML Studio sidebar. Showing it reads the catalogue, so what
 * appears is current although the poll rests while nobody looks.
 */
export class ImagesSection extends ModelSection<ImageListModel> {
  constructor(options: ImagesSection.IOptions) {
    const { trans, confirm, createBuildLog, listEnvironments } = options;
    super({
      model: options.model,
      id: 'mlstudio-images-section',
      label: trans.__('Images'),
      className: 'jp-mlstudio-images-section',
      render: model => (
        <ImagesPanel
          model={model}
          trans={trans}
          confirm={confirm}
          createBuildLog={createBuildLog}
          listEnvironments={listEnvironments}
        />
      ),
      summary: model => (model.isLoaded ? imagesSummary(model, trans) : null)
    });
  }
}

export namespace ImagesSection {
  /** Constructor options. */
  export interface IOptions {
    model: ImageListModel;
    trans: TranslationBundle;
    confirm: ConfirmDeletion;
    createBuildLog: (version: IImageVersion) => BuildLogModel;
    /** The Python environments the server finds, offered as bases. */
    listEnvironments?: ListEnvironments;
  }
}
