import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import React from 'react';

import type { StatusModel } from '../models/status-model';

/**
 * A sidebar section that renders from the status model and re-renders when it changes.
 *
 * Showing the section (opening the sidebar, expanding the pane) refreshes the model,
 * so what appears is current even though the poll rests while nobody looks.
 */
export class ModelSection extends ReactWidget {
  constructor(options: ModelSection.IOptions) {
    super();
    this._model = options.model;
    this._render = options.render;
    this._onShow = options.onShow ?? null;
    this.id = options.id;
    this.title.label = options.label;
    this.addClass('jp-mlstudio-section');
    if (options.className) {
      this.addClass(options.className);
    }
  }

  protected render(): JSX.Element {
    return (
      <UseSignal signal={this._model.changed}>
        {() => this._render(this._model)}
      </UseSignal>
    );
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this._model.refresh();
    this._onShow?.();
  }

  private _model: StatusModel;
  private _onShow: (() => void) | null;
  private _render: (model: StatusModel) => JSX.Element;
}

export namespace ModelSection {
  /** Constructor options. */
  export interface IOptions {
    model: StatusModel;
    /** DOM id of the section. */
    id: string;
    /** Title of the accordion pane. */
    label: string;
    className?: string;
    /** Renders the section's body from the model. */
    render: (model: StatusModel) => JSX.Element;
    /** Called when the section is shown, to refresh what else it shows. */
    onShow?: () => void;
  }
}
