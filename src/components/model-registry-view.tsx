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
  /** Open the training job a version came from. */
  onOpenJob?: (name: string) => void;
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
            {model.search
              ? trans.__('No model matches.')
              : trans.__(
                  'No registered models yet. Open a completed training job or a run and choose Register model.'
                )}
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
            onOpenJob={props.onOpenJob}
            onDeploy={props.onDeploy}
          />
        ) : (
          <div className="jp-mlstudio-empty">
            {model.selected
              ? trans.__('Loading…')
              : model.models.length
                ? trans.__('Choose a model on the left.')
                : ''}
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
  onOpenJob?: (name: string) => void;
  onDeploy?: (name: string, version: number) => void;
}): JSX.Element {
  const { detail, trans, onOpenRun, onOpenJob, onDeploy } = props;
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
        <ol className="jp-mlstudio-model-versions">
          {ordered.map(version => (
            <VersionRow
              key={version.version}
              version={version}
              trans={trans}
              onOpenRun={onOpenRun}
              onOpenJob={onOpenJob}
              onDeploy={
                onDeploy
                  ? () => onDeploy(model.name, version.version)
                  : undefined
              }
            />
          ))}
        </ol>
      )}
    </div>
  );
}

/** Tag of a version made from a training job's model: the job's name. */
export const VERSION_JOB_TAG = 'mlstudio.training_job';

/**
 * One version: its number, aliases, status and age on one line with links to the run and
 * the job it came from; its source and description below, wrapping as the width allows.
 */
function VersionRow(props: {
  version: IModelVersion;
  trans: TranslationBundle;
  onOpenRun: (runId: string) => void;
  onOpenJob?: (name: string) => void;
  onDeploy?: () => void;
}): JSX.Element {
  const { version, trans, onOpenRun, onOpenJob, onDeploy } = props;
  const job = version.tags[VERSION_JOB_TAG] ?? null;
  const tags = Object.entries(version.tags).filter(
    ([key]) => key !== VERSION_JOB_TAG
  );
  return (
    <li className="jp-mlstudio-model-version" data-version={version.version}>
      <div className="jp-mlstudio-model-version-head">
        <span className="jp-mlstudio-model-version-number">
          {trans.__('Version %1', version.version)}
        </span>
        {version.aliases.map(alias => (
          <span key={alias} className="jp-mlstudio-alias">
            @{alias}
          </span>
        ))}
        <span className="jp-mlstudio-summary">
          {version.status}
          {version.stage && version.stage !== 'None'
            ? ` · ${version.stage}`
            : ''}
          {' · '}
          {formatDateTime(version.creation_time)}
        </span>
        <span className="jp-mlstudio-spacer" />
        {version.run_id ? (
          <button
            type="button"
            className="jp-mlstudio-link jp-mlstudio-version-run"
            title={trans.__('Open run %1', version.run_id)}
            onClick={() => onOpenRun(version.run_id!)}
          >
            {trans.__('Run %1', version.run_id.slice(0, 8))}
          </button>
        ) : null}
        {job && onOpenJob ? (
          <button
            type="button"
            className="jp-mlstudio-link jp-mlstudio-version-job"
            title={trans.__('Open training job %1', job)}
            onClick={() => onOpenJob(job)}
          >
            {trans.__('Job %1', job)}
          </button>
        ) : null}
        {onDeploy ? (
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
        ) : null}
      </div>
      <div className="jp-mlstudio-uri jp-mlstudio-model-version-source">
        {version.source}
      </div>
      {version.description || tags.length ? (
        <div className="jp-mlstudio-model-version-description">
          {version.description ?? ''}
          {tags.map(([key, value]) => (
            <span key={key} className="jp-mlstudio-tag">
              {key}={value}
            </span>
          ))}
        </div>
      ) : null}
    </li>
  );
}
