import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { IRunningResource } from '../api/resources';
import { formatBytes, formatDuration } from '../format';
import { ResourcesModel } from '../models/resources-model';

/** How the kinds read in the list. */
const KIND_LABELS: Record<string, string> = {
  kernel: 'Kernel',
  app: 'App',
  'training-job': 'Training job',
  'processing-job': 'Processing job',
  'transform-job': 'Transform job',
  endpoint: 'Endpoint'
};

/**
 * The sidebar's Running section: every kernel, app, job and endpoint the user has running,
 * with its instance type, run time and memory, and a Stop button on each. Admins switch to
 * everyone's and stop idle kernels.
 */
export class ResourcesSection extends Widget {
  constructor(options: ResourcesSection.IOptions) {
    super();
    this.id = 'mlstudio-resources-section';
    this.addClass('jp-mlstudio-resources-section');
    this._model = options.model;
    this._trans = options.trans;
    this._confirm = options.confirm;
    this.title.label = options.trans.__('Running');
    this._bar = document.createElement('div');
    this._bar.className = 'jp-mlstudio-resources-bar';
    this._summary = document.createElement('span');
    this._summary.className = 'jp-mlstudio-resources-summary';
    this._everyone = document.createElement('label');
    this._everyone.className = 'jp-mlstudio-resources-everyone';
    const toggle = document.createElement('input');
    toggle.type = 'checkbox';
    toggle.addEventListener('change', () => {
      this._model.scope = toggle.checked ? 'everyone' : 'mine';
    });
    this._everyone.append(toggle, options.trans.__('Everyone'));
    this._stopIdle = document.createElement('button');
    this._stopIdle.className = 'jp-mlstudio-resources-stop-idle jp-mod-styled';
    this._stopIdle.textContent = options.trans.__('Stop idle…');
    this._stopIdle.title = options.trans.__(
      'Stop every kernel idle for the minutes you choose'
    );
    this._stopIdle.addEventListener('click', () => void this._askStopIdle());
    this._bar.append(this._summary, this._everyone, this._stopIdle);
    this._message = document.createElement('p');
    this._message.className = 'jp-mlstudio-resources-message';
    this._list = document.createElement('ul');
    this._list.className = 'jp-mlstudio-resources-list';
    this.node.append(this._bar, this._message, this._list);
    this._model.changed.connect(this._render, this);
    this._render();
  }

  dispose(): void {
    this._model.changed.disconnect(this._render, this);
    super.dispose();
  }

  private async _askStopIdle(): Promise<void> {
    const minutes = await this._confirm.idleMinutes();
    if (minutes === null) {
      return;
    }
    const stopped = await this._model.stopIdle(minutes);
    if (stopped !== null) {
      this._message.textContent = this._trans._n(
        'Stopped %1 idle kernel.',
        'Stopped %1 idle kernels.',
        stopped
      );
    }
  }

  private _render(): void {
    const model = this._model;
    const trans = this._trans;
    const overview = model.overview;
    this._everyone.hidden = !model.isAdmin;
    this._stopIdle.hidden = !model.isAdmin;
    const resources = model.resources;
    this._summary.textContent = overview
      ? trans.__(
          '%1 running · %2 reserved',
          resources.length,
          formatBytes(overview.memory_reserved_bytes)
        )
      : '';
    if (model.error) {
      this._message.textContent = model.error.message;
    } else if (!overview) {
      this._message.textContent = trans.__('Reading what runs…');
    } else if (!resources.length) {
      this._message.textContent =
        model.scope === 'everyone'
          ? trans.__('Nothing runs in the domain.')
          : trans.__('Nothing of yours runs.');
    } else {
      this._message.textContent = '';
    }
    this._list.replaceChildren(...resources.map(item => this._row(item)));
  }

  private _row(resource: IRunningResource): HTMLLIElement {
    const trans = this._trans;
    const row = document.createElement('li');
    row.className = 'jp-mlstudio-resources-item';
    row.dataset.kind = resource.kind;
    row.dataset.id = resource.id;
    const name = document.createElement('div');
    name.className = 'jp-mlstudio-resources-name';
    name.textContent = resource.name;
    name.title = resource.id;
    const details = document.createElement('div');
    details.className = 'jp-mlstudio-resources-details';
    const memory =
      resource.memory_used_bytes !== null &&
      resource.memory_used_bytes !== undefined
        ? trans.__('%1 used', formatBytes(resource.memory_used_bytes))
        : resource.memory_reserved_bytes
          ? trans.__('%1 reserved', formatBytes(resource.memory_reserved_bytes))
          : '';
    details.textContent = [
      trans.__(KIND_LABELS[resource.kind] ?? resource.kind),
      resource.instance_type,
      formatDuration(resource.run_seconds * 1000),
      memory,
      resource.units > 1 ? trans.__('%1 units', resource.units) : '',
      resource.idle_seconds !== null && resource.idle_seconds !== undefined
        ? trans.__('idle %1', formatDuration(resource.idle_seconds * 1000))
        : '',
      this._model.scope === 'everyone' ? resource.owner : ''
    ]
      .filter(Boolean)
      .join(' · ');
    const stop = document.createElement('button');
    stop.className = 'jp-mlstudio-resources-stop jp-mod-styled jp-mod-warn';
    stop.textContent = this._model.isStopping(resource)
      ? trans.__('Stopping…')
      : trans.__('Stop');
    stop.disabled = this._model.isStopping(resource);
    stop.title = trans.__('Stop %1', resource.name);
    stop.addEventListener('click', async () => {
      if (await this._confirm.stop(resource)) {
        await this._model.stop(resource);
      }
    });
    const text = document.createElement('div');
    text.className = 'jp-mlstudio-resources-text';
    text.append(name, details);
    row.append(text, stop);
    return row;
  }

  private _model: ResourcesModel;
  private _trans: TranslationBundle;
  private _confirm: ResourcesSection.IConfirm;
  private _bar: HTMLDivElement;
  private _summary: HTMLSpanElement;
  private _everyone: HTMLLabelElement;
  private _stopIdle: HTMLButtonElement;
  private _message: HTMLParagraphElement;
  private _list: HTMLUListElement;
}

export namespace ResourcesSection {
  /** Questions the section asks the user (dialogs in the app, answers in tests). */
  export interface IConfirm {
    /** Whether to stop `resource`. */
    stop: (resource: IRunningResource) => Promise<boolean>;
    /** Minutes of idleness past which kernels stop, or null to cancel. */
    idleMinutes: () => Promise<number | null>;
  }

  /** Constructor options. */
  export interface IOptions {
    model: ResourcesModel;
    trans: TranslationBundle;
    confirm: IConfirm;
  }
}
