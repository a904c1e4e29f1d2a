import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { ISnapshot } from '../api/snapshots';
import { formatAge } from '../format';

/**
 * The sidebar's Shared notebooks section: snapshots shared with the user and by them,
 * newest first. A click opens one read-only; received ones can be copied, sent ones deleted.
 */
export class SnapshotsSection extends Widget {
  constructor(options: SnapshotsSection.IOptions) {
    super();
    this.id = 'mlstudio-snapshots-section';
    this.addClass('jp-mlstudio-snapshots-section');
    this.title.label = options.trans.__('Shared notebooks');
    this._options = options;
    this._message = document.createElement('p');
    this._message.className = 'jp-mlstudio-snapshots-message';
    this._message.textContent = options.trans.__('Reading shared notebooks…');
    this._list = document.createElement('ul');
    this._list.className = 'jp-mlstudio-snapshots-list';
    this.node.append(this._message, this._list);
  }

  /** Show `snapshots` (newest first). */
  setSnapshots(snapshots: readonly ISnapshot[], now = Date.now()): void {
    const trans = this._options.trans;
    this._message.textContent = snapshots.length
      ? ''
      : trans.__(
          'Nothing shared yet. Share a notebook with the Share button of its toolbar.'
        );
    this._list.replaceChildren(
      ...snapshots.map(snapshot => this._row(snapshot, now))
    );
  }

  /** Say that the list could not be read. */
  setError(message: string): void {
    this._message.textContent = this._options.trans.__(
      'Cannot read shared notebooks: %1',
      message
    );
  }

  private _row(snapshot: ISnapshot, now: number): HTMLLIElement {
    const { trans, open, copy, remove } = this._options;
    const row = document.createElement('li');
    row.className = 'jp-mlstudio-snapshots-item';
    row.dataset.snapshot = snapshot.snapshot_id;
    const name = document.createElement('button');
    name.className = 'jp-mlstudio-snapshots-open';
    name.textContent = snapshot.name;
    name.title = trans.__('Open read-only');
    name.addEventListener('click', () => void open(snapshot));
    const who = document.createElement('div');
    who.className = 'jp-mlstudio-snapshots-details';
    const audience =
      snapshot.audience === 'domain'
        ? trans.__('everyone')
        : snapshot.recipients.join(', ');
    who.textContent = [
      snapshot.sent_by_me
        ? trans.__('to %1', audience)
        : trans.__('from %1', snapshot.sender),
      formatAge(now - snapshot.creation_time)
    ].join(' · ');
    const text = document.createElement('div');
    text.className = 'jp-mlstudio-snapshots-text';
    text.append(name, who);
    const action = document.createElement('button');
    action.className = 'jp-mlstudio-snapshots-action jp-mod-styled';
    if (snapshot.sent_by_me) {
      action.textContent = trans.__('Delete');
      action.title = trans.__('Stop sharing this snapshot');
      action.addEventListener('click', () => void remove(snapshot));
    } else {
      action.textContent = trans.__('Copy');
      action.title = trans.__('Copy into your space');
      action.addEventListener('click', () => void copy(snapshot));
    }
    row.append(text, action);
    return row;
  }

  private _options: SnapshotsSection.IOptions;
  private _message: HTMLParagraphElement;
  private _list: HTMLUListElement;
}

export namespace SnapshotsSection {
  /** Constructor options. */
  export interface IOptions {
    trans: TranslationBundle;
    open: (snapshot: ISnapshot) => Promise<unknown>;
    copy: (snapshot: ISnapshot) => Promise<unknown>;
    remove: (snapshot: ISnapshot) => Promise<unknown>;
  }
}
