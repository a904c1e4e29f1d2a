import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { IAuditEvent, IAuditPage } from '../api/audit';

/**
 * The sidebar's Audit log section (admins only): who created, started, stopped, deployed,
 * shared or deleted what, when, and through which face; filtered by person, a page at a time.
 */
export class AuditSection extends Widget {
  constructor(options: AuditSection.IOptions) {
    super();
    this.id = 'mlstudio-audit-section';
    this.title.label = options.trans.__('Audit log');
    this.addClass('jp-mlstudio-audit-section');
    this._trans = options.trans;
    this._load = options.load;

    const form = document.createElement('form');
    form.className = 'jp-mlstudio-audit-filter';
    this._owner = document.createElement('input');
    this._owner.className = 'jp-mlstudio-audit-owner';
    this._owner.placeholder = options.trans.__('Filter by person');
    this._owner.setAttribute('aria-label', options.trans.__('Person'));
    const refresh = document.createElement('button');
    refresh.type = 'submit';
    refresh.textContent = options.trans.__('Show');
    form.append(this._owner, refresh);
    form.addEventListener('submit', event => {
      event.preventDefault();
      void this.refresh();
    });

    this._message = document.createElement('p');
    this._message.className = 'jp-mlstudio-audit-message';
    this._list = document.createElement('ul');
    this._list.className = 'jp-mlstudio-audit-list';
    this._more = document.createElement('button');
    this._more.className = 'jp-mlstudio-audit-more';
    this._more.textContent = options.trans.__('Older entries');
    this._more.hidden = true;
    this._more.addEventListener('click', () => {
      void this._page(this._next);
    });
    this.node.append(form, this._message, this._list, this._more);
  }

  /** Read the newest page again (with the current filter). */
  async refresh(): Promise<void> {
    this._list.replaceChildren();
    await this._page(undefined);
  }

  private async _page(token: string | undefined): Promise<void> {
    this._message.textContent = this._trans.__('Reading the audit log…');
    try {
      const page = await this._load(this._owner.value.trim(), token);
      this._show(page);
    } catch (reason) {
      const message = reason instanceof Error ? reason.message : String(reason);
      this._message.textContent = this._trans.__(
        'Cannot read the audit log: %1 Try again with Show.',
        message
      );
    }
  }

  private _show(page: IAuditPage): void {
    this._list.append(...page.events.map(event => this._row(event)));
    this._next = page.next_token ?? undefined;
    this._more.hidden = !this._next;
    this._message.textContent = this._list.childElementCount
      ? ''
      : this._trans.__('No changes recorded yet.');
  }

  private _row(event: IAuditEvent): HTMLLIElement {
    const item = document.createElement('li');
    item.className = 'jp-mlstudio-audit-item';
    if (event.outcome !== 'succeeded') {
      item.classList.add('jp-mod-denied');
    }
    const when = new Date(event.time).toLocaleString();
    const what = `${event.resource_type} ${event.resource_name}`.trim();
    item.textContent = this._trans.__(
      '%1 %2 %3 (%4, %5)',
      event.owner,
      event.action,
      what,
      event.face,
      event.outcome
    );
    item.title = `${when} · ${event.operation} · ${event.space}`;
    const time = document.createElement('span');
    time.className = 'jp-mlstudio-audit-time';
    time.textContent = when;
    item.prepend(time);
    return item;
  }

  private _trans: TranslationBundle;
  private _load: AuditSection.Loader;
  private _owner: HTMLInputElement;
  private _message: HTMLParagraphElement;
  private _list: HTMLUListElement;
  private _more: HTMLButtonElement;
  private _next: string | undefined = undefined;
}

export namespace AuditSection {
  /** Reads one page: `owner` ('' for everyone), after `token`. */
  export type Loader = (
    owner: string,
    token: string | undefined
  ) => Promise<IAuditPage>;

  /** Constructor options. */
  export interface IOptions {
    trans: TranslationBundle;
    load: Loader;
  }
}
