import type { ISessionContext } from '@jupyterlab/apputils';
import type { NotebookPanel } from '@jupyterlab/notebook';
import type { KernelSpec } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import {
  INotebookKernelHandle,
  ISageMakerProfile,
  SAGEMAKER_KERNEL_MARK,
  sageMakerProfile
} from '../models/notebook-profile-model';
import type { IKernelSpecProfile, INotebookProfile } from '../tokens';

/** Key of the notebook metadata the server's provisioner reads. */
export const PROFILE_METADATA_KEY = 'mlstudio';

/** Notebook metadata keys that make up a notebook's profile. */
const PROFILE_KEYS = [PROFILE_METADATA_KEY, 'kernelspec', 'instance_type'];

/**
 * A notebook panel seen as {@link INotebookKernelHandle}: metadata, saving, its kernel.
 *
 * A notebook exported from SageMaker Studio names a kernel no Jupyter has
 * (`python3__SAGEMAKER_INTERNAL__…`); given `studioKernelFor`, the handle turns the
 * session's preference for it into the ML Studio kernel that function picks, before the
 * session starts, so the notebook opens there instead of asking for a kernel.
 */
export class NotebookKernelHandle
  implements INotebookKernelHandle, IDisposable
{
  constructor(
    panel: NotebookPanel,
    studioKernelFor:
      ((profile: ISageMakerProfile) => string | null) | null = null
  ) {
    this._panel = panel;
    this._studioKernelFor = studioKernelFor;
    const session = panel.sessionContext;
    session.kernelPreferenceChanged.connect(this._onPreference, this);
    this._onPreference();
    session.kernelChanged.connect(this._emit, this);
    session.statusChanged.connect(this._emit, this);
    session.connectionStatusChanged.connect(this._emit, this);
    // Specs read since the page loaded (a new image) say which image a kernel runs in.
    session.specsManager.specsChanged.connect(this._emit, this);
    void panel.context.ready.then(() => {
      if (!this._isDisposed) {
        panel.context.model.metadataChanged.connect(this._onMetadata, this);
        this._emit();
      }
    });
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  get kernelName(): string | null {
    return this._sessionContext.session?.kernel?.name ?? null;
  }

  get kernelStatus(): string {
    return this._sessionContext.session?.kernel?.status ?? 'unknown';
  }

  get profile(): Partial<INotebookProfile> | null {
    const value = this._panel.context.model?.getMetadata(PROFILE_METADATA_KEY);
    return value && typeof value === 'object'
      ? (value as Partial<INotebookProfile>)
      : null;
  }

  get sageMaker(): ISageMakerProfile | null {
    const model = this._panel.context.model;
    if (!model) {
      return null;
    }
    const found = sageMakerProfile({
      kernelspec: model.getMetadata('kernelspec'),
      instance_type: model.getMetadata('instance_type')
    });
    // Once a kernel starts, JupyterLab writes its spec over the SageMaker kernel name: the
    // image named there is remembered from before.
    if (found?.image) {
      this._sageMakerImage = found.image;
    }
    if (!this._sageMakerImage) {
      return found;
    }
    return {
      image: this._sageMakerImage,
      instance_type: found?.instance_type ?? null
    };
  }

  setProfile(profile: Partial<INotebookProfile> | null): void {
    const model = this._panel.context.model;
    if (profile) {
      model.setMetadata(PROFILE_METADATA_KEY, { ...profile });
    } else {
      model.deleteMetadata(PROFILE_METADATA_KEY);
    }
  }

  save(): Promise<void> {
    return this._panel.context.save();
  }

  async changeKernel(name: string): Promise<void> {
    await this._sessionContext.changeKernel({ name });
  }

  async restartKernel(): Promise<void> {
    const kernel = this._sessionContext.session?.kernel;
    if (!kernel) {
      throw new Error('The notebook has no kernel to restart.');
    }
    await kernel.restart();
  }

  waitForIdle(timeout: number): Promise<void> {
    const session = this._sessionContext;
    return new Promise<void>((resolve, reject) => {
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        session.statusChanged.disconnect(check);
        session.connectionStatusChanged.disconnect(check);
        if (error) {
          reject(error);
        } else {
          resolve();
        }
      };
      const check = (): void => {
        const kernel = session.session?.kernel;
        if (!kernel) {
          return;
        }
        if (kernel.status === 'dead') {
          finish(new Error('The kernel died while starting.'));
        } else if (
          kernel.status === 'idle' &&
          kernel.connectionStatus === 'connected'
        ) {
          finish();
        }
      };
      const timer = setTimeout(
        () =>
          finish(
            new Error(
              `The kernel was not ready after ${Math.round(timeout / 1000)} s.`
            )
          ),
        timeout
      );
      session.statusChanged.connect(check);
      session.connectionStatusChanged.connect(check);
      check();
    });
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    const session = this._panel.sessionContext;
    session.kernelPreferenceChanged.disconnect(this._onPreference, this);
    session.kernelChanged.disconnect(this._emit, this);
    session.statusChanged.disconnect(this._emit, this);
    session.connectionStatusChanged.disconnect(this._emit, this);
    session.specsManager.specsChanged.disconnect(this._emit, this);
    this._panel.context.model?.metadataChanged.disconnect(
      this._onMetadata,
      this
    );
    Signal.clearData(this);
  }

  private get _sessionContext(): ISessionContext {
    return this._panel.sessionContext;
  }

  private _onMetadata(_: unknown, change: { key: string }): void {
    if (PROFILE_KEYS.includes(change.key)) {
      this._emit();
    }
  }

  /** A preference for a SageMaker Studio kernel becomes one for an ML Studio kernel. */
  private _onPreference(): void {
    const session = this._sessionContext;
    const preference = session.kernelPreference;
    const name = preference.name;
    if (!this._studioKernelFor || !name?.includes(SAGEMAKER_KERNEL_MARK)) {
      return;
    }
    const exported = sageMakerProfile({
      kernelspec: { name },
      instance_type: this._panel.context.model?.getMetadata('instance_type')
    });
    if (exported?.image) {
      this._sageMakerImage = exported.image;
    }
    const studio = exported ? this._studioKernelFor(exported) : null;
    if (studio) {
      session.kernelPreference = { ...preference, name: studio };
    }
  }

  private _emit(): void {
    if (!this._isDisposed) {
      this._changed.emit();
    }
  }

  private _changed = new Signal<this, void>(this);
  private _isDisposed = false;
  private _panel: NotebookPanel;
  private _sageMakerImage: string | null = null;
  private _studioKernelFor:
    ((profile: ISageMakerProfile) => string | null) | null;
}

/**
 * The ML Studio kernel a notebook from SageMaker Studio opens in: the Python kernel of the
 * registered image named as its SageMaker image, else of the default image; null while the
 * kernel specs are unknown.
 */
export function studioKernelFor(
  specs: KernelSpec.ISpecModels | null | undefined,
  profile: ISageMakerProfile,
  defaultImage = 'default'
): string | null {
  if (!specs) {
    return null;
  }
  const python = (image: string | null): string | null => {
    if (!image) {
      return null;
    }
    const names = Object.keys(specs.kernelspecs).filter(name => {
      const found = kernelSpecProfile(specs, name);
      return found?.image === image;
    });
    return (
      names.find(name => kernelSpecProfile(specs, name)?.spec === 'python3') ??
      names[0] ??
      null
    );
  };
  return python(profile.image) ?? python(defaultImage);
}

/** The `metadata.mlstudio` of a kernel spec, or null when it is not an ML Studio spec. */
export function kernelSpecProfile(
  specs: KernelSpec.ISpecModels | null | undefined,
  kernelName: string
): IKernelSpecProfile | null {
  const value = specs?.kernelspecs[kernelName]?.metadata?.mlstudio;
  return value && typeof value === 'object'
    ? (value as unknown as IKernelSpecProfile)
    : null;
}
