import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import React from 'react';

/**
 * A modal dialog around a form that has its own buttons and submits itself: it stays open
 * while the server answers, so a refusal shows in the form and nothing typed is lost.
 * JupyterLab's `Dialog` resolves on its own buttons (and on Enter), which suits questions,
 * not forms that wait for the server.
 *
 * It looks like JupyterLab's dialogs (their classes); Escape and a click on the backdrop
 * close it, and the focus goes back where it was.
 */
export class FormDialog extends Widget {
  constructor(options: FormDialog.IOptions) {
    super();
    this.addClass('jp-Dialog');
    this.addClass('jp-mlstudio-form-dialog');
    if (options.className) {
      this.addClass(options.className);
    }
    this._onClosed = options.onClosed ?? null;
    const content = document.createElement('div');
    content.className = 'jp-Dialog-content jp-mlstudio-form-dialog-content';
    content.setAttribute('role', 'dialog');
    content.setAttribute('aria-modal', 'true');
    content.setAttribute('aria-label', options.title);
    const header = document.createElement('div');
    header.className = 'jp-Dialog-header';
    const title = document.createElement('div');
    title.className = 'jp-Dialog-title';
    title.textContent = options.title;
    header.appendChild(title);
    content.appendChild(header);
    this._body = ReactWidget.create(options.render(() => this.close()));
    this._body.addClass('jp-Dialog-body');
    this._body.addClass('jp-mlstudio-form-dialog-body');
    this.node.appendChild(content);
    this._content = content;
  }

  /** Show the dialog on top of the page and focus its first field. */
  open(): void {
    this._previous = document.activeElement as HTMLElement | null;
    Widget.attach(this, document.body);
    Widget.attach(this._body, this._content);
    void this._body.renderPromise?.then(() => {
      // Someone already typing in a field (a quick hand, a test) keeps their place.
      if (this._content.contains(document.activeElement)) {
        return;
      }
      const first = this._content.querySelector<HTMLElement>(
        '[autofocus], input:not([type=hidden]), select, textarea, button'
      );
      first?.focus();
    });
  }

  /** Close the dialog (as its form's Cancel or a success does). */
  close(): void {
    if (this.isDisposed) {
      return;
    }
    const previous = this._previous;
    this.dispose();
    previous?.focus?.();
    this._onClosed?.();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._body.dispose();
    super.dispose();
  }

  handleEvent(event: Event): void {
    if (event.type === 'keydown' && (event as KeyboardEvent).key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      this.close();
    } else if (event.type === 'mousedown' && event.target === this.node) {
      this.close();
    }
  }

  protected onAfterAttach(): void {
    this.node.addEventListener('keydown', this, true);
    this.node.addEventListener('mousedown', this);
  }

  protected onBeforeDetach(): void {
    this.node.removeEventListener('keydown', this, true);
    this.node.removeEventListener('mousedown', this);
  }

  private _body: ReactWidget;
  private _content: HTMLElement;
  private _onClosed: (() => void) | null;
  private _previous: HTMLElement | null = null;
}

export namespace FormDialog {
  /** Constructor options. */
  export interface IOptions {
    title: string;
    /** The form; it calls `close` when it is done or cancelled. */
    render: (close: () => void) => React.ReactElement;
    className?: string;
    /** Called once the dialog has closed. */
    onClosed?: () => void;
  }
}

/** Open a form in a modal dialog; resolves when the dialog closes. */
export function showFormDialog(
  options: Omit<FormDialog.IOptions, 'onClosed'>
): Promise<void> {
  return new Promise(resolve => {
    const dialog = new FormDialog({ ...options, onClosed: resolve });
    dialog.open();
  });
}
