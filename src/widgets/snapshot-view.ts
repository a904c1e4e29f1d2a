import { OutputArea, OutputAreaModel } from '@jupyterlab/outputarea';
import { IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Panel, Widget } from '@lumino/widgets';

import type { ISnapshotDetail } from '../api/snapshots';
import { formatDateTime } from '../format';

/** One cell of a notebook as nbformat 4 stores it. */
interface ISnapshotCell {
  cell_type?: string;
  source?: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
}

/** A cell's source as one string (nbformat allows a list of lines). */
export function cellSource(cell: ISnapshotCell): string {
  const source = cell.source ?? '';
  return Array.isArray(source) ? source.join('') : String(source);
}

/** Markdown that shows `code` as a fenced block of `language`, whatever fences it holds. */
export function fencedCode(code: string, language: string): string {
  const longest = Math.max(
    2,
    ...Array.from(code.matchAll(/`+/g), match => match[0].length)
  );
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${code}\n${fence}`;
}

/**
 * A read-only view of a shared notebook: every cell as the sender saw it, outputs included,
 * nothing editable and nothing run. The header says who sent it, its image and instance type,
 * and offers to copy it into the reader's own space.
 */
export class SnapshotView extends Panel {
  constructor(options: SnapshotView.IOptions) {
    super();
    const { snapshot, trans } = options;
    this.addClass('jp-mlstudio-snapshot-view');
    this.id = SnapshotView.widgetId(snapshot.snapshot_id);
    this.title.label = trans.__('%1 (snapshot)', snapshot.name);
    this.title.caption = trans.__(
      'Read-only snapshot of %1 from %2',
      snapshot.source_path,
      snapshot.sender
    );
    this.title.closable = true;
    this.addWidget(this._header(options));
    const language = notebookLanguage(snapshot.content);
    const cells = (snapshot.content.cells ?? []) as ISnapshotCell[];
    cells.forEach((cell, index) => {
      this.addWidget(
        this._cell(cell, index, language, options.rendermime, trans)
      );
    });
  }

  private _header(options: SnapshotView.IOptions): Widget {
    const { snapshot, trans } = options;
    const header = new Widget();
    header.addClass('jp-mlstudio-snapshot-header');
    const title = document.createElement('div');
    title.className = 'jp-mlstudio-snapshot-title';
    title.textContent = snapshot.name;
    const facts = document.createElement('div');
    facts.className = 'jp-mlstudio-snapshot-facts';
    facts.textContent = [
      trans.__('Read-only snapshot'),
      snapshot.sent_by_me
        ? trans.__('shared by you')
        : trans.__('from %1', snapshot.sender),
      formatDateTime(snapshot.creation_time),
      snapshot.image ? trans.__('image %1', snapshot.image) : '',
      snapshot.instance_type
        ? trans.__('instance type %1', snapshot.instance_type)
        : ''
    ]
      .filter(Boolean)
      .join(' · ');
    const copy = document.createElement('button');
    copy.className = 'jp-mlstudio-snapshot-copy jp-mod-styled jp-mod-accept';
    copy.textContent = trans.__('Copy to my space');
    copy.title = trans.__(
      'Make an editable copy in your space, on the same image and instance type'
    );
    copy.addEventListener('click', () => {
      copy.disabled = true;
      void options.copy().finally(() => {
        copy.disabled = false;
      });
    });
    header.node.append(title, facts, copy);
    return header;
  }

  private _cell(
    cell: ISnapshotCell,
    index: number,
    language: string,
    rendermime: IRenderMimeRegistry,
    trans: TranslationBundle
  ): Widget {
    const panel = new Panel();
    panel.addClass('jp-mlstudio-snapshot-cell');
    const kind = cell.cell_type ?? 'code';
    panel.node.dataset.cellType = kind;
    panel.node.dataset.cellIndex = String(index);
    const source = cellSource(cell);
    if (kind === 'markdown') {
      panel.addWidget(renderMarkdown(source, rendermime));
      return panel;
    }
    if (kind !== 'code') {
      const raw = new Widget({ node: document.createElement('pre') });
      raw.node.textContent = source;
      raw.addClass('jp-mlstudio-snapshot-raw');
      panel.addWidget(raw);
      return panel;
    }
    const input = new Panel();
    input.addClass('jp-mlstudio-snapshot-input');
    const prompt = new Widget();
    prompt.addClass('jp-mlstudio-snapshot-prompt');
    prompt.node.textContent = `[${cell.execution_count ?? ' '}]:`;
    prompt.node.title = trans.__('Execution count when shared');
    input.addWidget(prompt);
    input.addWidget(renderMarkdown(fencedCode(source, language), rendermime));
    panel.addWidget(input);
    const model = new OutputAreaModel({
      values: (cell.outputs ?? []) as never,
      trusted: false
    });
    const outputs = new OutputArea({ model, rendermime });
    outputs.addClass('jp-mlstudio-snapshot-outputs');
    panel.addWidget(outputs);
    panel.disposed.connect(() => model.dispose());
    return panel;
  }
}

export namespace SnapshotView {
  /** Constructor options. */
  export interface IOptions {
    snapshot: ISnapshotDetail;
    rendermime: IRenderMimeRegistry;
    trans: TranslationBundle;
    /** Copy the snapshot into the reader's space (and open the copy). */
    copy: () => Promise<unknown>;
  }

  /** The main-area id of a snapshot's view (one view per snapshot). */
  export function widgetId(id: string): string {
    return `mlstudio-snapshot-${id}`;
  }
}

/** The notebook's language for highlighting its code (Python unless it says otherwise). */
function notebookLanguage(content: Record<string, unknown>): string {
  const metadata = content.metadata as
    { language_info?: { name?: unknown } } | undefined;
  const name = metadata?.language_info?.name;
  return typeof name === 'string' && /^[\w+-]+$/.test(name) ? name : 'python';
}

/** Markdown rendered as the notebook shows it, untrusted (no scripts run). */
function renderMarkdown(
  source: string,
  rendermime: IRenderMimeRegistry
): Widget {
  const renderer = rendermime.createRenderer('text/markdown');
  void renderer.renderModel(
    new MimeModel({ data: { 'text/markdown': source }, trusted: false })
  );
  return renderer;
}
