import type { TranslationBundle } from '@jupyterlab/translation';
import { addIcon, deleteIcon, editIcon } from '@jupyterlab/ui-components';
import React, { useState } from 'react';

import type { BuildLogModel } from '../models/build-log-model';
import type { ImageListModel } from '../models/image-list-model';
import { asRequestError, MLStudioRequestError } from '../request';
import type { IImageEntry, IImageVersion } from '../tokens';
import { showFormDialog } from '../widgets/form-dialog';
import type { ListEnvironments } from './base-image-field';
import { ImageConfigForm, ImageVersionForm } from './image-edit-forms';
import { ImageVersionItem } from './image-version-item';
import { RequestErrorMessage } from './request-error-message';

/** The image the server runs in; it cannot be deleted or changed. */
export const DEFAULT_IMAGE = 'default';

/** Asks the user to confirm a deletion; resolves true to go on. */
export type ConfirmDeletion = (title: string, body: string) => Promise<boolean>;

/** Props of {@link ImageCard}. */
export interface IImageCardProps {
  entry: IImageEntry;
  model: ImageListModel;
  trans: TranslationBundle;
  confirm: ConfirmDeletion;
  createBuildLog: (version: IImageVersion) => BuildLogModel;
  /** The Python environments the server finds, offered for a new version. */
  listEnvironments?: ListEnvironments;
}

/**
 * One image: its names and config, its versions newest first, and its actions (a new
 * version and editing the config, each in a dialog; deleting). The default image has no
 * such buttons.
 */
export function ImageCard(props: IImageCardProps): JSX.Element {
  const { entry, model, trans, confirm, createBuildLog } = props;
  const { image, versions, config } = entry;
  const name = image.image_name;
  const isDefault = name === DEFAULT_IMAGE;
  const [error, setError] = useState<MLStudioRequestError | null>(null);

  const run = async (action: () => Promise<unknown>): Promise<void> => {
    setError(null);
    try {
      await action();
    } catch (reason) {
      setError(asRequestError(reason));
    }
  };
  const deleteImage = async (): Promise<void> => {
    const sure = await confirm(
      trans.__('Delete image %1?', name),
      trans._n(
        'Its version and its kernel specs go too. Running kernels keep running.',
        'Its %1 versions and its kernel specs go too. Running kernels keep running.',
        versions.length
      )
    );
    if (sure) {
      await run(() => model.deleteImage(name));
    }
  };
  const deleteVersion = async (version: IImageVersion): Promise<void> => {
    const sure = await confirm(
      trans.__('Delete version %1 of %2?', version.version, name),
      trans.__('New kernels start in the newest version that remains.')
    );
    if (sure) {
      await run(() => model.deleteVersion(name, version.version));
    }
  };
  const addVersion = (): void =>
    void showFormDialog({
      title: trans.__('Add a version of %1', name),
      render: close => (
        <ImageVersionForm
          image={name}
          trans={trans}
          listEnvironments={props.listEnvironments}
          onCreate={request => model.addVersion(name, request)}
          onDone={close}
        />
      )
    });
  const editConfig = (): void =>
    void showFormDialog({
      title: trans.__('Kernel specs and file system of %1', name),
      render: close => (
        <ImageConfigForm
          image={name}
          config={config}
          trans={trans}
          onSave={request => model.putConfig(name, request)}
          onDone={close}
        />
      )
    });

  const specs = config.kernel_specs
    .map(spec => `${spec.display_name} (${spec.name})`)
    .join(', ');
  return (
    <li className="jp-mlstudio-image" data-image={name}>
      <div className="jp-mlstudio-image-header">
        <span className="jp-mlstudio-image-name">{name}</span>
        {image.display_name ? (
          <span className="jp-mlstudio-image-display-name">
            {image.display_name}
          </span>
        ) : null}
        <span className="jp-mlstudio-spacer" />
        {isDefault ? null : (
          <>
            <IconButton
              icon={addIcon}
              title={trans.__('Add a version of %1', name)}
              action="add-version"
              onClick={addVersion}
            />
            <IconButton
              icon={editIcon}
              title={trans.__(
                'Edit the kernel specs and file system of %1',
                name
              )}
              action="edit-config"
              onClick={editConfig}
            />
            <IconButton
              icon={deleteIcon}
              title={trans.__('Delete image %1', name)}
              action="delete-image"
              onClick={() => void deleteImage()}
            />
          </>
        )}
      </div>
      {image.description ? (
        <div className="jp-mlstudio-image-description">{image.description}</div>
      ) : null}
      <div
        className="jp-mlstudio-image-config"
        title={trans.__('Kernel specs this image offers')}
      >
        {trans.__('Kernels: %1', specs || trans.__('none'))}
        {config.mount_path
          ? ` · ${trans.__('workspace at %1', config.mount_path)}`
          : ''}
        {` · ${trans.__('uid %1, gid %2', config.uid, config.gid)}`}
      </div>
      {error ? <RequestErrorMessage error={error} trans={trans} /> : null}
      {versions.length ? (
        <ul className="jp-mlstudio-image-versions">
          {versions.map(version => (
            <ImageVersionItem
              key={version.version}
              version={version}
              deletable={!isDefault}
              trans={trans}
              onDelete={item => void deleteVersion(item)}
              createBuildLog={createBuildLog}
            />
          ))}
        </ul>
      ) : (
        <div className="jp-mlstudio-empty">
          {trans.__('No version yet: add one to run kernels in this image.')}
        </div>
      )}
    </li>
  );
}

function IconButton(props: {
  icon: typeof addIcon;
  title: string;
  action: string;
  pressed?: boolean;
  onClick: () => void;
}): JSX.Element {
  const { icon, title, action, pressed, onClick } = props;
  return (
    <button
      type="button"
      className={`jp-mlstudio-icon-button${pressed ? ' jp-mod-active' : ''}`}
      title={title}
      aria-label={title}
      aria-pressed={pressed}
      data-action={action}
      onClick={onClick}
    >
      <icon.react tag="span" />
    </button>
  );
}
