import { nullTranslator } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import { Signal } from '@lumino/signaling';
import React, { act } from 'react';

import { OptionList } from '../components/option-list';
import { ProfilePickerList } from '../components/profile-picker-list';
import { ProfilePickers, switchStatus } from '../components/profile-pickers';
import { KernelProfilesModel } from '../models/kernel-profiles-model';
import {
  INotebookKernelHandle,
  ISageMakerProfile,
  NotebookProfileModel
} from '../models/notebook-profile-model';
import type { IPickerOption } from '../models/profile-options';
import { MLStudioRequestError } from '../request';
import type {
  ICheckedProfile,
  INotebookProfile,
  IProfileCheckRequest
} from '../tokens';
import { checked, PROFILES } from './kernel-fixtures';
import { afterTest, click, press, render, unmountAll } from './dom';

const trans = nullTranslator.load('jupyterlab_mlstudio');

afterEach(unmountAll);

const OPTIONS: IPickerOption[] = [
  { value: 'ml.t3.medium', label: 'ml.t3.medium', facts: '2 vCPU · 4 GiB' },
  {
    value: 'ml.g5.xlarge',
    label: 'ml.g5.xlarge',
    reason: 'needs 1 GPU; this host has none'
  },
  {
    value: 'local',
    label: 'local',
    detail: 'idle shutdown: never',
    selected: true
  }
];

describe('OptionList', () => {
  function option(root: HTMLElement, value: string): HTMLElement {
    return root.querySelector(`[data-option="${value}"]`) as HTMLElement;
  }

  it('lists an option that cannot be picked, disabled, with its reason', () => {
    const root = render(
      <OptionList
        label="Instance type"
        options={OPTIONS}
        onPick={jest.fn()}
        onCancel={jest.fn()}
      />
    );

    const gpu = option(root, 'ml.g5.xlarge');
    expect(gpu.getAttribute('aria-disabled')).toBe('true');
    expect(gpu.classList).toContain('jp-mlstudio-is-unavailable');
    expect(gpu.querySelector('.jp-mlstudio-option-reason')?.textContent).toBe(
      'needs 1 GPU; this host has none'
    );
    expect(gpu.title).toBe('ml.g5.xlarge — needs 1 GPU; this host has none');
    expect(option(root, 'ml.t3.medium').getAttribute('aria-disabled')).toBe(
      'false'
    );
    expect(
      option(root, 'local').querySelector('.jp-mlstudio-option-detail')
        ?.textContent
    ).toBe('idle shutdown: never');
    expect(option(root, 'local').getAttribute('aria-selected')).toBe('true');
  });

  it('picks an available option on click, not a disabled one', () => {
    const onPick = jest.fn();
    const root = render(
      <OptionList
        label="Instance type"
        options={OPTIONS}
        onPick={onPick}
        onCancel={jest.fn()}
      />
    );

    click(option(root, 'ml.g5.xlarge'));
    expect(onPick).not.toHaveBeenCalled();

    click(option(root, 'ml.t3.medium'));
    expect(onPick).toHaveBeenCalledWith('ml.t3.medium');
  });

  it('moves over disabled options with the keyboard, and Escape cancels', async () => {
    const onPick = jest.fn();
    const onCancel = jest.fn();
    const root = render(
      <OptionList
        label="Instance type"
        options={OPTIONS}
        onPick={onPick}
        onCancel={onCancel}
      />
    );
    const list = root.querySelector('[role="listbox"]')!;
    expect(document.activeElement).toBe(list);

    // From the selected `local` up: the GPU type is skipped.
    await press(list, 'ArrowUp');
    expect(list.getAttribute('aria-activedescendant')).toBe(
      'jp-mlstudio-option-0'
    );
    await press(list, 'Enter');
    expect(onPick).toHaveBeenCalledWith('ml.t3.medium');

    await press(list, 'Escape');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});

/** A notebook on the default image's kernel, with no metadata yet. */
class FakeNotebook implements INotebookKernelHandle {
  kernelName: string | null = 'mlstudio-default-python3';
  kernelStatus = 'idle';
  profile: Partial<INotebookProfile> | null = null;
  sageMaker: ISageMakerProfile | null = null;
  readonly changed = new Signal<this, void>(this);
  setProfile(profile: INotebookProfile | null): void {
    this.profile = profile;
  }
  save = async (): Promise<void> => undefined;
  changeKernel = async (name: string): Promise<void> => {
    this.kernelName = name;
  };
  restartKernel = async (): Promise<void> => undefined;
  waitForIdle = async (): Promise<void> => undefined;
}

async function profileModel(
  check: (
    request: IProfileCheckRequest
  ) => Promise<ICheckedProfile> = async r =>
    checked(r.image, r.instance_type ?? 'local')
): Promise<{
  model: NotebookProfileModel;
  notebook: FakeNotebook;
}> {
  const profiles = new KernelProfilesModel({
    fetchProfiles: async () => PROFILES,
    interval: 60_000,
    standby: 'never'
  });
  await profiles.refresh();
  const notebook = new FakeNotebook();
  let clock = 0;
  const model = new NotebookProfileModel({
    notebook,
    profiles,
    specProfile: name => ({
      image: name.split('-')[1],
      image_version: 1,
      kind: 'local',
      spec: 'python3'
    }),
    checkProfile: check,
    confirmBusy: async () => true,
    now: () => (clock += 1250),
    readyDisplay: 60_000
  });
  afterTest(() => {
    model.dispose();
    profiles.dispose();
  });
  return { model, notebook };
}

describe('ProfilePickerList', () => {
  it('shows the instance types with the reason one cannot run', async () => {
    const { model } = await profileModel();

    const root = render(
      <ProfilePickerList
        model={model}
        kind="instance-type"
        trans={trans}
        onPick={jest.fn()}
        onClose={jest.fn()}
      />
    );

    const gpu = root.querySelector('[data-option="ml.g5.xlarge"]')!;
    expect(gpu.getAttribute('aria-disabled')).toBe('true');
    expect(gpu.textContent).toContain('needs 1 GPU; this host has none');
    expect(gpu.textContent).toContain('2 vCPU · 16 GiB · 1 GPU');
    const current = root.querySelector('[aria-selected="true"]')!;
    expect(current.getAttribute('data-option')).toBe('local');
  });

  it('shows images, the one that cannot run disabled', async () => {
    const { model } = await profileModel();

    const root = render(
      <ProfilePickerList
        model={model}
        kind="image"
        trans={trans}
        onPick={jest.fn()}
        onClose={jest.fn()}
      />
    );

    const torch = root.querySelector('[data-option="torch"]')!;
    expect(torch.getAttribute('aria-disabled')).toBe('true');
    expect(torch.textContent).toContain('no version has been validated yet');
    expect(
      root
        .querySelector('[data-option="sklearn"]')
        ?.getAttribute('aria-disabled')
    ).toBe('false');
  });

  it('says what the server refused and that nothing changed', async () => {
    const { model } = await profileModel(async () => {
      throw new MLStudioRequestError({
        error: 'InvalidInput',
        message: 'sklearn needs Docker, which is not running',
        status: 400
      });
    });
    await model.switchTo({ image: 'sklearn' });

    const root = render(
      <ProfilePickerList
        model={model}
        kind="image"
        trans={trans}
        onPick={jest.fn()}
        onClose={jest.fn()}
      />
    );

    const footer = root.querySelector('.jp-mlstudio-picker-footer')!;
    expect(footer.textContent).toContain(
      'sklearn needs Docker, which is not running'
    );
    expect(footer.textContent).toContain('Nothing was changed.');
  });
});

describe('ProfilePickers', () => {
  function pickers(model: NotebookProfileModel, onToggle = jest.fn()) {
    return render(
      <UseSignal signal={model.changed}>
        {() => (
          <ProfilePickers
            model={model}
            trans={trans}
            openPicker={null}
            onToggle={onToggle}
          />
        )}
      </UseSignal>
    );
  }

  it('shows the current image and instance type and opens a list', async () => {
    const { model } = await profileModel();
    const onToggle = jest.fn();
    const root = pickers(model, onToggle);

    const image = root.querySelector('[data-picker="image"]') as HTMLElement;
    const kind = root.querySelector(
      '[data-picker="instance-type"]'
    ) as HTMLElement;
    expect(image.textContent).toBe('default');
    expect(image.title).toBe('Image: default (The server environment)');
    expect(kind.textContent).toBe('local');
    expect(kind.title).toBe(
      'Instance type local: 2 vCPU · 23.5 GiB · idle timeout never'
    );

    click(kind);
    expect(onToggle).toHaveBeenCalledWith('instance-type', kind);
  });

  it('mutes the pickers of a kernel outside ML Studio and says why', async () => {
    const { model, notebook } = await profileModel();
    notebook.kernelName = 'python3';
    const root = pickers(model);

    const image = root.querySelector('[data-picker="image"]') as HTMLElement;
    expect(image.classList).toContain('jp-mlstudio-is-muted');
    expect(image.title).toContain(
      'The kernel python3 is not an ML Studio kernel'
    );
  });

  it('says a SageMaker Studio notebook runs on its type, in the default image', async () => {
    const { model, notebook } = await profileModel();
    notebook.kernelName = null;
    notebook.sageMaker = {
      image: 'datascience-1.0',
      instance_type: 'ml.t3.medium'
    };
    const root = pickers(model);

    const image = root.querySelector('[data-picker="image"]') as HTMLElement;
    const kind = root.querySelector(
      '[data-picker="instance-type"]'
    ) as HTMLElement;
    expect(image.textContent).toBe('default');
    expect(image.classList).toContain('jp-mlstudio-is-substitute');
    expect(image.title).toContain(
      'This notebook used the SageMaker Studio image datascience-1.0, which is not registered here; it runs in default.'
    );
    expect(kind.textContent).toBe('ml.t3.medium');
    expect(kind.dataset.source).toBe('sagemaker');
    expect(kind.title).toContain(
      'The instance type this notebook ran on in SageMaker Studio.'
    );
  });

  it('says a SageMaker Studio notebook runs in the image of the same name', async () => {
    const { model, notebook } = await profileModel();
    notebook.kernelName = null;
    notebook.sageMaker = { image: 'sklearn', instance_type: null };
    const root = pickers(model);

    const image = root.querySelector('[data-picker="image"]') as HTMLElement;
    expect(image.textContent).toBe('sklearn');
    expect(image.dataset.source).toBe('sagemaker');
    expect(image.classList).not.toContain('jp-mlstudio-is-substitute');
    expect(image.title).toContain(
      'The registered image named as the SageMaker Studio image this notebook used.'
    );
  });

  it('reports the time a switch took', async () => {
    const { model } = await profileModel();
    const root = pickers(model);

    await act(() => model.switchTo({ instance_type: 'ml.t3.medium' }));

    const status = root.querySelector('.jp-mlstudio-switch-status')!;
    expect(status.getAttribute('data-phase')).toBe('ready');
    expect(status.textContent).toBe('Ready in 1.3 s');
    expect(status.getAttribute('title')).toBe(
      'Now on ml.t3.medium. Ready in 1.3 s'
    );
  });

  it('disables the pickers while a switch is under way', async () => {
    let answer!: (profile: ICheckedProfile) => void;
    const { model } = await profileModel(
      () => new Promise(resolve => (answer = resolve))
    );
    const root = pickers(model);

    let switching!: Promise<void>;
    act(() => {
      switching = model.switchTo({ image: 'sklearn' });
    });

    const buttons = root.querySelectorAll('button.jp-mlstudio-picker-button');
    expect(
      Array.from(buttons).map(b => (b as HTMLButtonElement).disabled)
    ).toEqual([true, true]);
    expect(root.querySelector('.jp-mlstudio-switch-text')?.textContent).toBe(
      'Checking sklearn…'
    );

    await act(async () => {
      answer(checked('sklearn', 'local'));
      await switching;
    });
    expect(
      (root.querySelector('[data-picker="image"]') as HTMLButtonElement)
        .disabled
    ).toBe(false);
  });
});

describe('switchStatus', () => {
  it('words a refusal as a warning and a failure as an error', async () => {
    const refusal = new MLStudioRequestError({
      error: 'InvalidInput',
      message: 'ml.g5.xlarge needs 1 GPU; this host has none',
      status: 400
    });
    const { model } = await profileModel(async () => {
      throw refusal;
    });

    expect(switchStatus(model, trans)).toBeNull();
    await model.switchTo({ instance_type: 'ml.g5.xlarge' });

    expect(switchStatus(model, trans)).toEqual({
      text: 'Not switched: ml.g5.xlarge needs 1 GPU; this host has none',
      kind: 'warning',
      title: 'Nothing was changed. ml.g5.xlarge needs 1 GPU; this host has none'
    });

    const failing = await profileModel();
    failing.notebook.save = async () => {
      throw new Error('disk full');
    };
    await failing.model.switchTo({ image: 'sklearn' });
    expect(switchStatus(failing.model, trans)).toMatchObject({
      text: 'Switch failed: disk full',
      kind: 'error'
    });
  });
});
