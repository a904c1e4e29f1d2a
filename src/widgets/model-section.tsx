import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import type { ISignal } from '@lumino/signaling';
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
  }

  /** The model shown; the section does not own it. */
  readonly model: M;

  protected render(): JSX.Element {
    return <UseSignal signal={this.model.changed}>{this._body}</UseSignal>;
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refresh();
    this._onShow?.();
  }

  private _onShow: (() => void) | null;
  private _body: () => JSX.Element;
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
  }
}
