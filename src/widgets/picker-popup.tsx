import { ReactWidget, UseSignal } from '@jupyterlab/ui-components';
import type { ISignal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import React from 'react';

/** Gap between the anchor and the popup, and the popup and the window's edges, in px. */
const MARGIN = 4;

/**
 * A list that drops down under a toolbar button. It lives on the document's body, above
 * every panel, and closes on Escape, a click elsewhere, scrolling or resizing.
 */
export class PickerPopup extends ReactWidget {
  constructor(options: PickerPopup.IOptions) {
    super();
    this._anchor = options.anchor;
    this._signal = options.signal;
    this._render = options.render;
    this._onClosed = options.onClosed;
    this.addClass('jp-mlstudio-picker-popup');
    this.node.setAttribute('role', 'dialog');
  }

  /** Show the popup under its anchor. */
  open(): void {
    Widget.attach(this, document.body);
    this.update();
    // Place it once React has drawn it, when its size is known.
    requestAnimationFrame(() => this._place());
    document.addEventListener('mousedown', this._onDocumentMouseDown, true);
    window.addEventListener('resize', this._close);
    window.addEventListener('blur', this._close);
    document.addEventListener('scroll', this._onScroll, true);
    document.addEventListener('keydown', this._onKeyDown, true);
  }

  /** Close the popup and give the focus back to the anchor. */
  close(): void {
    if (this.isDisposed) {
      return;
    }
    this.dispose();
    this._anchor.focus();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    document.removeEventListener('mousedown', this._onDocumentMouseDown, true);
    window.removeEventListener('resize', this._close);
    window.removeEventListener('blur', this._close);
    document.removeEventListener('scroll', this._onScroll, true);
    document.removeEventListener('keydown', this._onKeyDown, true);
    super.dispose();
    this._onClosed();
  }

  protected render(): JSX.Element {
    return (
      <UseSignal signal={this._signal}>{() => this._render(this)}</UseSignal>
    );
  }

  private _place(): void {
    if (this.isDisposed) {
      return;
    }
    const anchor = this._anchor.getBoundingClientRect();
    const node = this.node;
    const width = node.offsetWidth;
    const left = Math.max(
      MARGIN,
      Math.min(anchor.left, window.innerWidth - width - MARGIN)
    );
    const top = anchor.bottom + MARGIN;
    node.style.left = `${Math.round(left)}px`;
    node.style.top = `${Math.round(top)}px`;
    node.style.maxHeight = `${Math.max(120, window.innerHeight - top - MARGIN)}px`;
    node.classList.add('jp-mlstudio-is-placed');
  }

  private _onDocumentMouseDown = (event: MouseEvent): void => {
    const target = event.target as Node;
    if (!this.node.contains(target) && !this._anchor.contains(target)) {
      this.close();
    }
  };

  private _onScroll = (event: Event): void => {
    // Scrolling inside the list is fine; scrolling the page moves the anchor away.
    if (!this.node.contains(event.target as Node)) {
      this._close();
    }
  };

  /** Escape closes the popup wherever the focus is (the list handles its other keys). */
  private _onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close();
    }
  };

  private _close = (): void => {
    this.close();
  };

  private _anchor: HTMLElement;
  private _onClosed: () => void;
  private _render: (popup: PickerPopup) => JSX.Element;
  private _signal: ISignal<unknown, unknown>;
}

export namespace PickerPopup {
  /** Constructor options. */
  export interface IOptions {
    /** The button the popup drops down from. */
    anchor: HTMLElement;
    /** Redraw when this is emitted. */
    signal: ISignal<unknown, unknown>;
    /** The popup's content. */
    render: (popup: PickerPopup) => JSX.Element;
    /** Called once the popup closed, for whatever reason. */
    onClosed: () => void;
  }
}
