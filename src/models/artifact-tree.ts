import { ISignal, Signal } from '@lumino/signaling';

import { asRequestError, MLStudioRequestError } from '../request';
import type { IArtifactEntry, IArtifactList } from '../tokens';
import { baseName } from './artifact-preview';

/** A line of the artifact tree as the browser shows it. */
export interface IArtifactRow {
  entry: IArtifactEntry;
  name: string;
  /** Nesting depth, 0 for the root's entries. */
  depth: number;
  expanded: boolean;
  /** Whether the folder's entries are being read. */
  loading: boolean;
  /** Why the folder could not be read. */
  error: MLStudioRequestError | null;
}

/** What the model keeps per folder. */
interface IFolder {
  entries: IArtifactEntry[] | null;
  loading: boolean;
  error: MLStudioRequestError | null;
}

/**
 * A run's artifacts as a tree: folders are read when first expanded (one request per
 * folder), and stay read when collapsed. Folders come before files, each by name.
 */
export class ArtifactTreeModel {
  constructor(options: ArtifactTreeModel.IOptions) {
    this._list = options.list;
  }

  /** Emitted when a folder was read, expanded or collapsed, or the selection changed. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The root's state: whether it is read and why not. */
  get root(): Readonly<IFolder> {
    return this._folder('');
  }

  /** Path of the selected file, or null. */
  get selected(): string | null {
    return this._selected;
  }

  /** The visible lines: the root's entries and those of every expanded folder. */
  get rows(): IArtifactRow[] {
    const rows: IArtifactRow[] = [];
    const visit = (path: string, depth: number): void => {
      for (const entry of this._folders.get(path)?.entries ?? []) {
        const folder = this._folders.get(entry.path);
        const expanded = entry.is_dir && this._expanded.has(entry.path);
        rows.push({
          entry,
          name: baseName(entry.path),
          depth,
          expanded,
          loading: folder?.loading ?? false,
          error: folder?.error ?? null
        });
        if (expanded) {
          visit(entry.path, depth + 1);
        }
      }
    };
    visit('', 0);
    return rows;
  }

  /** Read the root folder. */
  load(): Promise<void> {
    return this._read('');
  }

  /** Expand a collapsed folder (reading it the first time) or collapse an expanded one. */
  async toggle(path: string): Promise<void> {
    if (this._expanded.delete(path)) {
      this._changed.emit();
      return;
    }
    this._expanded.add(path);
    this._changed.emit();
    const folder = this._folder(path);
    if (folder.entries === null && !folder.loading) {
      await this._read(path);
    }
  }

  /** Select a file to preview. */
  select(path: string | null): void {
    if (path !== this._selected) {
      this._selected = path;
      this._changed.emit();
    }
  }

  private _folder(path: string): IFolder {
    let folder = this._folders.get(path);
    if (!folder) {
      folder = { entries: null, loading: false, error: null };
      this._folders.set(path, folder);
    }
    return folder;
  }

  private async _read(path: string): Promise<void> {
    const folder = this._folder(path);
    folder.loading = true;
    this._changed.emit();
    try {
      const answer = await this._list(path);
      folder.entries = ArtifactTreeModel.order(answer.entries);
      folder.error = null;
    } catch (reason) {
      folder.error = asRequestError(reason);
    } finally {
      folder.loading = false;
      this._changed.emit();
    }
  }

  private _changed = new Signal<this, void>(this);
  private _expanded = new Set<string>();
  private _folders = new Map<string, IFolder>();
  private _list: (path: string) => Promise<IArtifactList>;
  private _selected: string | null = null;
}

export namespace ArtifactTreeModel {
  /** Constructor options. */
  export interface IOptions {
    /** Reads one folder (`''` is the root). */
    list: (path: string) => Promise<IArtifactList>;
  }

  /** Folders first, then files, each by name. */
  export function order(entries: readonly IArtifactEntry[]): IArtifactEntry[] {
    return [...entries].sort(
      (a, b) =>
        Number(b.is_dir) - Number(a.is_dir) ||
        baseName(a.path).localeCompare(baseName(b.path))
    );
  }
}
