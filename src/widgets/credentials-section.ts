import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { ICredentials } from '../api/credentials';

/** What the section can ask of the server. */
export interface ICredentialsActions {
  /** A new access key: its id and the secret, to be shown once. */
  createKey(): Promise<{ id: string; secret: string }>;
  /** A new MLflow token: its id and the whole token, to be shown once. */
  createToken(): Promise<{ id: string; secret: string }>;
  revokeKey(id: string): Promise<void>;
  revokeToken(id: string): Promise<void>;
  /** The credentials as they are now. */
  refresh(): Promise<ICredentials>;
}

/**
 * The sidebar's Credentials section: the signed-in user's access keys (for boto3 and the
 * SageMaker SDK) and MLflow tokens, each revocable; a new one's secret is shown once, here,
 * and never again.
 */
export class CredentialsSection extends Widget {
  constructor(options: CredentialsSection.IOptions) {
    super();
    this.id = 'mlstudio-credentials-section';
    this.title.label = options.trans.__('Credentials');
    this.addClass('jp-mlstudio-credentials-section');
    this._trans = options.trans;
    this._actions = options.actions;
    this._message = document.createElement('p');
    this._message.className = 'jp-mlstudio-credentials-message';
    this._message.textContent = options.trans.__('Loading your credentials…');
    this._secret = document.createElement('div');
    this._secret.className = 'jp-mlstudio-credentials-secret';
    this._secret.hidden = true;
    this._keys = this._group(
      options.trans.__('Access keys (AWS faces)'),
      options.trans.__('New access key'),
      () => this._create('key')
    );
    this._tokens = this._group(
      options.trans.__('MLflow tokens'),
      options.trans.__('New MLflow token'),
      () => this._create('token')
    );
    this.node.append(
      this._message,
      this._secret,
      this._keys.group,
      this._tokens.group
    );
  }

  /** Show the user's credentials. */
  setCredentials(credentials: ICredentials): void {
    // The profile and domain ids whole (a line may not break at the hyphen of d-default).
    const marks = ['\uE000', '\uE001'];
    const text = this._trans.__(
      'Signed in as %1 in domain %2. Revoking stops a credential at once.',
      marks[0],
      marks[1]
    );
    const ids = [credentials.user_profile, credentials.domain];
    this._message.replaceChildren(
      ...text.split(/([\uE000\uE001])/).map(part => {
        const index = marks.indexOf(part);
        if (index < 0) {
          return document.createTextNode(part);
        }
        const id = document.createElement('span');
        id.className = 'jp-mlstudio-credentials-id';
        id.textContent = ids[index];
        return id;
      })
    );
    this._fill(
      this._keys.list,
      credentials.access_keys.map(key => ({
        id: key.access_key_id,
        status: key.status,
        purpose: key.purpose
      })),
      id => this._revoke('key', id)
    );
    this._fill(
      this._tokens.list,
      credentials.mlflow_tokens.map(token => ({
        id: token.token_id,
        status: token.status,
        purpose: token.purpose
      })),
      id => this._revoke('token', id)
    );
  }

  /** Say that something failed, and what to do. */
  setError(message: string): void {
    this._message.textContent = this._trans.__(
      'Cannot manage your credentials: %1. Reload the page, or ask your domain admin.',
      message
    );
  }

  /** Read the credentials again from the server. */
  async reload(): Promise<void> {
    try {
      this.setCredentials(await this._actions.refresh());
    } catch (reason) {
      this.setError(reason instanceof Error ? reason.message : String(reason));
    }
  }

  private _group(
    heading: string,
    action: string,
    create: () => Promise<void>
  ): { group: HTMLElement; list: HTMLUListElement } {
    const group = document.createElement('section');
    group.className = 'jp-mlstudio-credentials-group';
    const title = document.createElement('h3');
    title.textContent = heading;
    const list = document.createElement('ul');
    list.className = 'jp-mlstudio-credentials-list';
    const button = document.createElement('button');
    button.className = 'jp-mod-styled jp-mlstudio-credentials-create';
    button.textContent = action;
    button.addEventListener('click', () => {
      void create();
    });
    group.append(title, list, button);
    return { group, list };
  }

  private _fill(
    list: HTMLUListElement,
    items: { id: string; status: string; purpose: string }[],
    revoke: (id: string) => Promise<void>
  ): void {
    if (!items.length) {
      const empty = document.createElement('li');
      empty.className = 'jp-mlstudio-credentials-empty';
      empty.textContent = this._trans.__('None yet.');
      list.replaceChildren(empty);
      return;
    }
    list.replaceChildren(
      ...items.map(item => {
        const row = document.createElement('li');
        row.className = 'jp-mlstudio-credentials-item';
        row.dataset.id = item.id;
        const label = document.createElement('code');
        label.textContent = item.id;
        label.title = item.id;
        const note = document.createElement('span');
        note.className = 'jp-mlstudio-credentials-note';
        note.textContent =
          item.purpose === 'kernel'
            ? this._trans.__('%1, your kernels’', item.status)
            : item.status;
        const button = document.createElement('button');
        button.className = 'jp-mlstudio-credentials-revoke';
        button.textContent = this._trans.__('Revoke');
        button.title = this._trans.__(
          'Revoke %1: it stops working at once',
          item.id
        );
        button.addEventListener('click', () => {
          void revoke(item.id);
        });
        row.append(label, note, button);
        return row;
      })
    );
  }

  private async _create(kind: 'key' | 'token'): Promise<void> {
    try {
      const made =
        kind === 'key'
          ? await this._actions.createKey()
          : await this._actions.createToken();
      this._showSecret(kind, made.id, made.secret);
    } catch (reason) {
      this.setError(reason instanceof Error ? reason.message : String(reason));
      return;
    }
    await this.reload();
  }

  private async _revoke(kind: 'key' | 'token', id: string): Promise<void> {
    try {
      await (kind === 'key'
        ? this._actions.revokeKey(id)
        : this._actions.revokeToken(id));
    } catch (reason) {
      this.setError(reason instanceof Error ? reason.message : String(reason));
      return;
    }
    if (this._secret.dataset.id === id) {
      this._hideSecret();
    }
    await this.reload();
  }

  private _showSecret(kind: 'key' | 'token', id: string, secret: string): void {
    const heading = document.createElement('strong');
    heading.textContent =
      kind === 'key'
        ? this._trans.__('Secret access key of %1', id)
        : this._trans.__('MLflow token %1', id);
    const value = document.createElement('input');
    value.readOnly = true;
    value.value = secret;
    value.className = 'jp-mlstudio-credentials-secret-value';
    value.addEventListener('focus', () => value.select());
    const note = document.createElement('p');
    note.textContent = this._trans.__(
      'Copy it now: it is not shown again. Lost it? Revoke it and make a new one.'
    );
    const done = document.createElement('button');
    done.className = 'jp-mod-styled';
    done.textContent = this._trans.__('Done');
    done.addEventListener('click', () => this._hideSecret());
    this._secret.replaceChildren(heading, value, note, done);
    this._secret.dataset.id = id;
    this._secret.hidden = false;
  }

  private _hideSecret(): void {
    this._secret.replaceChildren();
    delete this._secret.dataset.id;
    this._secret.hidden = true;
  }

  private _trans: TranslationBundle;
  private _actions: ICredentialsActions;
  private _message: HTMLParagraphElement;
  private _secret: HTMLDivElement;
  private _keys: { group: HTMLElement; list: HTMLUListElement };
  private _tokens: { group: HTMLElement; list: HTMLUListElement };
}

export namespace CredentialsSection {
  /** Constructor options. */
  export interface IOptions {
    trans: TranslationBundle;
    actions: ICredentialsActions;
  }
}
