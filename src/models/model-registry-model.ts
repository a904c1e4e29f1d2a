import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import type { IListModelsOptions } from '../api/models';
import { asRequestError, MLStudioRequestError } from '../request';
import type {
  IRegisteredModel,
  IRegisteredModelDetail,
  IRegisteredModelList
} from '../tokens';

/** The server calls of the model registry view. */
export interface IModelRegistryApi {
  listModels(options: IListModelsOptions): Promise<IRegisteredModelList>;
  getModel(name: string): Promise<IRegisteredModelDetail>;
}

/**
 * The model registry: the registered models (filtered by name as the user types), and
 * the versions of the model chosen.
 */
export class ModelRegistryModel implements IDisposable {
  constructor(options: ModelRegistryModel.IOptions) {
    this._api = options.api;
    this._pageSize = options.pageSize ?? 200;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get models(): readonly IRegisteredModel[] {
    return this._models;
  }

  get hasMore(): boolean {
    return this._nextToken !== null;
  }

  /** The name filter: models whose name contains it (case-insensitive). */
  get search(): string {
    return this._search;
  }

  get selected(): string | null {
    return this._selected;
  }

  /** The chosen model with its versions, once read. */
  get detail(): IRegisteredModelDetail | null {
    return this._detail;
  }

  get error(): MLStudioRequestError | null {
    return this._error;
  }

  get detailError(): MLStudioRequestError | null {
    return this._detailError;
  }

  get isLoaded(): boolean {
    return this._loaded;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Read the models matching the search (and the chosen model's versions again). */
  async refresh(): Promise<void> {
    const sequence = ++this._sequence;
    try {
      const page = await this._api.listModels({
        filter: ModelRegistryModel.nameFilter(this._search),
        max_items: this._pageSize
      });
      if (sequence !== this._sequence || this._isDisposed) {
        return;
      }
      this._models = page.models;
      this._nextToken = page.next_token ?? null;
      this._error = null;
    } catch (reason) {
      if (sequence === this._sequence) {
        this._error = asRequestError(reason);
      }
    } finally {
      this._loaded = true;
      this._emit();
    }
    if (this._selected) {
      await this._readDetail(this._selected);
    }
  }

  /** Read the next page of models. */
  async loadMore(): Promise<void> {
    const token = this._nextToken;
    if (token === null) {
      return;
    }
    try {
      const page = await this._api.listModels({
        filter: ModelRegistryModel.nameFilter(this._search),
        max_items: this._pageSize,
        next_token: token
      });
      this._models = [...this._models, ...page.models];
      this._nextToken = page.next_token ?? null;
    } catch (reason) {
      this._error = asRequestError(reason);
    }
    this._emit();
  }

  /** Show only models whose name contains `text`. */
  setSearch(text: string): Promise<void> {
    this._search = text;
    this._emit();
    return this.refresh();
  }

  /** Choose a model and read its versions. */
  async select(name: string | null): Promise<void> {
    this._selected = name;
    this._detail = null;
    this._detailError = null;
    this._emit();
    if (name) {
      await this._readDetail(name);
    }
  }

  dispose(): void {
    if (!this._isDisposed) {
      this._isDisposed = true;
      Signal.clearData(this);
    }
  }

  private async _readDetail(name: string): Promise<void> {
    try {
      const detail = await this._api.getModel(name);
      if (this._selected !== name || this._isDisposed) {
        return;
      }
      this._detail = detail;
      this._detailError = null;
    } catch (reason) {
      if (this._selected === name) {
        this._detailError = asRequestError(reason);
      }
    }
    this._emit();
  }

  private _emit(): void {
    if (!this._isDisposed) {
      this._changed.emit();
    }
  }

  private _api: IModelRegistryApi;
  private _changed = new Signal<this, void>(this);
  private _detail: IRegisteredModelDetail | null = null;
  private _detailError: MLStudioRequestError | null = null;
  private _error: MLStudioRequestError | null = null;
  private _isDisposed = false;
  private _loaded = false;
  private _models: IRegisteredModel[] = [];
  private _nextToken: string | null = null;
  private _pageSize: number;
  private _search = '';
  private _selected: string | null = null;
  private _sequence = 0;
}

export namespace ModelRegistryModel {
  /** Constructor options. */
  export interface IOptions {
    api: IModelRegistryApi;
    /** Models per read. Default: 200. */
    pageSize?: number;
  }

  /** The registry filter of a name search: `name ILIKE '%text%'`, quotes escaped. */
  export function nameFilter(text: string): string | undefined {
    const trimmed = text.trim();
    if (!trimmed) {
      return undefined;
    }
    return `name ILIKE '%${trimmed.replace(/'/g, "''")}%'`;
  }
}
