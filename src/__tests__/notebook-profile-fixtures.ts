/*
 * A notebook's profile model as the Studio builds it, on a fake notebook and the server's
 * kernel profiles: for the specs of which profile a notebook is in and of switching it.
 */
import { PromiseDelegate } from '@lumino/coreutils';
import { Signal } from '@lumino/signaling';

import { KernelProfilesModel } from '../models/kernel-profiles-model';
import {
  INotebookKernelHandle,
  ISageMakerProfile,
  NotebookProfileModel
} from '../models/notebook-profile-model';
import type { IKernelSpecProfile, INotebookProfile } from '../tokens';
import { checked, PROFILES } from './kernel-fixtures';
import { advance } from './timers';

/** How long "Ready in …" stays. */
export const READY_DISPLAY = 10_000;

/**
 * A notebook as the model sees it: metadata held in memory, its kernel a name and a
 * status, and a log of what was done to it, in order.
 */
export class FakeNotebook implements INotebookKernelHandle {
  kernelName: string | null = 'mlstudio-default-python3';
  kernelStatus = 'idle';
  stored: Partial<INotebookProfile> | null = null;
  sageMaker: ISageMakerProfile | null = null;
  /** What was done, in order: `setProfile …`, `save`, `restart`, `change …`, `wait`. */
  log: string[] = [];
  saveFailure: Error | null = null;
  restartFailure: Error | null = null;
  /** When set, waitForIdle waits on it. */
  idle: PromiseDelegate<void> | null = null;
  /** Called when the kernel is idle again, to move the test's clock. */
  onIdle: () => void = () => undefined;
  readonly changed = new Signal<this, void>(this);

  get profile(): Partial<INotebookProfile> | null {
    return this.stored ? { ...this.stored } : null;
  }

  setProfile(profile: Partial<INotebookProfile> | null): void {
    this.log.push(`setProfile ${JSON.stringify(profile)}`);
    this.stored = profile ? { ...profile } : null;
    this.changed.emit();
  }

  async save(): Promise<void> {
    this.log.push('save');
    if (this.saveFailure) {
      throw this.saveFailure;
    }
  }

  async changeKernel(name: string): Promise<void> {
    this.log.push(`change ${name}`);
    this.kernelName = name;
  }

  async restartKernel(): Promise<void> {
    this.log.push('restart');
    if (this.restartFailure) {
      throw this.restartFailure;
    }
  }

  async waitForIdle(timeout: number): Promise<void> {
    this.log.push(`wait ${timeout}`);
    if (this.idle) {
      await this.idle.promise;
    }
    this.kernelStatus = 'idle';
    this.onIdle();
  }
}

/** Kernel specs of ML Studio images, as Jupyter's spec manager lists them. */
function specProfile(kernelName: string): IKernelSpecProfile | null {
  const match = /^mlstudio-(.+)-(python3|r)$/.exec(kernelName);
  return match
    ? { image: match[1], image_version: 1, kind: 'docker', spec: match[2] }
    : null;
}

/** The server's check, the busy question and the clock a test may set. */
export type ProfileModelOptions = Partial<
  Pick<NotebookProfileModel.IOptions, 'checkProfile' | 'confirmBusy' | 'now'>
>;

/**
 * The profile model of `notebook`, with the kernel profiles loaded. Unless `options` say
 * otherwise, the server accepts every pick, a busy kernel may restart and the clock stands.
 */
export async function profileModel(
  notebook: FakeNotebook,
  options: ProfileModelOptions = {}
): Promise<{ model: NotebookProfileModel; profiles: KernelProfilesModel }> {
  const profiles = new KernelProfilesModel({
    fetchProfiles: async () => PROFILES,
    interval: 60_000,
    standby: 'never'
  });
  const model = new NotebookProfileModel({
    notebook,
    profiles,
    specProfile,
    checkProfile: async request =>
      checked(request.image, request.instance_type ?? 'local', request.spec),
    confirmBusy: async () => true,
    now: () => 1000,
    ...options,
    readyTimeout: 30_000,
    readyDisplay: READY_DISPLAY
  });
  const loaded = profiles.refresh();
  await advance(1);
  await loaded;
  return { model, profiles };
}
