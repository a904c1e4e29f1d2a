import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import { ISignal, Signal } from '@lumino/signaling';
import React from 'react';

/** What a sidebar section shows: a shared model that says when it changed and reads again. */
export interface ISectionModel {
  readonly changed: ISignal<unknown, unknown>;
  /** Read the server now. */
  refresh(): Promise<void>;
}

/**
 * A sidebar section (an accordion pane) that renders from a model and re-renders when it
 * changes. Every section of the ML Studio sidebar is one.
 *
 * Showing the section (opening the sidebar, expanding the pane) refreshes the model,
 * so what appears is current even though the poll rests while nobody looks.
 */
export class ModelSection<
  M extends ISectionModel = ISectionModel
> extends ReactWidget {
  constructor(options: ModelSection.IOptions<M>) {
    super();
    this.model = options.model;
    this._body = () => options.render(this.model);
    this._onShow = options.onShow ?? null;
    this.id = options.id;
    this.title.label = options.label;
    this.addClass('jp-mlstudio-section');
    if (options.className) {
      this.addClass(options.className);
    }
    this._isEmpty = options.isEmpty ?? null;
    this._summary = options.summary ?? null;
    this.model.changed.connect(this._onModelChanged, this);
  }

  /** The model shown; the section does not own it. */
  readonly model: M;

  /** Whether the section has nothing to show; undefined until that is known. */
  get isEmpty(): boolean | undefined {
    return this._isEmpty ? this._isEmpty(this.model) : undefined;
  }

  /** A few words for the section's header (a count), or null. */
  get summary(): string | null {
    return this._summary ? this._summary(this.model) : null;
  }

  /** Emitted when {@link isEmpty} or {@link summary} may have changed. */
  get stateChanged(): ISignal<this, void> {
    return this._stateChanged;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.changed.disconnect(this._onModelChanged, this);
    super.dispose();
  }

  protected render(): JSX.Element {
    return <UseSignal signal={this.model.changed}>{this._body}</UseSignal>;
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refresh();
    this._onShow?.();
  }

  private _onModelChanged(): void {
    this._stateChanged.emit();
  }

  private _onShow: (() => void) | null;
  private _body: () => JSX.Element;
  private _isEmpty: ((model: M) => boolean | undefined) | null;
  private _stateChanged = new Signal<this, void>(this);
  private _summary: ((model: M) => string | null) | null;
}

export namespace ModelSection {
  /** Constructor options. */
  export interface IOptions<M extends ISectionModel> {
    model: M;
    /** DOM id of the section. */
    id: string;
    /** Title of the accordion pane. */
    label: string;
    className?: string;
    /** Renders the section's body from the model. */
    render: (model: M) => JSX.Element;
    /** Called when the section is shown, to refresh what else it shows. */
    onShow?: () => void;
    /**
     * Whether the model has nothing to show (undefined before its first read): a section
     * added with `initiallyCollapsed: 'when-empty'` stays collapsed while it is.
     */
    isEmpty?: (model: M) => boolean | undefined;
    /** A few words for the section's header, e.g. "3 jobs, 1 running". */
    summary?: (model: M) => string | null;
  }
}
