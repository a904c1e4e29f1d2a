import { nullTranslator } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import React from 'react';

import { IdleTimeoutEditor } from '../components/idle-timeout-editor';
import { InstanceTypesTable } from '../components/instance-types-table';
import { KernelUsageView, Meter } from '../components/kernel-usage-view';
import { IdleTimeoutsModel } from '../models/idle-timeouts-model';
import { MLStudioRequestError } from '../request';
import { CATALOGUE } from './fixtures';
import { usage } from './kernel-fixtures';
import { afterTest, click, press, render, type, unmountAll } from './dom';

// The status-bar usage view and the idle-timeout editor (the pickers are in
// kernel-components.spec.tsx).

const trans = nullTranslator.load('jupyterlab_mlstudio');

afterEach(unmountAll);

describe('KernelUsageView', () => {
  it('shows CPU and memory use against the limits', () => {
    const root = render(
      <KernelUsageView
        usage={usage()}
        cpuHistory={[10, 35]}
        stale={false}
        trans={trans}
      />
    );

    expect(root.querySelector('.jp-mlstudio-usage-type')?.textContent).toBe(
      'ml.t3.medium'
    );
    expect(
      root.querySelector('[data-usage="cpu"] .jp-mlstudio-usage-text')
        ?.textContent
    ).toBe('CPU 35% / 2');
    expect(
      root.querySelector('[data-usage="memory"] .jp-mlstudio-usage-text')
        ?.textContent
    ).toBe('Mem 210 MiB / 4 GiB');
    const meter = root.querySelector('[role="meter"]')!;
    expect(meter.getAttribute('aria-valuenow')).toBe('5');
    const view = root.querySelector('.jp-mlstudio-kernel-usage') as HTMLElement;
    expect(view.classList).not.toContain('jp-mlstudio-is-stale');
    expect(view.title).toContain('Image sklearn (version 3, docker)');
  });

  it('marks an old reading when the server does not answer', () => {
    const root = render(
      <KernelUsageView usage={usage()} cpuHistory={[]} stale trans={trans} />
    );

    const view = root.querySelector('.jp-mlstudio-kernel-usage') as HTMLElement;
    expect(view.classList).toContain('jp-mlstudio-is-stale');
    expect(view.title).toContain('the server does not answer');
  });

  it('warns when CPU or memory is near the limit', () => {
    const root = render(
      <KernelUsageView
        usage={usage({
          cpu_percent: 190,
          memory_used_bytes: 3.8 * 1024 ** 3
        })}
        cpuHistory={[150, 190]}
        stale={false}
        trans={trans}
      />
    );

    expect(root.querySelector('.jp-mlstudio-sparkline')?.classList).toContain(
      'jp-mlstudio-is-high'
    );
    expect(root.querySelector('.jp-mlstudio-meter')?.classList).toContain(
      'jp-mlstudio-is-high'
    );
    expect(
      root.querySelector('[data-usage="cpu"] .jp-mlstudio-usage-text')
        ?.textContent
    ).toBe('CPU 190% / 2');
  });

  it('fills a meter to its share', () => {
    const root = render(<Meter fraction={0.42} />);

    expect(
      (root.querySelector('.jp-mlstudio-meter-fill') as HTMLElement).style.width
    ).toBe('42%');
  });
});

describe('IdleTimeoutEditor', () => {
  async function timeouts(
    put: (type: string, minutes: number) => Promise<number> = async (
      _,
      minutes
    ) => minutes
  ): Promise<IdleTimeoutsModel> {
    const model = new IdleTimeoutsModel({
      fetchTimeouts: async () => ({
        timeouts: { 'ml.m5.large': 60, 'ml.g5.xlarge': 0, local: 0 }
      }),
      putTimeout: put,
      interval: 60_000,
      standby: 'never'
    });
    await model.refresh();
    afterTest(() => model.dispose());
    return model;
  }

  function editor(model: IdleTimeoutsModel): HTMLElement {
    return render(
      <UseSignal signal={model.changed}>
        {() => (
          <IdleTimeoutEditor
            instanceType="ml.m5.large"
            model={model}
            trans={trans}
          />
        )}
      </UseSignal>
    );
  }

  it('edits a timeout in place and shows what the server stored', async () => {
    const put = jest.fn(async (_: string, minutes: number) => minutes);
    const model = await timeouts(put);
    const root = editor(model);
    const value = root.querySelector('[data-idle-timeout="ml.m5.large"]')!;
    expect(value.textContent).toBe('60 min');

    click(value);
    const input = root.querySelector('input') as HTMLInputElement;
    expect(input.value).toBe('60');
    type(input, '90');
    await press(input, 'Enter');

    expect(put).toHaveBeenCalledWith('ml.m5.large', 90);
    expect(root.querySelector('input')).toBeNull();
    expect(
      root.querySelector('[data-idle-timeout="ml.m5.large"]')?.textContent
    ).toBe('90 min');
  });

  it('keeps the field open with the reason when the value is refused', async () => {
    const put = jest.fn(async (_: string, minutes: number) => minutes);
    const model = await timeouts(put);
    const root = editor(model);
    click(root.querySelector('[data-idle-timeout="ml.m5.large"]')!);
    const input = root.querySelector('input') as HTMLInputElement;

    type(input, '50000');
    await press(input, 'Enter');

    expect(put).not.toHaveBeenCalled();
    expect(root.querySelector('input')).not.toBeNull();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector('.jp-mlstudio-field-error')?.textContent).toBe(
      'An idle timeout is from 0 (never) to 43200 minutes (30 days).'
    );

    await press(input, 'Escape');
    expect(root.querySelector('input')).toBeNull();
    expect(root.querySelector('.jp-mlstudio-field-error')).toBeNull();
    expect(model.edit('ml.m5.large')).toBeNull();
  });

  it("shows the server's refusal under the value", async () => {
    const model = await timeouts(async () => {
      throw new MLStudioRequestError({
        error: 'Forbidden',
        message: 'Only the server owner may change idle timeouts',
        status: 403
      });
    });
    const root = editor(model);
    click(root.querySelector('[data-idle-timeout="ml.m5.large"]')!);
    const input = root.querySelector('input') as HTMLInputElement;

    type(input, '5');
    await press(input, 'Enter');

    expect(root.querySelector('[role="alert"]')?.textContent).toBe(
      'Only the server owner may change idle timeouts'
    );
    expect(model.timeouts?.['ml.m5.large']).toBe(60);
  });

  it('adds an Idle column to the instance types table', async () => {
    const model = await timeouts();

    const root = render(
      <InstanceTypesTable
        catalogue={CATALOGUE}
        trans={trans}
        idleTimeouts={model}
      />
    );

    expect(
      Array.from(root.querySelectorAll('th')).map(th => th.textContent)
    ).toContain('Idle');
    expect(
      Array.from(root.querySelectorAll('[data-idle-timeout]')).map(button => [
        button.getAttribute('data-idle-timeout'),
        button.textContent
      ])
    ).toEqual([
      ['ml.m5.large', '60 min'],
      ['ml.g5.xlarge', 'never'],
      ['local', 'never']
    ]);
  });
});
