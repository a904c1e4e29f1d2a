import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

import type { ISampleSummary } from '../api/samples';

/**
 * The sidebar's Samples section: one line per sample notebook the server ships; a click
 * opens a copy of it in the workspace.
 */
export class SamplesSection extends Widget {
  constructor(options: SamplesSection.IOptions) {
    super();
    this.id = 'mlstudio-samples-section';
    this.title.label = options.trans.__('Samples');
    this.addClass('jp-mlstudio-samples-section');
    this._trans = options.trans;
    this._open = options.open;
    this._list = document.createElement('ul');
    this._list.className = 'jp-mlstudio-samples-list';
    this._message = document.createElement('p');
    this._message.className = 'jp-mlstudio-samples-message';
    this._message.textContent = options.trans.__('Loading the samples…');
    this.node.append(this._message, this._list);
  }

  /** Show `samples`, or why there are none. */
  setSamples(samples: readonly ISampleSummary[]): void {
    this._list.replaceChildren(
      ...samples.map(sample => {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.className = 'jp-mlstudio-samples-item';
        button.title = sample.description;
        button.textContent = sample.title;
        button.dataset.sample = sample.name;
        button.addEventListener('click', () => {
          void this._open(sample);
        });
        item.append(button);
        return item;
      })
    );
    this._message.textContent = samples.length
      ? this._trans.__(
          'Notebooks after SageMaker’s classic samples; each opens as a copy.'
        )
      : this._trans.__('This server ships no samples.');
  }

  /** Say that the samples could not be read. */
  setError(message: string): void {
    this._list.replaceChildren();
    this._message.textContent = this._trans.__(
      'Cannot read the samples: %1',
      message
    );
  }

  private _trans: TranslationBundle;
  private _open: (sample: ISampleSummary) => Promise<unknown>;
  private _list: HTMLUListElement;
  private _message: HTMLParagraphElement;
}

export namespace SamplesSection {
  /** Constructor options. */
  export interface IOptions {
    trans: TranslationBundle;
    /** Copy the sample into the workspace and open it. */
    open: (sample: ISampleSummary) => Promise<unknown>;
  }
}
