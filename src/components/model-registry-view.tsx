import type { TranslationBundle } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import React from 'react';

import { formatDateTime } from '../format';
import type { ModelRegistryModel } from '../models/model-registry-model';
import type { IModelVersion, IRegisteredModelDetail } from '../tokens';
import { RequestErrorMessage } from './request-error-message';
import { KeyValueTable } from './run-details';
import { useDebouncedEffect } from './use-debounced-effect';

/** Props of {@link ModelRegistryView}. */
export interface IModelRegistryViewProps {
  model: ModelRegistryModel;
  trans: TranslationBundle;
  onOpenRun: (runId: string) => void;
  /** Deploy a version on a new endpoint (no Deploy buttons without it). */
  onDeploy?: (name: string, version: number) => void;
}

/** The model registry: registered models on the left, the chosen one's versions on the right. */
export function ModelRegistryView(props: IModelRegistryViewProps): JSX.Element {
  const { model } = props;
  return (
    <UseSignal signal={model.changed}>
      {() => <RegistryBody {...props} />}
    </UseSignal>
  );
}

function RegistryBody(props: IModelRegistryViewProps): JSX.Element {
  const { model, trans, onOpenRun } = props;
  const [search, setSearch] = React.useState(model.search);
  useDebouncedEffect(
    isStale => {
      if (!isStale() && search !== model.search) {
        void model.setSearch(search);
      }
    },
    [search],
    300
  );
  return (
    <div className="jp-mlstudio-registry-view">
      <aside className="jp-mlstudio-registry-models">
        <input
          type="search"
          className="jp-mod-styled jp-mlstudio-registry-search"
          placeholder={trans.__('Find a model')}
          aria-label={trans.__('Find a model by name')}
          value={search}
          onChange={event => setSearch(event.target.value)}
        />
        {model.error ? (
          <RequestErrorMessage error={model.error} trans={trans} />
        ) : null}
        {!model.isLoaded ? (
          <div className="jp-mlstudio-loading">{trans.__('Loading…')}</div>
        ) : model.models.length === 0 ? (
          <div className="jp-mlstudio-empty">
            {trans.__('No registered models.')}
          </div>
        ) : null}
        <ul className="jp-mlstudio-registry-list" role="listbox">
          {model.models.map(item => (
            <li
              key={item.name}
              role="option"
              aria-selected={item.name === model.selected}
              className={`jp-mlstudio-registry-item${item.name === model.selected ? ' jp-mod-selected' : ''}`}
              data-model={item.name}
              tabIndex={0}
              onClick={() => void model.select(item.name)}
              onKeyDown={event => {
                if (event.key === 'Enter') {
                  void model.select(item.name);
                }
              }}
            >
              <span className="jp-mlstudio-registry-name">{item.name}</span>
              <span className="jp-mlstudio-summary">
                {item.latest_versions.length
                  ? trans.__(
                      'v%1',
                      Math.max(
                        ...item.latest_versions.map(version => version.version)
                      )
                    )
                  : ''}
              </span>
            </li>
          ))}
        </ul>
        {model.hasMore ? (
          <button
            type="button"
            className="jp-mlstudio-button jp-mod-styled"
            onClick={() => void model.loadMore()}
          >
            {trans.__('More models…')}
          </button>
        ) : null}
      </aside>
      <main className="jp-mlstudio-registry-detail">
        {model.detailError ? (
          <RequestErrorMessage error={model.detailError} trans={trans} />
        ) : model.detail ? (
          <ModelDetail
            detail={model.detail}
            trans={trans}
            onOpenRun={onOpenRun}
            onDeploy={props.onDeploy}
          />
        ) : (
          <div className="jp-mlstudio-empty">
            {model.selected
              ? trans.__('Loading…')
              : trans.__('Choose a model.')}
          </div>
        )}
      </main>
    </div>
  );
}

function ModelDetail(props: {
  detail: IRegisteredModelDetail;
  trans: TranslationBundle;
  onOpenRun: (runId: string) => void;
  onDeploy?: (name: string, version: number) => void;
}): JSX.Element {
  const { detail, trans, onOpenRun, onDeploy } = props;
  const { model, versions } = detail;
  const ordered = [...versions].sort((a, b) => b.version - a.version);
  return (
    <div className="jp-mlstudio-model-detail" data-model={model.name}>
      <h2 className="jp-mlstudio-job-title">{model.name}</h2>
      {model.description ? (
        <p className="jp-mlstudio-model-description">{model.description}</p>
      ) : null}
      <dl className="jp-mlstudio-facts">
        <dt>{trans.__('Created')}</dt>
        <dd>{formatDateTime(model.creation_time)}</dd>
        <dt>{trans.__('Updated')}</dt>
        <dd>{formatDateTime(model.last_updated_time)}</dd>
        <dt>{trans.__('Aliases')}</dt>
        <dd>
          {Object.entries(model.aliases).length
            ? Object.entries(model.aliases)
                .map(([alias, version]) => `@${alias} → v${version}`)
                .join(', ')
            : trans.__('none')}
        </dd>
      </dl>
      <h3 className="jp-mlstudio-subheading">{trans.__('Tags')}</h3>
      <KeyValueTable
        entries={Object.entries(model.tags)}
        className="jp-mlstudio-model-tags"
        trans={trans}
      />
      <h3 className="jp-mlstudio-subheading">{trans.__('Versions')}</h3>
      {ordered.length === 0 ? (
        <div className="jp-mlstudio-empty">{trans.__('none')}</div>
      ) : (
        <table className="jp-mlstudio-table jp-mlstudio-model-versions">
          <thead>
            <tr>
              <th>{trans.__('Version')}</th>
              <th>{trans.__('Aliases')}</th>
              <th>{trans.__('Status')}</th>
              <th>{trans.__('Created')}</th>
              <th>{trans.__('Source')}</th>
              <th>{trans.__('Run')}</th>
              <th>{trans.__('Description and tags')}</th>
              {onDeploy ? <th>{trans.__('Serve')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {ordered.map(version => (
              <VersionRow
                key={version.version}
                version={version}
                trans={trans}
                onOpenRun={onOpenRun}
                onDeploy={
                  onDeploy
                    ? () => onDeploy(model.name, version.version)
                    : undefined
                }
              />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function VersionRow(props: {
  version: IModelVersion;
  trans: TranslationBundle;
  onOpenRun: (runId: string) => void;
  onDeploy?: () => void;
}): JSX.Element {
  const { version, trans, onOpenRun, onDeploy } = props;
  const tags = Object.entries(version.tags);
  return (
    <tr data-version={version.version}>
      <td>{version.version}</td>
      <td>
        {version.aliases.map(alias => (
          <span key={alias} className="jp-mlstudio-alias">
            @{alias}
          </span>
        ))}
      </td>
      <td>
        {version.status}
        {version.stage && version.stage !== 'None' ? ` · ${version.stage}` : ''}
      </td>
      <td>{formatDateTime(version.creation_time)}</td>
      <td className="jp-mlstudio-uri">{version.source}</td>
      <td>
        {version.run_id ? (
          <button
            type="button"
            className="jp-mlstudio-link jp-mlstudio-version-run"
            title={trans.__('Open run %1', version.run_id)}
            onClick={() => onOpenRun(version.run_id!)}
          >
            {version.run_id.slice(0, 8)}
          </button>
        ) : (
          '–'
        )}
      </td>
      <td>
        {version.description ?? ''}
        {tags.map(([key, value]) => (
          <span key={key} className="jp-mlstudio-tag">
            {key}={value}
          </span>
        ))}
      </td>
      {onDeploy ? (
        <td>
          <button
            type="button"
            className="jp-mlstudio-button jp-mod-styled jp-mlstudio-version-deploy"
            title={trans.__(
              'Serve version %1 on a new endpoint',
              version.version
            )}
            onClick={onDeploy}
          >
            {trans.__('Deploy')}
          </button>
        </td>
      ) : null}
    </tr>
  );
}
