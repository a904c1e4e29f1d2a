// The Audit log section of the sidebar, in a DOM.

import { nullTranslator } from '@jupyterlab/translation';

import type { IAuditEvent, IAuditPage } from '../api/audit';
import { AuditSection } from '../widgets/audit-section';

function entry(
  owner: string,
  name: string,
  outcome = 'succeeded'
): IAuditEvent {
  return {
    time: Date.UTC(2026, 11, 7, 14, 0),
    owner,
    space: `${owner}-private`,
    face: 'aws',
    action: 'create',
    operation: 'CreateModel',
    resource_type: 'Model',
    resource_name: name,
    outcome,
    detail: {}
  };
}

describe('AuditSection', () => {
  it('lists the entries, filters by person and pages to older ones', async () => {
    const asked: [string, string | undefined][] = [];
    const pages: Record<string, IAuditPage> = {
      first: { events: [entry('mia', 'm1')], next_token: 'more' },
      more: { events: [entry('mia', 'm0', 'denied')], next_token: null }
    };
    const section = new AuditSection({
      trans: nullTranslator.load('jupyterlab_mlstudio'),
      load: async (owner, token) => {
        asked.push([owner, token]);
        return pages[token ?? 'first'];
      }
    });
    const owner = section.node.querySelector('input') as HTMLInputElement;
    owner.value = ' mia ';

    await section.refresh();
    const more = section.node.querySelector(
      '.jp-mlstudio-audit-more'
    ) as HTMLButtonElement;
    expect(more.hidden).toBe(false);
    more.click();
    await new Promise(resolve => setTimeout(resolve, 0));

    const items = section.node.querySelectorAll('.jp-mlstudio-audit-item');
    expect(asked).toEqual([
      ['mia', undefined],
      ['mia', 'more']
    ]);
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toContain(
      'mia create Model m1 (aws, succeeded)'
    );
    expect(items[1].classList.contains('jp-mod-denied')).toBe(true);
    expect(more.hidden).toBe(true);
  });

  it('says why when the log cannot be read', async () => {
    const section = new AuditSection({
      trans: nullTranslator.load('jupyterlab_mlstudio'),
      load: async () => {
        throw new Error('The server is unreachable.');
      }
    });

    await section.refresh();

    expect(section.node.textContent).toContain(
      'Cannot read the audit log: The server is unreachable. Try again with Show.'
    );
  });
});
