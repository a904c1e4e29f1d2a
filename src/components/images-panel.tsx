import type { TranslationBundle } from '@jupyterlab/translation';
import { addIcon } from '@jupyterlab/ui-components';
import React, { useState } from 'react';

import type { BuildLogModel } from '../models/build-log-model';
import type { ImageListModel } from '../models/image-list-model';
import type { IImageVersion } from '../tokens';
import { ConfirmDeletion, ImageCard } from './image-card';
import { ImageRegisterForm } from './image-register-form';
import { RequestErrorMessage } from './request-error-message';

/** Props of {@link ImagesPanel}. */
export interface IImagesPanelProps {
  model: ImageListModel;
  trans: TranslationBundle;
  confirm: ConfirmDeletion;
  createBuildLog: (version: IImageVersion) => BuildLogModel;
}

/**
 * The Images section: the images kernels can run in, each with its versions and their
 * status, and a form to register another.
 */
export function ImagesPanel(props: IImagesPanelProps): JSX.Element {
  const { model, trans, confirm, createBuildLog } = props;
  const [registering, setRegistering] = useState(false);
  const images = model.images;
  const validating = images.reduce(
    (count, entry) =>
      count +
      entry.versions.filter(
        version => version.image_version_status === 'CREATING'
      ).length,
    0
  );

  let body: JSX.Element;
  if (!model.isLoaded) {
    body = <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>;
  } else if (!images.length && !model.error) {
    body = <div className="jp-mlstudio-empty">{trans.__('No images.')}</div>;
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
          />
        ))}
      </ul>
    );
  }

  return (
    <div className="jp-mlstudio-images">
      <div className="jp-mlstudio-images-header">
        <span className="jp-mlstudio-summary">
          {trans._n('%1 image', '%1 images', images.length)}
          {validating
            ? ` · ${trans._n('%1 version validating', '%1 versions validating', validating)}`
            : ''}
        </span>
        <button
          type="button"
          className="jp-mlstudio-button jp-mod-styled"
          data-action="register-image"
          aria-expanded={registering}
          onClick={() => setRegistering(open => !open)}
        >
          <addIcon.react tag="span" className="jp-mlstudio-button-icon" />
          {trans.__('Register image')}
        </button>
      </div>
      {registering ? (
        <ImageRegisterForm
          trans={trans}
          onRegister={request => model.register(request)}
          onDone={() => setRegistering(false)}
        />
      ) : null}
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
