import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';

import { IJobFormContext, splitEntryScript } from '../models/job-form';
import { useDebouncedEffect } from './use-debounced-effect';

/** An entry of a folder of the server's root, for completing the entry script. */
export interface IDirectoryEntry {
  /** Path relative to the server's root. */
  path: string;
  type: 'directory' | 'file';
}

/** Props of {@link EntryScriptInput}. */
export interface IEntryScriptInputProps {
  id: string;
  value: string;
  invalid: boolean;
  placeholder: string;
  /** Milliseconds of calm before the folder is listed. */
  debounce: number;
  /** Lists a folder of the server's root ('' is the root). */
  listDirectory: (path: string) => Promise<IDirectoryEntry[]>;
  onChange: (value: string) => void;
  onBlur: () => void;
}

/** A text field completed from the folders and scripts of the server's root. */
export function EntryScriptInput(props: IEntryScriptInputProps): JSX.Element {
  const { id, value, invalid, placeholder, debounce, listDirectory } = props;
  const [options, setOptions] = useState<string[]>([]);
  const folder = value.includes('/')
    ? value.slice(0, value.lastIndexOf('/'))
    : '';
  useDebouncedEffect(
    isStale => {
      listDirectory(folder)
        .then(entries => {
          if (!isStale()) {
            setOptions(completions(entries));
          }
        })
        .catch(() => {
          if (!isStale()) {
            setOptions([]);
          }
        });
    },
    [folder, listDirectory],
    debounce
  );
  return (
    <>
      <input
        id={id}
        className="jp-mod-styled"
        type="text"
        list={`${id}-completions`}
        value={value}
        placeholder={placeholder}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={invalid}
        onChange={event => props.onChange(event.target.value)}
        onBlur={props.onBlur}
      />
      <datalist id={`${id}-completions`}>
        {options.map(option => (
          <option key={option} value={option} />
        ))}
      </datalist>
    </>
  );
}

/** Folders (to descend into) and scripts, as completions of the entry script. */
export function completions(entries: readonly IDirectoryEntry[]): string[] {
  const folders = entries
    .filter(entry => entry.type === 'directory' && !isHidden(entry.path))
    .map(entry => `${entry.path}/`);
  const scripts = entries
    .filter(entry => entry.type === 'file' && /\.(py|sh)$/i.test(entry.path))
    .map(entry => entry.path);
  return [...scripts.sort(), ...folders.sort()];
}

/** The hint under the entry script: where the job will run it. */
export function entryScriptHint(
  entryScript: string,
  context: IJobFormContext,
  trans: TranslationBundle
): string {
  const script = splitEntryScript(entryScript);
  if (!script || !context.workspaceRoot) {
    return trans.__(
      'A script below the server root; its folder is uploaded as the code.'
    );
  }
  const root = context.workspaceRoot.replace(/\/+$/, '');
  return trans.__(
    'Runs %1 in a copy of %2',
    script.program,
    script.folder ? `${root}/${script.folder}` : root
  );
}

function isHidden(path: string): boolean {
  return path.split('/').some(part => part.startsWith('.'));
}
