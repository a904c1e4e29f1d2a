import { MessageLoop } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import React from 'react';

import { ModelPanel } from '../widgets/model-panel';
import { ModelSection } from '../widgets/model-section';

/** A model that counts its reads and knows whether it was disposed. */
class CountingModel {
  readonly changed = new Signal<this, void>(this);
  reads = 0;
  isDisposed = false;

  async refresh(): Promise<void> {
    this.reads++;
  }

  dispose(): void {
    this.isDisposed = true;
  }
}

class CountingPanel extends ModelPanel<
  CountingModel,
  { model: CountingModel }
> {
  protected render(): JSX.Element {
    return <div>{this.model.reads}</div>;
  }
}

/** Tell `widget` it was shown, as its tab or pane coming forward does. */
function show(widget: Widget): void {
  MessageLoop.sendMessage(widget, Widget.Msg.AfterShow);
}

describe('ModelSection', () => {
  it('is a titled pane of the sidebar, read again each time it is shown', () => {
    const model = new CountingModel();
    const shown: string[] = [];
    const section = new ModelSection({
      model,
      id: 'mlstudio-test-section',
      label: 'Test',
      className: 'jp-mlstudio-test-section',
      render: current => <span>{current.reads}</span>,
      onShow: () => shown.push('shown')
    });

    show(section);
    show(section);

    expect(section.id).toBe('mlstudio-test-section');
    expect(section.title.label).toBe('Test');
    expect(section.hasClass('jp-mlstudio-section')).toBe(true);
    expect(section.hasClass('jp-mlstudio-test-section')).toBe(true);
    expect(model.reads).toBe(2);
    expect(shown).toEqual(['shown', 'shown']);
    section.dispose();
  });

  it('leaves the shared model alone when it goes', () => {
    const model = new CountingModel();
    const section = new ModelSection({
      model,
      id: 'mlstudio-test-section',
      label: 'Test',
      render: () => <span />
    });

    section.dispose();

    expect(model.isDisposed).toBe(false);
  });
});

describe('ModelPanel', () => {
  it('disposes the model it owns with itself, once', () => {
    const model = new CountingModel();
    const panel = new CountingPanel({ model }, { className: 'jp-test-panel' });

    panel.dispose();
    panel.dispose();

    expect(model.isDisposed).toBe(true);
    expect(panel.hasClass('jp-test-panel')).toBe(true);
  });

  it('reads the model again when shown only if asked to', () => {
    const fresh = new CountingModel();
    const still = new CountingModel();
    const refreshing = new CountingPanel(
      { model: fresh },
      { className: 'jp-test-panel', refreshOnShow: true }
    );
    const resting = new CountingPanel(
      { model: still },
      { className: 'jp-test-panel' }
    );

    show(refreshing);
    show(resting);

    expect(fresh.reads).toBe(1);
    expect(still.reads).toBe(0);
    refreshing.dispose();
    resting.dispose();
  });
});
