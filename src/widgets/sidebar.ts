import type { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import {
  caretDownIcon,
  caretRightIcon,
  SidePanel
} from '@jupyterlab/ui-components';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';
import { Panel, PanelLayout, Widget } from '@lumino/widgets';

import { mlstudioIcon } from '../icons';
import type { IMLStudioSidebar } from '../tokens';

/** Rank of a section added without one. */
const DEFAULT_SECTION_RANK = 500;

/** State-database key of the sections the user expanded or collapsed. */
const COLLAPSED_STATE_KEY = 'jupyterlab-mlstudio:sidebar-sections';

/**
 * What a section may tell the sidebar about itself (a {@link ModelSection} does): whether
 * it has anything to show, and a short summary for its header ("3 jobs, 1 running").
 */
export interface ISectionState {
  /** True when the section has nothing to show; undefined while that is not known yet. */
  readonly isEmpty?: boolean;
  /** A few words beside the title, e.g. a count; null for none. */
  readonly summary?: string | null;
  /** Emitted when `isEmpty` or `summary` change. */
  readonly stateChanged?: ISignal<unknown, void>;
}

/**
 * The ML Studio sidebar: a heading, a toolbar and its sections, one under the other, each
 * as tall as its content and scrolling together, so a short list never wastes room that a
 * long one needs. Each section can be collapsed from its header; sections that are empty
 * or rarely used start collapsed, and the user's choices are kept between sessions.
 */
export class MLStudioSidebar extends SidePanel implements IMLStudioSidebar {
  constructor(options: MLStudioSidebar.IOptions) {
    const translator = options.translator ?? nullTranslator;
    const content = new Panel();
    content.addClass('jp-mlstudio-sidebar-sections');
    super({ translator, content });
    const trans = translator.load('jupyterlab_mlstudio');
    this.id = 'mlstudio-sidebar';
    this.addClass('jp-mlstudio-sidebar');
    this.title.icon = mlstudioIcon;
    this.title.caption = trans.__('ML Studio');
    this._refreshInterval = options.refreshInterval;
    this._state = options.state ?? null;
    this._expandLabel = trans.__('Expand %1');
    this._collapseLabel = trans.__('Collapse %1');

    const heading = document.createElement('h2');
    heading.textContent = trans.__('ML Studio');
    const header = new Widget({ node: heading });
    header.addClass('jp-mlstudio-sidebar-title');
    this.header.addWidget(header);
    void this._readChoices();
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

  /** The sections, in their order. */
  get sections(): readonly Widget[] {
    return this._frames.map(frame => frame.section);
  }

  addSection(
    widget: Widget,
    options: IMLStudioSidebar.ISectionOptions = {}
  ): void {
    const rank = options.rank ?? DEFAULT_SECTION_RANK;
    const frame = new SectionFrame({
      section: widget,
      rank,
      initiallyCollapsed: options.initiallyCollapsed ?? false,
      actions: options.actions ?? [],
      chosen: this._choices?.[widget.id],
      labels: { expand: this._expandLabel, collapse: this._collapseLabel },
      onToggle: collapsed => this._saveChoice(widget.id, collapsed)
    });
    const index = this._frames.findIndex(existing => existing.rank > rank);
    const at = index === -1 ? this._frames.length : index;
    this._frames.splice(at, 0, frame);
    this.content.insertWidget(at, frame);
    widget.disposed.connect(() => {
      this._frames = this._frames.filter(item => item !== frame);
      frame.dispose();
    });
  }

  /** Whether a section is collapsed (by its id). */
  isCollapsed(id: string): boolean {
    return (
      this._frames.find(frame => frame.section.id === id)?.collapsed ?? false
    );
  }

  /** Expand or collapse a section (by its id), as a click on its header does. */
  setCollapsed(id: string, collapsed: boolean): void {
    this._frames
      .find(frame => frame.section.id === id)
      ?.setCollapsed(collapsed, true);
  }

  requestRefresh(): void {
    this._refreshRequested.emit();
  }

  private async _readChoices(): Promise<void> {
    if (!this._state) {
      this._choices = {};
      return;
    }
    try {
      const saved = await this._state.fetch(COLLAPSED_STATE_KEY);
      const choices: Record<string, boolean> = {};
      if (saved && typeof saved === 'object' && !Array.isArray(saved)) {
        for (const [id, value] of Object.entries(saved)) {
          if (typeof value === 'boolean') {
            choices[id] = value;
          }
        }
      }
      this._choices = choices;
    } catch {
      this._choices = {};
    }
    for (const frame of this._frames) {
      const chosen = this._choices[frame.section.id];
      if (chosen !== undefined) {
        frame.applyChoice(chosen);
      }
    }
  }

  private _saveChoice(id: string, collapsed: boolean): void {
    this._choices = { ...(this._choices ?? {}), [id]: collapsed };
    void this._state
      ?.save(COLLAPSED_STATE_KEY, this._choices as ReadonlyPartialJSONObject)
      .catch(() => {
        // Unsaved, the choice only lasts this session.
      });
  }

  private _choices: Record<string, boolean> | null = null;
  private _collapseLabel: string;
  private _expandLabel: string;
  private _frames: SectionFrame[] = [];
  private _refreshInterval: number;
  private _refreshIntervalChanged = new Signal<this, number>(this);
  private _refreshRequested = new Signal<this, void>(this);
  private _state: IStateDB | null;
}

export namespace MLStudioSidebar {
  /** Constructor options. */
  export interface IOptions {
    /** Milliseconds between background refreshes, until the settings say otherwise. */
    refreshInterval: number;
    translator?: ITranslator;
    /** Where the sections the user collapsed or expanded are remembered. */
    state?: IStateDB | null;
  }
}

/**
 * A section in the sidebar: a header (caret, title, summary, actions) that collapses and
 * expands it, and the section itself, as tall as its content.
 */
class SectionFrame extends Widget {
  constructor(options: SectionFrame.IOptions) {
    super();
    this.section = options.section;
    this.rank = options.rank;
    this._labels = options.labels;
    this._onToggle = options.onToggle;
    this._initially = options.initiallyCollapsed;
    this.addClass('jp-mlstudio-section-frame');
    this.node.dataset.section = this.section.id;

    const header = document.createElement('div');
    header.className = 'jp-mlstudio-section-header';
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'jp-mlstudio-section-toggle';
    toggle.setAttribute('aria-controls', this.section.id);
    this._caret = document.createElement('span');
    this._caret.className = 'jp-mlstudio-section-caret';
    this._label = document.createElement('span');
    this._label.className = 'jp-mlstudio-section-title';
    this._summary = document.createElement('span');
    this._summary.className = 'jp-mlstudio-section-summary';
    toggle.append(this._caret, this._label, this._summary);
    toggle.addEventListener('click', () => {
      this.setCollapsed(!this._collapsed, true);
    });
    header.appendChild(toggle);
    for (const action of options.actions) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'jp-mlstudio-icon-button jp-mlstudio-section-action';
      button.title = action.label;
      button.setAttribute('aria-label', action.label);
      if (action.id) {
        button.dataset.action = action.id;
      }
      action.icon.element({ container: button, tag: 'span' });
      button.addEventListener('click', () => action.execute());
      header.appendChild(button);
    }
    this._toggle = toggle;

    const layout = new PanelLayout();
    this.layout = layout;
    layout.addWidget(new Widget({ node: header }));
    layout.addWidget(this.section);
    this.section.addClass('jp-mlstudio-section-body');

    this.section.title.changed.connect(this._updateHeader, this);
    const state = this.section as Widget & ISectionState;
    state.stateChanged?.connect(this._onStateChanged, this);

    // A remembered choice wins; otherwise the section's default, then its contents.
    if (options.chosen !== undefined) {
      this._userChose = true;
      this._collapsed = options.chosen;
    } else {
      this._collapsed = this._initially === true;
      if (this._initially === 'when-empty') {
        this._collapsed = state.isEmpty === true;
      }
    }
    this._apply();
  }

  /** The section shown. */
  readonly section: Widget;

  /** Position among the sections. */
  readonly rank: number;

  get collapsed(): boolean {
    return this._collapsed;
  }

  /** Collapse or expand; `byUser` remembers the choice. */
  setCollapsed(collapsed: boolean, byUser: boolean): void {
    if (byUser) {
      this._userChose = true;
      this._onToggle(collapsed);
    }
    if (collapsed !== this._collapsed) {
      this._collapsed = collapsed;
      this._apply();
    }
  }

  /** A choice read back from the last session. */
  applyChoice(collapsed: boolean): void {
    this._userChose = true;
    if (collapsed !== this._collapsed) {
      this._collapsed = collapsed;
      this._apply();
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    Signal.disconnectReceiver(this);
    super.dispose();
  }

  private _onStateChanged(): void {
    // A section that starts collapsed while empty opens once it has something, and
    // closes again while nothing is shown, until the user decides.
    if (!this._userChose && this._initially === 'when-empty') {
      const empty = (this.section as Widget & ISectionState).isEmpty;
      if (empty !== undefined) {
        this.setCollapsed(empty, false);
      }
    }
    this._updateHeader();
  }

  private _apply(): void {
    this.toggleClass('jp-mod-collapsed', this._collapsed);
    this._toggle.setAttribute('aria-expanded', String(!this._collapsed));
    (this._collapsed ? caretRightIcon : caretDownIcon).element({
      container: this._caret,
      tag: 'span'
    });
    if (this._collapsed) {
      this.section.hide();
    } else {
      this.section.show();
    }
    this._updateHeader();
  }

  private _updateHeader(): void {
    const label = this.section.title.label;
    this._label.textContent = label;
    const summary = (this.section as Widget & ISectionState).summary ?? null;
    this._summary.textContent = summary ?? '';
    this._toggle.title = (
      this._collapsed ? this._labels.expand : this._labels.collapse
    ).replace('%1', label);
  }

  private _caret: HTMLElement;
  private _collapsed: boolean;
  private _initially: boolean | 'when-empty';
  private _label: HTMLElement;
  private _labels: { expand: string; collapse: string };
  private _onToggle: (collapsed: boolean) => void;
  private _summary: HTMLElement;
  private _toggle: HTMLButtonElement;
  private _userChose = false;
}

namespace SectionFrame {
  export interface IOptions {
    section: Widget;
    rank: number;
    initiallyCollapsed: boolean | 'when-empty';
    actions: readonly IMLStudioSidebar.ISectionAction[];
    /** The user's choice from an earlier session, if any. */
    chosen: boolean | undefined;
    labels: { expand: string; collapse: string };
    onToggle: (collapsed: boolean) => void;
  }
}
