// The Samples section of the sidebar, in a DOM.

import { nullTranslator } from '@jupyterlab/translation';

import type { ISampleSummary } from '../api/samples';
import { SamplesSection } from '../widgets/samples-section';

function sample(name: string): ISampleSummary {
  return { name, title: `Sample ${name}`, description: 'What it shows.' };
}

describe('SamplesSection', () => {
  it('lists each sample and opens the one clicked', () => {
    const opened: string[] = [];
    const section = new SamplesSection({
      trans: nullTranslator.load('jupyterlab_mlstudio'),
      open: async item => {
        opened.push(item.name);
      }
    });

    section.setSamples([sample('a.ipynb'), sample('b.ipynb')]);
    const buttons = section.node.querySelectorAll('button');
    (buttons[1] as HTMLButtonElement).click();

    expect(buttons).toHaveLength(2);
    expect(opened).toEqual(['b.ipynb']);
  });

  it('says why when the samples cannot be read', () => {
    const section = new SamplesSection({
      trans: nullTranslator.load('jupyterlab_mlstudio'),
      open: async () => undefined
    });

    section.setError('Forbidden');

    expect(section.node.textContent).toContain(
      'Cannot read the samples: Forbidden'
    );
    expect(section.node.querySelectorAll('button')).toHaveLength(0);
  });
});
