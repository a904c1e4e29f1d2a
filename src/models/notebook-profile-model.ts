import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';

import { isMLStudioKernelName } from '../kernel-format';
import { asRequestError, MLStudioRequestError } from '../request';
import type {
  ICheckedProfile,
  IKernelSpecProfile,
  INotebookProfile,
  IProfileCheckRequest
} from '../tokens';
import type { KernelProfilesModel } from './kernel-profiles-model';

/**
 * What the switching model needs of a notebook: its `mlstudio` metadata, saving, and its
 * kernel. The plugin adapts a notebook panel to it; tests give a fake.
 */
export interface INotebookKernelHandle {
  /** Jupyter kernel name of the notebook's kernel; null while it has none. */
  readonly kernelName: string | null;
  /** The kernel's execution status (`idle`, `busy`, `starting`, ...). */
  readonly kernelStatus: string;
  /** The notebook's `mlstudio` metadata, or null when it has none. */
  readonly profile: Partial<INotebookProfile> | null;
  /**
   * What a notebook exported from SageMaker Studio says of its profile (see
   * {@link sageMakerProfile}); null or absent for other notebooks.
   */
  readonly sageMaker?: ISageMakerProfile | null;
  /** Emitted when the kernel, its status or the metadata change. */
  readonly changed: ISignal<unknown, void>;
  /** Set the notebook's `mlstudio` metadata (null removes it). */
  setProfile(profile: Partial<INotebookProfile> | null): void;
  /** Save the notebook to the server. */
  save(): Promise<void>;
  /** Move the notebook's session to a kernel of this name. */
  changeKernel(name: string): Promise<void>;
  /** Restart the kernel in place, without asking. */
  restartKernel(): Promise<void>;
  /** Resolves once the kernel is idle; rejects if it dies or after `timeout` ms. */
  waitForIdle(timeout: number): Promise<void>;
}

/** The profile a notebook exported from SageMaker Studio carries in its own metadata. */
export interface ISageMakerProfile {
  /** The SageMaker image its kernel ran in (from the kernel name), e.g. `datascience-1.0`. */
  image: string | null;
  /** Its top-level `instance_type`, e.g. `ml.t3.medium`. */
  instance_type: string | null;
}

/** What SageMaker Studio puts between the kernel and the image ARN in its kernel names. */
export const SAGEMAKER_KERNEL_MARK = '__SAGEMAKER_INTERNAL__';

/**
 * The SageMaker Studio profile in a notebook's metadata: a kernel name such as
 * `python3__SAGEMAKER_INTERNAL__arn:aws:sagemaker:us-east-1:081325390199:image/datascience-1.0`
 * and a top-level `instance_type`. Null for a notebook that carries neither.
 */
export function sageMakerProfile(
  metadata: Record<string, unknown> | null | undefined
): ISageMakerProfile | null {
  const kernelspec = metadata?.kernelspec as { name?: unknown } | undefined;
  const kernelName =
    typeof kernelspec?.name === 'string' ? kernelspec.name : '';
  const rawType = metadata?.instance_type;
  const exported = kernelName.includes(SAGEMAKER_KERNEL_MARK);
  const instanceType =
    typeof rawType === 'string' && (exported || rawType.startsWith('ml.'))
      ? rawType
      : null;
  let image: string | null = null;
  if (exported) {
    const arn = kernelName.split(SAGEMAKER_KERNEL_MARK)[1] ?? '';
    const match = /:image\/([^/]+)/.exec(arn);
    image = match ? match[1] : null;
  }
  return image || instanceType ? { image, instance_type: instanceType } : null;
}

/** Where each part of a notebook's current profile comes from. */
export interface IProfileSource {
  /**
   * `notebook` (its `mlstudio` metadata), `kernel` (the image of its ML Studio kernel),
   * `sagemaker` (the registered image named as its SageMaker Studio image), or `default`.
   */
  image: 'notebook' | 'kernel' | 'sagemaker' | 'default';
  /** `notebook`, `sagemaker` (its SageMaker Studio instance type), or `default`. */
  instance_type: 'notebook' | 'sagemaker' | 'default';
  /** The SageMaker Studio image the notebook names, if any. */
  sagemaker_image: string | null;
  /** True when that image is not registered (or cannot run) here, so another is used. */
  sagemaker_image_missing: boolean;
}

/** Where a switch stands. */
export type SwitchPhase =
  /** Nothing going on. */
  | 'idle'
  /** Asking the server whether the profile can run here. */
  | 'checking'
  /** The server said it cannot; nothing was changed. */
  | 'refused'
  /** Asking the user whether to restart a busy kernel. */
  | 'confirming'
  /** Saving the choice and restarting (or changing) the kernel. */
  | 'switching'
  /** The kernel is idle again in the new profile. */
  | 'ready'
  /** Something failed after the change began. */
  | 'failed';

/**
 * One notebook's kernel profile (image and instance type) and switching it.
 *
 * A switch checks the profile with the server first and changes nothing when it is
 * refused; asks before restarting a busy kernel; records the choice in the notebook's
 * metadata and saves (the server's provisioner reads it from the file at every launch);
 * then restarts the kernel, or changes it when the image's kernel is another one, and
 * reports how long until the kernel was idle again.
 */
export class NotebookProfileModel implements IDisposable {
  constructor(options: NotebookProfileModel.IOptions) {
    this._notebook = options.notebook;
    this._profiles = options.profiles;
    this._specProfile = options.specProfile;
    this._check = options.checkProfile;
    this._confirmBusy = options.confirmBusy;
    this._confirmKernelChange = options.confirmKernelChange ?? null;
    this._now = options.now ?? (() => performance.now());
    this._readyTimeout = options.readyTimeout ?? 120_000;
    this._readyDisplay = options.readyDisplay ?? 10_000;
    this._notebook.changed.connect(this._emit, this);
    this._profiles.changed.connect(this._emit, this);
  }

  /** Emitted when anything shown changes. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** The shared profiles model (images and instance types to pick from). */
  get profiles(): KernelProfilesModel {
    return this._profiles;
  }

  /** The ML Studio profile of the notebook's kernel spec; null for other kernels. */
  get kernelSpecProfile(): IKernelSpecProfile | null {
    const name = this._notebook.kernelName;
    return isMLStudioKernelName(name) ? this._specProfile(name!) : null;
  }

  /** Whether the notebook's kernel runs in an ML Studio image. */
  get isMLStudioKernel(): boolean {
    return isMLStudioKernelName(this._notebook.kernelName);
  }

  /**
   * Whether the notebook runs a kernel ML Studio does not manage (e.g. `python3` of
   * ipykernel): no image or instance type applies to it until it moves to a studio kernel.
   */
  get isForeignKernel(): boolean {
    return this._notebook.kernelName !== null && !this.isMLStudioKernel;
  }

  /** The notebook's kernel name, or null without a kernel. */
  get kernelName(): string | null {
    return this._notebook.kernelName;
  }

  /**
   * The notebook's choice: its metadata, else the image of its ML Studio kernel (or the
   * default image) and the default instance type. The type is null until the server's
   * default is known.
   */
  get current(): { image: string; instance_type: string | null } {
    const stored = this._notebook.profile ?? {};
    const profiles = this._profiles.profiles;
    const sageMaker = this._notebook.sageMaker ?? null;
    const image =
      stored.image ||
      this.kernelSpecProfile?.image ||
      this._registeredSageMakerImage() ||
      profiles?.default_image ||
      'default';
    const type =
      stored.instance_type ||
      sageMaker?.instance_type ||
      profiles?.default_instance_type ||
      null;
    return { image, instance_type: type };
  }

  /**
   * Where {@link current} comes from: a notebook exported from SageMaker Studio runs on
   * its instance type and in the registered image of its SageMaker image's name, else in
   * the default image; the pickers say which.
   */
  get source(): IProfileSource {
    const stored = this._notebook.profile ?? {};
    const sageMaker = this._notebook.sageMaker ?? null;
    const registered = this._registeredSageMakerImage();
    const image: IProfileSource['image'] = stored.image
      ? 'notebook'
      : this.kernelSpecProfile?.image
        ? 'kernel'
        : registered
          ? 'sagemaker'
          : 'default';
    const instanceType: IProfileSource['instance_type'] = stored.instance_type
      ? 'notebook'
      : sageMaker?.instance_type
        ? 'sagemaker'
        : 'default';
    const sageMakerImage = sageMaker?.image ?? null;
    return {
      image,
      instance_type: instanceType,
      sagemaker_image: sageMakerImage,
      sagemaker_image_missing:
        sageMakerImage !== null && this.current.image !== sageMakerImage
    };
  }

  get phase(): SwitchPhase {
    return this._phase;
  }

  /** The profile being switched to (or last switched to); null before any switch. */
  get target(): INotebookProfile | null {
    return this._target;
  }

  /** The choice when the last switch began; null before any switch. */
  get origin(): { image: string; instance_type: string | null } | null {
    return this._origin;
  }

  /** Why the last switch was refused or failed; null otherwise. */
  get error(): MLStudioRequestError | null {
    return this._error;
  }

  /** Milliseconds from the start of the last successful switch until the kernel was idle. */
  get elapsed(): number | null {
    return this._elapsed;
  }

  /** Whether a switch is under way (no other can start). */
  get isBusy(): boolean {
    return (
      this._phase === 'checking' ||
      this._phase === 'confirming' ||
      this._phase === 'switching'
    );
  }

  /**
   * Switch to another image and/or instance type; what is not given stays as it is.
   * Resolves when the switch is over, whatever its outcome (see {@link phase}).
   */
  async switchTo(change: Partial<INotebookProfile>): Promise<void> {
    if (this.isBusy || this._isDisposed) {
      return;
    }
    const current = this.current;
    const target: INotebookProfile = {
      image: change.image ?? current.image,
      instance_type:
        change.instance_type ??
        current.instance_type ??
        this._profiles.profiles?.default_instance_type ??
        ''
    };
    const inPlace = this.kernelSpecProfile?.image === target.image;
    if (
      inPlace &&
      target.image === current.image &&
      target.instance_type === current.instance_type
    ) {
      return;
    }
    this._clearReadyTimer();
    this._origin = current;
    this._target = target;
    this._error = null;
    this._setPhase('checking');

    let checked: ICheckedProfile;
    try {
      checked = await this._check({
        image: target.image,
        instance_type: target.instance_type,
        spec: this.kernelSpecProfile?.spec ?? 'python3'
      });
    } catch (reason) {
      this._fail('refused', reason);
      return;
    }
    this._target = {
      image: checked.image,
      instance_type: checked.instance_type
    };

    if (this.isForeignKernel && this._confirmKernelChange) {
      // Another kernel, not a restart: its state is lost, so the user says yes first.
      this._setPhase('confirming');
      const accepted = await this._confirmKernelChange(
        this._notebook.kernelName!,
        this._target
      );
      if (!accepted) {
        this._setPhase('idle');
        return;
      }
    } else if (this._notebook.kernelStatus === 'busy') {
      this._setPhase('confirming');
      const accepted = await this._confirmBusy(this._target);
      if (!accepted) {
        this._setPhase('idle');
        return;
      }
    }

    this._setPhase('switching');
    const started = this._now();
    const previous = this._notebook.profile;
    try {
      this._notebook.setProfile(this._target);
      try {
        await this._notebook.save();
      } catch (reason) {
        // Unsaved, the choice would not reach the kernel: keep the notebook as it was.
        this._notebook.setProfile(previous);
        throw reason;
      }
      if (this._notebook.kernelName === checked.kernel_name) {
        await this._notebook.restartKernel();
      } else {
        await this._notebook.changeKernel(checked.kernel_name);
      }
      await this._notebook.waitForIdle(this._readyTimeout);
    } catch (reason) {
      this._fail('failed', reason);
      return;
    }
    this._elapsed = this._now() - started;
    this._setPhase('ready');
    this._readyTimer = setTimeout(() => {
      this._readyTimer = null;
      if (this._phase === 'ready') {
        this._setPhase('idle');
      }
    }, this._readyDisplay);
  }

  /** Forget a refusal or failure (the view's dismiss button). */
  dismiss(): void {
    if (this._phase === 'refused' || this._phase === 'failed') {
      this._error = null;
      this._setPhase('idle');
    }
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._clearReadyTimer();
    this._notebook.changed.disconnect(this._emit, this);
    this._profiles.changed.disconnect(this._emit, this);
    Signal.clearData(this);
  }

  /** The notebook's SageMaker Studio image when an image of that name can run here. */
  private _registeredSageMakerImage(): string | null {
    const name = this._notebook.sageMaker?.image;
    if (!name) {
      return null;
    }
    return this._profiles.image(name)?.available ? name : null;
  }

  private _fail(phase: 'refused' | 'failed', reason: unknown): void {
    if (this._isDisposed) {
      return;
    }
    this._error = asRequestError(reason);
    this._setPhase(phase);
  }

  private _setPhase(phase: SwitchPhase): void {
    if (this._isDisposed) {
      return;
    }
    this._phase = phase;
    this._changed.emit();
  }

  private _clearReadyTimer(): void {
    if (this._readyTimer !== null) {
      clearTimeout(this._readyTimer);
      this._readyTimer = null;
    }
  }

  private _emit(): void {
    this._changed.emit();
  }

  private _changed = new Signal<this, void>(this);
  private _check: (request: IProfileCheckRequest) => Promise<ICheckedProfile>;
  private _confirmBusy: (target: INotebookProfile) => Promise<boolean>;
  private _confirmKernelChange:
    ((kernelName: string, target: INotebookProfile) => Promise<boolean>) | null;
  private _elapsed: number | null = null;
  private _error: MLStudioRequestError | null = null;
  private _isDisposed = false;
  private _notebook: INotebookKernelHandle;
  private _now: () => number;
  private _phase: SwitchPhase = 'idle';
  private _profiles: KernelProfilesModel;
  private _readyDisplay: number;
  private _readyTimeout: number;
  private _readyTimer: ReturnType<typeof setTimeout> | null = null;
  private _specProfile: (kernelName: string) => IKernelSpecProfile | null;
  private _origin: { image: string; instance_type: string | null } | null =
    null;
  private _target: INotebookProfile | null = null;
}

export namespace NotebookProfileModel {
  /** Constructor options. */
  export interface IOptions {
    notebook: INotebookKernelHandle;
    profiles: KernelProfilesModel;
    /** The `metadata.mlstudio` of a kernel spec, or null when it has none. */
    specProfile: (kernelName: string) => IKernelSpecProfile | null;
    /** `POST kernels/profile-check`. */
    checkProfile: (request: IProfileCheckRequest) => Promise<ICheckedProfile>;
    /** Ask whether to restart a busy kernel; resolves true to go on. */
    confirmBusy: (target: INotebookProfile) => Promise<boolean>;
    /**
     * Ask whether to move a notebook from a kernel ML Studio does not manage (named) to a
     * studio kernel of the target; resolves true to go on. Without it, no question.
     */
    confirmKernelChange?: (
      kernelName: string,
      target: INotebookProfile
    ) => Promise<boolean>;
    /** Clock in milliseconds. Default: `performance.now`. */
    now?: () => number;
    /** Longest wait for the kernel to be idle after the switch, in ms. Default: 120 s. */
    readyTimeout?: number;
    /** How long "Ready in …" stays, in ms. Default: 10 s. */
    readyDisplay?: number;
  }
}
