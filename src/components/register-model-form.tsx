import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useState } from 'react';

import type { IModelVersion, IRegisterModelVersionRequest } from '../tokens';
import { FormField } from './form-field';
import { RequestErrorMessage } from './request-error-message';
import { useSubmit } from './use-submit';

/** Something that can become a model version: a run's artifact, or a job's model. */
export interface IModelSource {
  /** What the user sees, e.g. `model/model.tar.gz` or `Model of job digits-sgd-1`. */
  label: string;
  /** The version's source: `runs:/<run_id>/<path>`, or the object URI of a job's model. */
  source: string;
  /** The run it comes from, if any: the version links back to it. */
  runId: string | null;
}

/** A registered model the new version may join, and its newest version. */
export interface IExistingModel {
  name: string;
  latestVersion: number | null;
}

/** Props of {@link RegisterModelForm}. */
export interface IRegisterModelFormProps {
  trans: TranslationBundle;
  /** What can be registered; the first is chosen at first. */
  sources: readonly IModelSource[];
  /** The name proposed for a new registered model. */
  suggestedName: string;
  /** Tags the version gets besides the user's (e.g. the job it came from). */
  tags?: Record<string, string>;
  /** The registered models, to join one; read when the form opens. */
  listModels: () => Promise<IExistingModel[]>;
  /** Create the version (and the registered model when it is new). */
  register: (
    name: string,
    request: IRegisterModelVersionRequest
  ) => Promise<IModelVersion>;
  /** Show the registered model in the registry. */
  onOpenModel: (name: string) => void;
  /** Close the form. */
  onDone: () => void;
}

/** Aliases typed as `champion, staging` → `['champion', 'staging']`. */
export function parseAliases(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map(alias => alias.trim())
        .filter(Boolean)
    )
  ];
}

/** Why an alias cannot be used (the server reserves `latest` and `v<N>`), or null. */
export function checkAliases(
  aliases: readonly string[],
  trans: TranslationBundle
): string | null {
  const reserved = aliases.find(
    alias => alias.toLowerCase() === 'latest' || /^v\d+$/i.test(alias)
  );
  if (reserved) {
    return trans.__('"%1" is reserved; choose another alias.', reserved);
  }
  const bad = aliases.find(alias => !/^[\w.-]+$/.test(alias));
  return bad
    ? trans.__(
        '"%1": an alias has letters, digits, "_", "-" and "." only: change it.',
        bad
      )
    : null;
}

/**
 * Register a model: what to register, the registered model (a new name or an existing
 * one, which gets its next version), aliases and a description. Once registered, it says
 * which version was made and offers the registry.
 */
export function RegisterModelForm(props: IRegisterModelFormProps): JSX.Element {
  const { trans, sources, suggestedName, listModels, onDone } = props;
  const [sourceIndex, setSourceIndex] = useState(0);
  const [name, setName] = useState(suggestedName);
  const [aliases, setAliases] = useState('');
  const [description, setDescription] = useState('');
  const [existing, setExisting] = useState<IExistingModel[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<IModelVersion | null>(null);

  useEffect(() => {
    let live = true;
    listModels()
      .then(models => live && setExisting(models))
      .catch(() => live && setExisting([]));
    return () => {
      live = false;
    };
  }, [listModels]);

  const chosen = sources[sourceIndex] ?? null;
  const trimmed = name.trim();
  const joining = existing?.find(model => model.name === trimmed) ?? null;
  const { submitting, error, submit } = useSubmit(async () => {
    const version = await props.register(trimmed, {
      source: chosen!.source,
      run_id: chosen!.runId,
      description: description.trim() || null,
      aliases: parseAliases(aliases),
      tags: props.tags ?? {}
    });
    setCreated(version);
  });

  if (created) {
    return (
      <div className="jp-mlstudio-form jp-mlstudio-register-done" role="status">
        <p>
          {trans.__('Registered %1 version %2.', created.name, created.version)}
          {created.aliases.length
            ? ` ${trans.__(
                'Aliases: %1.',
                created.aliases.map(alias => `@${alias}`).join(', ')
              )}`
            : ''}
        </p>
        <div className="jp-mlstudio-form-actions">
          <button
            type="button"
            className="jp-mlstudio-button jp-mod-styled jp-mod-reject"
            onClick={onDone}
          >
            {trans.__('Close')}
          </button>
          <button
            type="button"
            className="jp-mlstudio-button jp-mod-styled jp-mod-accept jp-mlstudio-open-registered"
            onClick={() => {
              props.onOpenModel(created.name);
              onDone();
            }}
          >
            {trans.__('Open in the model registry')}
          </button>
        </div>
      </div>
    );
  }

  const onSubmit = async (event: React.FormEvent): Promise<void> => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!chosen) {
      found.source = trans.__('There is nothing to register yet.');
    }
    if (!trimmed) {
      found.name = trans.__('Name the registered model.');
    } else if (/[/:]/.test(trimmed)) {
      found.name = trans.__('A model name has no "/" or ":": remove them.');
    }
    const aliasError = checkAliases(parseAliases(aliases), trans);
    if (aliasError) {
      found.aliases = aliasError;
    }
    setErrors(found);
    if (Object.keys(found).length === 0) {
      await submit();
    }
  };

  return (
    <form
      className="jp-mlstudio-form jp-mlstudio-register-model-form"
      aria-label={trans.__('Register a model')}
      onSubmit={onSubmit}
      noValidate
    >
      <FormField
        id="jp-mlstudio-register-source"
        field="source"
        label={trans.__('Register')}
        error={errors.source}
        hint={chosen?.source}
      >
        {sources.length > 1 ? (
          <select
            id="jp-mlstudio-register-source"
            className="jp-mod-styled"
            value={sourceIndex}
            onChange={event => setSourceIndex(Number(event.target.value))}
          >
            {sources.map((item, index) => (
              <option key={item.source} value={index}>
                {item.label}
              </option>
            ))}
          </select>
        ) : (
          <div id="jp-mlstudio-register-source" className="jp-mlstudio-uri">
            {chosen?.label ?? trans.__('nothing')}
          </div>
        )}
      </FormField>
      <FormField
        id="jp-mlstudio-register-name"
        field="name"
        label={trans.__('Registered model')}
        error={errors.name}
        hint={
          !trimmed
            ? trans.__('A new name, or one of the registered models.')
            : joining
              ? trans.__(
                  'Adds version %1 to the registered model %2.',
                  (joining.latestVersion ?? 0) + 1,
                  joining.name
                )
              : trans.__('Creates the registered model %1, version 1.', trimmed)
        }
      >
        <input
          id="jp-mlstudio-register-name"
          className="jp-mod-styled"
          type="text"
          list="jp-mlstudio-register-models"
          spellCheck={false}
          autoFocus
          value={name}
          aria-invalid={!!errors.name}
          onChange={event => setName(event.target.value)}
        />
        <datalist id="jp-mlstudio-register-models">
          {(existing ?? []).map(model => (
            <option key={model.name} value={model.name} />
          ))}
        </datalist>
      </FormField>
      <FormField
        id="jp-mlstudio-register-aliases"
        field="aliases"
        label={trans.__('Aliases')}
        error={errors.aliases}
        hint={trans.__(
          'Optional, comma-separated, e.g. champion: an alias moves to this version.'
        )}
      >
        <input
          id="jp-mlstudio-register-aliases"
          className="jp-mod-styled"
          type="text"
          spellCheck={false}
          value={aliases}
          placeholder="champion"
          aria-invalid={!!errors.aliases}
          onChange={event => setAliases(event.target.value)}
        />
      </FormField>
      <FormField
        id="jp-mlstudio-register-description"
        field="description"
        label={trans.__('Description')}
      >
        <textarea
          id="jp-mlstudio-register-description"
          className="jp-mod-styled"
          rows={2}
          value={description}
          onChange={event => setDescription(event.target.value)}
        />
      </FormField>
      {error ? <RequestErrorMessage error={error} trans={trans} /> : null}
      <div className="jp-mlstudio-form-actions">
        <button
          type="button"
          className="jp-mlstudio-button jp-mod-styled jp-mod-reject"
          onClick={onDone}
        >
          {trans.__('Cancel')}
        </button>
        <button
          type="submit"
          className="jp-mlstudio-button jp-mod-styled jp-mod-accept"
          disabled={submitting || !chosen}
        >
          {submitting ? trans.__('Registering…') : trans.__('Register')}
        </button>
      </div>
    </form>
  );
}
