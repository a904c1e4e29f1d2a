import type { TranslationBundle } from '@jupyterlab/translation';
import { addIcon } from '@jupyterlab/ui-components';
import React from 'react';

import type { BuildLogModel } from '../models/build-log-model';
import type { ImageListModel } from '../models/image-list-model';
import type { IImageVersion } from '../tokens';
import { ConfirmDeletion, ImageCard } from './image-card';
import { showFormDialog } from '../widgets/form-dialog';
import type { ListEnvironments } from './base-image-field';
import { ImageRegisterForm } from './image-register-form';
import { RequestErrorMessage } from './request-error-message';

/** Props of {@link ImagesPanel}. */
export interface IImagesPanelProps {
  model: ImageListModel;
  trans: TranslationBundle;
  confirm: ConfirmDeletion;
  createBuildLog: (version: IImageVersion) => BuildLogModel;
  /** The Python environments the server finds, offered as bases. */
  listEnvironments?: ListEnvironments;
}

/** "3 images · 1 version validating". */
export function imagesSummary(
  model: ImageListModel,
  trans: TranslationBundle
): string {
  const images = model.images;
  const validating = images.reduce(
    (count, entry) =>
      count +
      entry.versions.filter(
        version => version.image_version_status === 'CREATING'
      ).length,
    0
  );
  return (
    trans._n('%1 image', '%1 images', images.length) +
    (validating
      ? ` · ${trans._n('%1 version validating', '%1 versions validating', validating)}`
      : '')
  );
}

/** Open the Register image form in a dialog. */
export function openRegisterImageDialog(
  model: ImageListModel,
  trans: TranslationBundle,
  listEnvironments?: ListEnvironments
): Promise<void> {
  return showFormDialog({
    title: trans.__('Register an image'),
    className: 'jp-mlstudio-register-image-dialog',
    render: close => (
      <ImageRegisterForm
        trans={trans}
        listEnvironments={listEnvironments}
        onRegister={request => model.register(request)}
        onDone={close}
      />
    )
  });
}

/**
 * The Images section: the images kernels can run in, each with its versions and their
 * status, and a button that registers another (in a dialog).
 */
export function ImagesPanel(props: IImagesPanelProps): JSX.Element {
  const { model, trans, confirm, createBuildLog, listEnvironments } = props;
  const images = model.images;

  let body: JSX.Element;
  if (!model.isLoaded) {
    body = <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>;
  } else if (!images.length && !model.error) {
    body = (
      <div className="jp-mlstudio-empty">
        {trans.__('No images yet: Register image adds one.')}
      </div>
    );
  } else {
    body = (
      <ul className="jp-mlstudio-image-list">
        {images.map(entry => (
          <ImageCard
            key={entry.image.image_name}
            entry={entry}
            model={model}
            trans={trans}
            confirm={confirm}
            createBuildLog={createBuildLog}
            listEnvironments={listEnvironments}
          />
        ))}
      </ul>
    );
  }

  return (
    <div className="jp-mlstudio-images">
      <div className="jp-mlstudio-images-header">
        <button
          type="button"
          className="jp-mlstudio-button jp-mod-styled"
          data-action="register-image"
          onClick={() =>
            void openRegisterImageDialog(model, trans, listEnvironments)
          }
        >
          <addIcon.react tag="span" className="jp-mlstudio-button-icon" />
          {trans.__('Register image')}
        </button>
      </div>
      {model.error ? (
        <RequestErrorMessage
          error={model.error}
          trans={trans}
          stale={images.length > 0}
        />
      ) : null}
      {body}
    </div>
  );
}
