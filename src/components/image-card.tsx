import type { TranslationBundle } from '@jupyterlab/translation';
import { addIcon, deleteIcon, editIcon } from '@jupyterlab/ui-components';
import React, { useState } from 'react';

import type { BuildLogModel } from '../models/build-log-model';
import type { ImageListModel } from '../models/image-list-model';
import { asRequestError, MLStudioRequestError } from '../request';
import type { IImageEntry, IImageVersion } from '../tokens';
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
}

/**
 * One image: its names and config, its versions newest first, and its actions (a new
 * version, editing the config, deleting). The default image has no delete buttons.
 */
export function ImageCard(props: IImageCardProps): JSX.Element {
  const { entry, model, trans, confirm, createBuildLog } = props;
  const { image, versions, config } = entry;
  const name = image.image_name;
  const isDefault = name === DEFAULT_IMAGE;
  const [form, setForm] = useState<'version' | 'config' | null>(null);
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
  const toggle = (which: 'version' | 'config'): void =>
    setForm(current => (current === which ? null : which));

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
              pressed={form === 'version'}
              onClick={() => toggle('version')}
            />
            <IconButton
              icon={editIcon}
              title={trans.__(
                'Edit the kernel specs and file system of %1',
                name
              )}
              action="edit-config"
              pressed={form === 'config'}
              onClick={() => toggle('config')}
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
      {form === 'version' ? (
        <ImageVersionForm
          image={name}
          trans={trans}
          onCreate={request => model.addVersion(name, request)}
          onDone={() => setForm(null)}
        />
      ) : null}
      {form === 'config' ? (
        <ImageConfigForm
          image={name}
          config={config}
          trans={trans}
          onSave={request => model.putConfig(name, request)}
          onDone={() => setForm(null)}
        />
      ) : null}
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
