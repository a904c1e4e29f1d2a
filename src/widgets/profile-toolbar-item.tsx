import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import { Signal } from '@lumino/signaling';
import React from 'react';

import { ProfilePickerList } from '../components/profile-picker-list';
import { PickerKind, ProfilePickers } from '../components/profile-pickers';
import type {
  NotebookProfileModel,
  SwitchPhase
} from '../models/notebook-profile-model';
import { PickerPopup } from './picker-popup';

/**
 * The notebook toolbar's item: the image and instance-type pickers of one notebook.
 *
 * Picking keeps the list open while the server checks the choice, so a refusal shows
 * there in full; once the check passes the list closes and the toolbar shows progress.
 */
export class ProfileToolbarItem extends ReactWidget {
  constructor(options: ProfileToolbarItem.IOptions) {
    super();
    this._model = options.model;
    this._trans = options.trans;
    this.addClass('jp-mlstudio-profile-toolbar-item');
    this._model.changed.connect(this._onModelChanged, this);
  }

  /** The switching model shown; disposed with the item. */
  get model(): NotebookProfileModel {
    return this._model;
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._popup?.dispose();
    this._model.changed.disconnect(this._onModelChanged, this);
    this._model.dispose();
    super.dispose();
  }

  protected render(): JSX.Element {
    return (
      <UseSignal signal={this._redraw}>
        {() => (
          <ProfilePickers
            model={this._model}
            trans={this._trans}
            openPicker={this._openKind}
            onToggle={this._toggle}
          />
        )}
      </UseSignal>
    );
  }

  private _toggle = (kind: PickerKind, anchor: HTMLElement): void => {
    const wasOpen = this._openKind;
    this._popup?.close();
    if (wasOpen === kind) {
      return;
    }
    this._model.dismiss();
    // Show what is known at once; the read brings idle timeouts and new images.
    void this._model.profiles.refresh();
    const popup = new PickerPopup({
      anchor,
      signal: this._model.changed,
      render: () => (
        <ProfilePickerList
          model={this._model}
          kind={kind}
          trans={this._trans}
          onPick={value => this._pick(kind, value)}
          onClose={() => popup.close()}
        />
      ),
      onClosed: () => {
        if (this._popup === popup) {
          this._popup = null;
          this._openKind = null;
          this._redraw.emit();
        }
      }
    });
    this._popup = popup;
    this._openKind = kind;
    popup.open();
    this._redraw.emit();
  };

  private _pick(kind: PickerKind, value: string): void {
    void this._model.switchTo(
      kind === 'image' ? { image: value } : { instance_type: value }
    );
    // Nothing to check (the current choice was picked): done.
    if (this._model.phase !== 'checking') {
      this._popup?.close();
    }
  }

  private _onModelChanged(): void {
    const phase = this._model.phase;
    const previous = this._lastPhase;
    this._lastPhase = phase;
    // The check passed (or the switch moved on): the toolbar takes over.
    if (
      previous === 'checking' &&
      phase !== 'checking' &&
      phase !== 'refused'
    ) {
      this._popup?.close();
    }
    this._redraw.emit();
  }

  private _lastPhase: SwitchPhase = 'idle';
  private _model: NotebookProfileModel;
  private _openKind: PickerKind | null = null;
  private _popup: PickerPopup | null = null;
  private _redraw = new Signal<this, void>(this);
  private _trans: TranslationBundle;
}

export namespace ProfileToolbarItem {
  /** Constructor options. */
  export interface IOptions {
    model: NotebookProfileModel;
    trans: TranslationBundle;
  }
}
