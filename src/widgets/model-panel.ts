import type { IDisposable } from '@lumino/disposable';
import { ReactWidget } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';

/** What a main-area panel shows: a model of its own, read again when asked. */
export interface IPanelModel extends IDisposable {
  refresh?(): Promise<void>;
}

/**
 * The body of a main-area tab that owns its model (a job, a run, a comparison, ...): the
 * panel keeps its options, and disposes the model with itself.
 */
export abstract class ModelPanel<
  M extends IPanelModel,
  O extends { model: M }
> extends ReactWidget {
  constructor(options: O, panel: ModelPanel.IPanelOptions) {
    super();
    this.model = options.model;
    this.options = options;
    this._refreshOnShow = panel.refreshOnShow ?? false;
    this.addClass(panel.className);
  }

  /** The model shown, disposed with the panel. */
  readonly model: M;

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.dispose();
    super.dispose();
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    if (this._refreshOnShow) {
      void this.model.refresh?.();
    }
  }

  /** The options the panel was made with. */
  protected readonly options: O;

  private _refreshOnShow: boolean;
}

export namespace ModelPanel {
  /** What kind of panel a subclass is. */
  export interface IPanelOptions {
    /** Class of the panel's node. */
    className: string;
    /**
     * Whether showing the panel (its tab brought forward) reads the model again, so what
     * appears is current although the model's poll rests while the tab is hidden.
     */
    refreshOnShow?: boolean;
  }
}
