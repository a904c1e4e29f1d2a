import { nullTranslator } from '@jupyterlab/translation';
import { UseSignal } from '@jupyterlab/ui-components';
import React, { act } from 'react';

import { BuildLogView } from '../components/build-log-view';
import { ImageCard } from '../components/image-card';
import { ImageRegisterForm } from '../components/image-register-form';
import { describeVersionDetails } from '../components/image-version-item';
import { ImagesPanel, imagesSummary } from '../components/images-panel';
import { BuildLogModel } from '../models/build-log-model';
import { IImagesApi, ImageListModel } from '../models/image-list-model';
import { MLStudioRequestError } from '../request';
import type {
  ICreateImageRequest,
  IImageEntry,
  IImageVersion
} from '../tokens';
import { imageEntry, imageVersion } from './kernel-fixtures';
import { afterTest, click, render, type, unmountAll, waitFor } from './dom';

const trans = nullTranslator.load('jupyterlab_mlstudio');

afterEach(unmountAll);

function choose(select: HTMLSelectElement, value: string): void {
  act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

async function clickAndWait(element: Element): Promise<void> {
  await act(async () => {
    (element as HTMLElement).click();
  });
}

function errorOf(root: HTMLElement, field: string): string | null {
  return (
    root.querySelector(`[data-field="${field}"] .jp-mlstudio-field-error`)
      ?.textContent ?? null
  );
}

describe('ImageRegisterForm', () => {
  function form(
    onRegister: (request: ICreateImageRequest) => Promise<unknown> = jest.fn(
      async () => undefined
    )
  ): { root: HTMLElement; onRegister: typeof onRegister; onDone: jest.Mock } {
    const onDone = jest.fn();
    const root = render(
      <ImageRegisterForm
        trans={trans}
        onRegister={onRegister}
        onDone={onDone}
      />
    );
    return { root, onRegister, onDone };
  }

  function input(root: HTMLElement, id: string): HTMLInputElement {
    return root.querySelector(`#${id}`) as HTMLInputElement;
  }

  async function submit(root: HTMLElement): Promise<void> {
    await clickAndWait(root.querySelector('button[type="submit"]')!);
  }

  it('asks for a name and sends nothing without one', async () => {
    const { root, onRegister, onDone } = form();

    await submit(root);

    expect(errorOf(root, 'name')).toBe('Name the image.');
    expect(
      input(root, 'jp-mlstudio-image-name').getAttribute('aria-invalid')
    ).toBe('true');
    expect(onRegister).not.toHaveBeenCalled();
    expect(onDone).not.toHaveBeenCalled();
  });

  it('explains a bad name and a relative base path', async () => {
    const { root, onRegister } = form();
    type(input(root, 'jp-mlstudio-image-name'), 'my_env');
    type(input(root, 'jp-mlstudio-image-base'), 'file://opt/envs/ml');

    await submit(root);

    expect(errorOf(root, 'name')).toMatch(
      /^An image name has letters, digits, '-' and '.' only/
    );
    expect(errorOf(root, 'base_image')).toBe(
      'Give an absolute path after file://, e.g. file:///opt/envs/ml'
    );
    expect(onRegister).not.toHaveBeenCalled();
  });

  it('opens the kernel specs and file system when the error is there', async () => {
    const { root, onRegister } = form();
    const details = root.querySelector('details')!;
    expect(details.open).toBe(false);
    type(input(root, 'jp-mlstudio-image-name'), 'sklearn');
    type(input(root, 'jp-mlstudio-image-mount-path'), 'home/user');
    click(
      root.querySelector('[data-field="kernel_specs"] .jp-mlstudio-add-row')!
    );

    await submit(root);

    expect(details.open).toBe(true);
    expect(errorOf(root, 'mount_path')).toBe(
      'The mount path is absolute, e.g. /home/sagemaker-user.'
    );
    expect(
      root.querySelector(
        '[data-field="kernel_specs"] [data-row="1"] .jp-mlstudio-field-error'
      )?.textContent
    ).toBe('Name the kernel spec (e.g. python3).');
    expect(onRegister).not.toHaveBeenCalled();
  });

  it('hints at the kind of base image being typed', () => {
    const { root } = form();

    click(root.querySelector('[data-kind="dockerfile"]')!);

    expect(input(root, 'jp-mlstudio-image-base').value).toBe('dockerfile:///');
    expect(
      root
        .querySelector('[data-kind="dockerfile"]')
        ?.getAttribute('aria-pressed')
    ).toBe('true');
    expect(
      root.querySelector('[data-field="base_image"] .jp-mlstudio-field-hint')
        ?.textContent
    ).toMatch(/^dockerfile:\/\/ and the absolute path of a Dockerfile/);
  });

  it('sends what the user filled in, then closes', async () => {
    const { root, onRegister, onDone } = form();
    type(input(root, 'jp-mlstudio-image-name'), ' sklearn ');
    type(input(root, 'jp-mlstudio-image-display-name'), 'scikit-learn 1.5');
    type(input(root, 'jp-mlstudio-image-base'), 'mlstudio/sklearn:latest');
    choose(
      root.querySelector('#jp-mlstudio-image-uid') as HTMLSelectElement,
      '1000'
    );
    choose(
      root.querySelector('#jp-mlstudio-image-gid') as HTMLSelectElement,
      '100'
    );

    await submit(root);

    expect(onRegister).toHaveBeenCalledWith({
      name: 'sklearn',
      display_name: 'scikit-learn 1.5',
      base_image: 'mlstudio/sklearn:latest',
      kernel_specs: [{ name: 'python3', display_name: 'Python 3' }],
      mount_path: '',
      uid: 1000,
      gid: 100
    });
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it("shows the server's refusal and keeps the form as filled", async () => {
    const { root, onDone } = form(async () => {
      throw new MLStudioRequestError({
        error: 'Conflict',
        message: 'image sklearn already exists',
        field: 'name',
        status: 409
      });
    });
    type(input(root, 'jp-mlstudio-image-name'), 'sklearn');

    await submit(root);

    expect(root.querySelector('.jp-mlstudio-error-message')?.textContent).toBe(
      'image sklearn already exists'
    );
    expect(root.querySelector('.jp-mlstudio-error-next')?.textContent).toBe(
      'Choose another name, or open the one that exists.'
    );
    expect(root.querySelector('.jp-mlstudio-error-code')?.textContent).toBe(
      'Conflict (HTTP 409) · field: name'
    );
    expect(input(root, 'jp-mlstudio-image-name').value).toBe('sklearn');
    expect(onDone).not.toHaveBeenCalled();
  });
});

/** Images on a fake server. */
class FakeImages implements IImagesApi {
  constructor(public images: IImageEntry[]) {}
  deleted: string[] = [];
  deleteRefusal: MLStudioRequestError | null = null;

  list = async (): Promise<{ images: IImageEntry[] }> => ({
    images: this.images
  });
  create = async (request: ICreateImageRequest): Promise<IImageEntry> => {
    const entry = imageEntry(request.name, [], {
      display_name: request.display_name ?? null
    });
    this.images = [...this.images, entry];
    return entry;
  };
  deleteImage = async (name: string): Promise<void> => {
    if (this.deleteRefusal) {
      throw this.deleteRefusal;
    }
    this.deleted.push(name);
    this.images = this.images.filter(entry => entry.image.image_name !== name);
  };
  createVersion = async (name: string): Promise<IImageVersion> =>
    imageVersion(name, 1, 'CREATING');
  deleteVersion = async (name: string, version: number): Promise<void> => {
    this.deleted.push(`${name} v${version}`);
  };
  putConfig = async (name: string) => imageEntry(name).config;
}

const IMAGES = (): IImageEntry[] => [
  imageEntry('default', [imageVersion('default', 1)], {
    display_name: 'The server environment'
  }),
  imageEntry('torch', [
    imageVersion('torch', 3, 'CREATING', {
      base_image: 'dockerfile:///home/jovyan/work/torch/Dockerfile'
    }),
    imageVersion('torch', 2, 'CREATE_FAILED', {
      failure_reason:
        'ipykernel is not installed in /usr/bin/python3: pip install ipykernel'
    }),
    imageVersion('torch', 1)
  ])
];

function imageModel(api: IImagesApi): ImageListModel {
  const model = new ImageListModel({
    api,
    interval: 60_000,
    standby: 'never'
  });
  afterTest(() => model.dispose());
  return model;
}

describe('ImagesPanel', () => {
  function panel(
    model: ImageListModel,
    confirm = jest.fn(async () => true),
    createBuildLog = jest.fn((version: IImageVersion) => buildLog(version))
  ): HTMLElement {
    return render(
      <UseSignal signal={model.changed}>
        {() => (
          <ImagesPanel
            model={model}
            trans={trans}
            confirm={confirm}
            createBuildLog={createBuildLog}
          />
        )}
      </UseSignal>
    );
  }

  function buildLog(version: IImageVersion): BuildLogModel {
    const model = new BuildLogModel({
      image: version.image_name,
      version: version.version,
      fetchLines: async after =>
        after < 0
          ? {
              lines: [
                {
                  seq: 0,
                  timestamp: 0,
                  message: 'Step 1/3 : FROM python:3.11'
                },
                {
                  seq: 1,
                  timestamp: 1,
                  message: 'Step 2/3 : RUN pip install torch'
                }
              ]
            }
          : { lines: [] }
    });
    afterTest(() => model.dispose());
    return model;
  }

  it('says it is loading, then counts images and versions validating', async () => {
    const model = imageModel(new FakeImages(IMAGES()));
    const root = panel(model);
    expect(root.querySelector('.jp-mlstudio-loading')?.textContent).toBe(
      'Loading…'
    );

    await act(() => model.refresh());

    expect(imagesSummary(model, trans)).toBe('2 images · 1 version validating');
    expect(
      Array.from(root.querySelectorAll('[data-image]')).map(item =>
        item.getAttribute('data-image')
      )
    ).toEqual(['default', 'torch']);
  });

  it('shows every version with its status and the whole failure reason', async () => {
    const model = imageModel(new FakeImages(IMAGES()));
    const root = panel(model);
    await act(() => model.refresh());

    const torch = root.querySelector('[data-image="torch"]')!;
    const statuses = Array.from(
      torch.querySelectorAll('.jp-mlstudio-version-status')
    ).map(badge => badge.textContent);
    expect(statuses).toEqual(['Creating', 'Create failed', 'Created']);
    expect(
      torch.querySelector('[data-version="2"] [role="alert"]')?.textContent
    ).toBe(
      'ipykernel is not installed in /usr/bin/python3: pip install ipykernel'
    );
    expect(
      torch.querySelector('[data-version="1"] .jp-mlstudio-image-details')
        ?.textContent
    ).toBe('Python 3.11.7 · x86_64 · ipykernel 6.29.5 · kernels: python3');
  });

  it('offers no changes to the default image', async () => {
    const model = imageModel(new FakeImages(IMAGES()));
    const root = panel(model);
    await act(() => model.refresh());

    const defaultImage = root.querySelector('[data-image="default"]')!;
    expect(defaultImage.querySelector('[data-action]')).toBeNull();
    const torch = root.querySelector('[data-image="torch"]')!;
    expect(torch.querySelector('[data-action="delete-image"]')).not.toBeNull();
    expect(
      torch.querySelectorAll('[data-action="delete-version"]')
    ).toHaveLength(3);
  });

  it('registers an image from the form in a dialog and lists it', async () => {
    const api = new FakeImages(IMAGES());
    const model = imageModel(api);
    const root = panel(model);
    await act(() => model.refresh());

    await clickAndWait(root.querySelector('[data-action="register-image"]')!);
    const dialog = document.querySelector('.jp-mlstudio-form-dialog')!;
    expect(dialog).not.toBeNull();
    type(
      dialog.querySelector('#jp-mlstudio-image-name') as HTMLInputElement,
      'sklearn'
    );
    await clickAndWait(dialog.querySelector('button[type="submit"]')!);

    expect(document.querySelector('.jp-mlstudio-form-dialog')).toBeNull();
    expect(root.querySelector('form')).toBeNull();
    expect(root.querySelector('[data-image="sklearn"]')).not.toBeNull();
    expect(
      root.querySelector('[data-image="sklearn"] .jp-mlstudio-empty')
        ?.textContent
    ).toBe('No version yet: add one to run kernels in this image.');
  });

  it('deletes an image only once the user confirms', async () => {
    const api = new FakeImages(IMAGES());
    const model = imageModel(api);
    const confirm = jest.fn(async () => false);
    const root = panel(model, confirm);
    await act(() => model.refresh());
    const remove = root.querySelector(
      '[data-image="torch"] [data-action="delete-image"]'
    )!;

    await clickAndWait(remove);
    expect(confirm).toHaveBeenCalledWith(
      'Delete image torch?',
      'Its 3 versions and its kernel specs go too. Running kernels keep running.'
    );
    expect(api.deleted).toEqual([]);

    confirm.mockImplementation(async () => true);
    await clickAndWait(remove);
    expect(api.deleted).toEqual(['torch']);
    expect(root.querySelector('[data-image="torch"]')).toBeNull();
  });

  it("shows a refused deletion on the image's card", async () => {
    const api = new FakeImages(IMAGES());
    api.deleteRefusal = new MLStudioRequestError({
      error: 'Conflict',
      message: '2 running kernels use image torch',
      status: 409
    });
    const model = imageModel(api);
    const root = panel(model);
    await act(() => model.refresh());

    await clickAndWait(
      root.querySelector('[data-image="torch"] [data-action="delete-image"]')!
    );

    expect(
      root.querySelector('[data-image="torch"] .jp-mlstudio-error-message')
        ?.textContent
    ).toBe('2 running kernels use image torch');
    expect(root.querySelector('[data-image="torch"]')).not.toBeNull();
  });

  it('shows the build log of a Dockerfile version, and only of those', async () => {
    const model = imageModel(new FakeImages(IMAGES()));
    const root = panel(model);
    await act(() => model.refresh());
    const torch = root.querySelector('[data-image="torch"]')!;
    expect(torch.querySelectorAll('[data-action="build-log"]')).toHaveLength(1);

    await clickAndWait(
      torch.querySelector('[data-version="3"] [data-action="build-log"]')!
    );
    await waitFor(
      () => torch.querySelector('.jp-mlstudio-build-log-line') !== null
    );

    const view = torch.querySelector('.jp-mlstudio-build-log-view')!;
    expect(view.getAttribute('data-live')).toBe('true');
    expect(view.textContent).toContain('Step 1/3 : FROM python:3.11');
  });
});

describe('ImageCard', () => {
  it('lists the kernel specs and file system of the config', () => {
    const entry = imageEntry('sklearn', [], { description: 'For trees' });
    entry.config = {
      ...entry.config,
      kernel_specs: [{ name: 'python3', display_name: 'Python 3 (sklearn)' }],
      mount_path: '/home/sagemaker-user',
      uid: 1000,
      gid: 100
    };
    const model = imageModel(new FakeImages([entry]));

    const root = render(
      <ImageCard
        entry={entry}
        model={model}
        trans={trans}
        confirm={async () => true}
        createBuildLog={jest.fn()}
      />
    );

    expect(root.querySelector('.jp-mlstudio-image-config')?.textContent).toBe(
      'Kernels: Python 3 (sklearn) (python3) · workspace at /home/sagemaker-user · uid 1000, gid 100'
    );
    expect(
      root.querySelector('.jp-mlstudio-image-description')?.textContent
    ).toBe('For trees');
  });
});

describe('BuildLogView', () => {
  it('says when a finished build wrote nothing', async () => {
    const model = new BuildLogModel({
      image: 'torch',
      version: 3,
      fetchLines: async () => ({ lines: [] })
    });
    afterTest(() => model.dispose());

    const root = render(<BuildLogView model={model} trans={trans} />);
    await waitFor(() => model.isLoaded);

    expect(root.querySelector('.jp-mlstudio-empty')?.textContent).toBe(
      'The build wrote no lines.'
    );
  });
});

describe('describeVersionDetails', () => {
  it('says when the Python has no ipykernel', () => {
    expect(
      describeVersionDetails(
        imageVersion('x', 1, 'CREATE_FAILED', {
          details: { python: '3.12.1', arch: 'aarch64' }
        }),
        trans
      )
    ).toBe('Python 3.12.1 · aarch64 · no ipykernel');
  });
});
