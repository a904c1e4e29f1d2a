import type { TranslationBundle } from '@jupyterlab/translation';
import { deleteIcon, listIcon } from '@jupyterlab/ui-components';
import React, { useEffect, useState } from 'react';

import { formatAge } from '../format';
import type { BuildLogModel } from '../models/build-log-model';
import { baseImageKind } from '../models/image-forms';
import type {
  IImageVersion,
  IImageVersionDetails,
  ImageVersionStatus
} from '../tokens';
import { BuildLogView } from './build-log-view';

/** Props of {@link ImageVersionItem}. */
export interface IImageVersionItemProps {
  version: IImageVersion;
  /** Whether the version may be deleted (not those of the default image). */
  deletable: boolean;
  trans: TranslationBundle;
  /** Delete the version (after asking). */
  onDelete: (version: IImageVersion) => void;
  /** A model of the version's build log, to show while it is open. */
  createBuildLog: (version: IImageVersion) => BuildLogModel;
}

/** Words for a version's status. */
export function versionStatusLabel(
  status: ImageVersionStatus | string,
  trans: TranslationBundle
): string {
  switch (status) {
    case 'CREATING':
      return trans.__('Creating');
    case 'CREATED':
      return trans.__('Created');
    case 'CREATE_FAILED':
      return trans.__('Create failed');
    default:
      return String(status);
  }
}

/**
 * What validation found inside a version. The API documents `details` as an open object;
 * these are the keys the server's validation writes.
 */
function versionDetails(version: IImageVersion): IImageVersionDetails {
  return (version.details ?? {}) as IImageVersionDetails;
}

/** "Python 3.11.7 · x86_64 · ipykernel 7.4.0": what validation found inside. */
export function describeVersionDetails(
  version: IImageVersion,
  trans: TranslationBundle
): string {
  const details = versionDetails(version);
  const parts: string[] = [];
  if (details.python) {
    parts.push(trans.__('Python %1', details.python));
  }
  if (details.arch) {
    parts.push(details.arch);
  }
  if (details.ipykernel) {
    parts.push(trans.__('ipykernel %1', details.ipykernel));
  } else if (details.python) {
    parts.push(trans.__('no ipykernel'));
  }
  return parts.join(' · ');
}

/**
 * One version of an image: its status (a spinner while the server validates it, the
 * whole failure reason when it failed), its base, what is inside, and for a Dockerfile
 * build its log, live.
 */
export function ImageVersionItem(props: IImageVersionItemProps): JSX.Element {
  const { version, deletable, trans, onDelete, createBuildLog } = props;
  const status = version.image_version_status;
  const built = baseImageKind(version.base_image) === 'dockerfile';
  const [log, setLog] = useState<BuildLogModel | null>(null);

  useEffect(() => {
    if (log) {
      log.isLive = status === 'CREATING';
    }
  }, [log, status]);
  useEffect(() => () => log?.dispose(), [log]);

  const toggleLog = (): void => {
    if (log) {
      setLog(null);
    } else {
      const model = createBuildLog(version);
      model.isLive = status === 'CREATING';
      setLog(model);
    }
  };

  const details = describeVersionDetails(version, trans);
  const specs = versionDetails(version).kernel_specs ?? [];
  return (
    <li
      className="jp-mlstudio-image-version"
      data-version={version.version}
      data-status={status}
    >
      <div className="jp-mlstudio-image-version-header">
        <span className="jp-mlstudio-image-version-number">
          {trans.__('v%1', version.version)}
        </span>
        <span
          className={`jp-mlstudio-badge jp-mlstudio-version-status jp-mlstudio-version-status-${status.toLowerCase()}`}
          data-status={status}
        >
          {status === 'CREATING' ? (
            <span className="jp-mlstudio-spinner" aria-hidden="true" />
          ) : null}
          {versionStatusLabel(status, trans)}
        </span>
        {version.aliases.map(alias => (
          <span key={alias} className="jp-mlstudio-default-tag">
            {alias}
          </span>
        ))}
        <span
          className="jp-mlstudio-image-age"
          title={new Date(version.creation_time).toISOString()}
        >
          {formatAge(Date.now() - version.creation_time)}
        </span>
        <span className="jp-mlstudio-spacer" />
        {built ? (
          <button
            type="button"
            className={`jp-mlstudio-icon-button${log ? ' jp-mod-active' : ''}`}
            title={
              log
                ? trans.__('Hide the build log')
                : trans.__('Show the build log')
            }
            aria-pressed={!!log}
            data-action="build-log"
            onClick={toggleLog}
          >
            <listIcon.react tag="span" />
          </button>
        ) : null}
        {deletable ? (
          <button
            type="button"
            className="jp-mlstudio-icon-button"
            title={trans.__('Delete version %1', version.version)}
            data-action="delete-version"
            onClick={() => onDelete(version)}
          >
            <deleteIcon.react tag="span" />
          </button>
        ) : null}
      </div>
      <div
        className="jp-mlstudio-uri jp-mlstudio-image-base"
        title={version.container_image ?? undefined}
      >
        {version.base_image}
      </div>
      {details ? (
        <div className="jp-mlstudio-image-details">
          {details}
          {specs.length
            ? ` · ${trans.__('kernels: %1', specs.join(', '))}`
            : ''}
        </div>
      ) : null}
      {status === 'CREATE_FAILED' && version.failure_reason ? (
        <div className="jp-mlstudio-image-failure" role="alert">
          {version.failure_reason}
        </div>
      ) : null}
      {log ? <BuildLogView model={log} trans={trans} /> : null}
    </li>
  );
}
