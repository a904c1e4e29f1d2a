import type { ISessionContext } from '@jupyterlab/apputils';
import type { NotebookPanel } from '@jupyterlab/notebook';
import type { KernelSpec } from '@jupyterlab/services';
import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import type { INotebookKernelHandle } from '../models/notebook-profile-model';
import type { IKernelSpecProfile, INotebookProfile } from '../tokens';

/** Key of the notebook metadata the server's provisioner reads. */
export const PROFILE_METADATA_KEY = 'mlstudio';

/** A notebook panel seen as {@link INotebookKernelHandle}: metadata, saving, its kernel. */
export class NotebookKernelHandle
  implements INotebookKernelHandle, IDisposable
{
  constructor(panel: NotebookPanel) {
    this._panel = panel;
    const session = panel.sessionContext;
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
    if (change.key === PROFILE_METADATA_KEY) {
      this._emit();
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
