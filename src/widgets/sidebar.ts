import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { SidePanel } from '@jupyterlab/ui-components';
import { ISignal, Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';

import { mlstudioIcon } from '../icons';
import type { IMLStudioSidebar } from '../tokens';

/** Rank of a section added without one. */
const DEFAULT_SECTION_RANK = 500;

/**
 * The ML Studio sidebar: a heading, a toolbar and an accordion of sections
 * (Status, Instance types, and whatever other plugins add).
 */
export class MLStudioSidebar extends SidePanel implements IMLStudioSidebar {
  constructor(options: MLStudioSidebar.IOptions) {
    const translator = options.translator ?? nullTranslator;
    super({ translator });
    const trans = translator.load('jupyterlab_mlstudio');
    this.id = 'mlstudio-sidebar';
    this.addClass('jp-mlstudio-sidebar');
    this.title.icon = mlstudioIcon;
    this.title.caption = trans.__('ML Studio');
    this._refreshInterval = options.refreshInterval;

    const heading = document.createElement('h2');
    heading.textContent = trans.__('ML Studio');
    const header = new Widget({ node: heading });
    header.addClass('jp-mlstudio-sidebar-title');
    this.header.addWidget(header);
  }

  get refreshInterval(): number {
    return this._refreshInterval;
  }
  set refreshInterval(milliseconds: number) {
    if (milliseconds === this._refreshInterval) {
      return;
    }
    this._refreshInterval = milliseconds;
    this._refreshIntervalChanged.emit(milliseconds);
  }

  get refreshIntervalChanged(): ISignal<this, number> {
    return this._refreshIntervalChanged;
  }

  get refreshRequested(): ISignal<this, void> {
    return this._refreshRequested;
  }

  addSection(
    widget: Widget,
    options: IMLStudioSidebar.ISectionOptions = {}
  ): void {
    const rank = options.rank ?? DEFAULT_SECTION_RANK;
    this._ranks.set(widget, rank);
    widget.disposed.connect(() => this._ranks.delete(widget));
    const index = this.widgets.findIndex(
      existing => (this._ranks.get(existing) ?? DEFAULT_SECTION_RANK) > rank
    );
    this.insertWidget(index === -1 ? this.widgets.length : index, widget);
  }

  requestRefresh(): void {
    this._refreshRequested.emit();
  }

  private _ranks = new Map<Widget, number>();
  private _refreshInterval: number;
  private _refreshIntervalChanged = new Signal<this, number>(this);
  private _refreshRequested = new Signal<this, void>(this);
}

export namespace MLStudioSidebar {
  /** Constructor options. */
  export interface IOptions {
    /** Milliseconds between background refreshes, until the settings say otherwise. */
    refreshInterval: number;
    translator?: ITranslator;
  }
}
