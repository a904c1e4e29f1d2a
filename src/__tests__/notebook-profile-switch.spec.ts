import { PromiseDelegate } from '@lumino/coreutils';

import { KernelProfilesModel } from '../models/kernel-profiles-model';
import { NotebookProfileModel } from '../models/notebook-profile-model';
import { MLStudioRequestError } from '../request';
import type {
  ICheckedProfile,
  INotebookProfile,
  IProfileCheckRequest
} from '../tokens';
import { checked } from './kernel-fixtures';
import {
  FakeNotebook,
  profileModel,
  READY_DISPLAY
} from './notebook-profile-fixtures';
import { advance } from './timers';

describe('NotebookProfileModel', () => {
  let notebook: FakeNotebook;
  let profiles: KernelProfilesModel;
  let checks: IProfileCheckRequest[];
  let checkAnswer: (request: IProfileCheckRequest) => Promise<ICheckedProfile>;
  let confirmBusy: jest.Mock<Promise<boolean>, [INotebookProfile]>;
  let clock: number;
  let model: NotebookProfileModel;

  beforeEach(async () => {
    jest.useFakeTimers();
    notebook = new FakeNotebook();
    checks = [];
    checkAnswer = async request =>
      checked(request.image, request.instance_type ?? 'local', request.spec);
    confirmBusy = jest.fn<Promise<boolean>, [INotebookProfile]>(
      async () => true
    );
    clock = 1000;
    ({ model, profiles } = await profileModel(notebook, {
      checkProfile: request => {
        checks.push(request);
        return checkAnswer(request);
      },
      confirmBusy,
      now: () => clock
    }));
  });

  afterEach(() => {
    model.dispose();
    profiles.dispose();
    jest.useRealTimers();
  });
  it("changes nothing when the server refuses, and keeps the server's words", async () => {
    notebook.stored = { image: 'default', instance_type: 'local' };
    checkAnswer = async () => {
      throw new MLStudioRequestError({
        error: 'InvalidInput',
        message: 'ml.g5.xlarge needs 1 GPU; this host has none',
        field: 'instance_type',
        status: 400
      });
    };

    await model.switchTo({ instance_type: 'ml.g5.xlarge' });

    expect(checks).toEqual([
      { image: 'default', instance_type: 'ml.g5.xlarge', spec: 'python3' }
    ]);
    expect(model.phase).toBe('refused');
    expect(model.error?.message).toBe(
      'ml.g5.xlarge needs 1 GPU; this host has none'
    );
    expect(model.error?.status).toBe(400);
    expect(notebook.log).toEqual([]);
    expect(notebook.stored).toEqual({
      image: 'default',
      instance_type: 'local'
    });
    expect(model.current.instance_type).toBe('local');
    expect(model.isBusy).toBe(false);

    model.dismiss();
    expect(model.phase).toBe('idle');
    expect(model.error).toBeNull();
  });

  it('is checking, and busy, while the server answers', async () => {
    const answer = new PromiseDelegate<ICheckedProfile>();
    checkAnswer = () => answer.promise;
    const phases: string[] = [];
    model.changed.connect(() => {
      if (phases[phases.length - 1] !== model.phase) {
        phases.push(model.phase);
      }
    });

    const switching = model.switchTo({ instance_type: 'ml.t3.medium' });
    expect(model.phase).toBe('checking');
    expect(model.isBusy).toBe(true);
    // Another pick while one is under way is ignored.
    await model.switchTo({ image: 'sklearn' });
    expect(checks).toHaveLength(1);

    answer.resolve(checked('default', 'ml.t3.medium'));
    await switching;

    expect(phases).toEqual(['checking', 'switching', 'ready']);
    expect(model.target).toEqual({
      image: 'default',
      instance_type: 'ml.t3.medium'
    });
  });

  it('asks before restarting a busy kernel, and a no leaves everything as it was', async () => {
    notebook.kernelStatus = 'busy';
    notebook.stored = { image: 'default', instance_type: 'local' };
    const answer = new PromiseDelegate<boolean>();
    confirmBusy.mockImplementation(() => answer.promise);

    const switching = model.switchTo({ instance_type: 'ml.t3.medium' });
    await advance(0);
    expect(model.phase).toBe('confirming');
    expect(confirmBusy).toHaveBeenCalledWith({
      image: 'default',
      instance_type: 'ml.t3.medium'
    });

    answer.resolve(false);
    await switching;

    expect(model.phase).toBe('idle');
    expect(model.error).toBeNull();
    expect(notebook.log).toEqual([]);
    expect(notebook.stored).toEqual({
      image: 'default',
      instance_type: 'local'
    });
  });

  it('goes on with a busy kernel once the user agrees', async () => {
    notebook.kernelStatus = 'busy';

    await model.switchTo({ instance_type: 'ml.t3.medium' });

    expect(confirmBusy).toHaveBeenCalledTimes(1);
    expect(notebook.log).toContain('restart');
    expect(model.phase).toBe('ready');
  });

  it('does not ask when the kernel is idle', async () => {
    await model.switchTo({ instance_type: 'ml.t3.medium' });

    expect(confirmBusy).not.toHaveBeenCalled();
  });

  it('saves the choice, then restarts the same kernel for another instance type', async () => {
    notebook.stored = { image: 'default', instance_type: 'local' };

    await model.switchTo({ instance_type: 'ml.t3.medium' });

    expect(notebook.log).toEqual([
      'setProfile {"image":"default","instance_type":"ml.t3.medium"}',
      'save',
      'restart',
      'wait 30000'
    ]);
    expect(notebook.kernelName).toBe('mlstudio-default-python3');
    expect(model.phase).toBe('ready');
    expect(model.origin).toEqual({ image: 'default', instance_type: 'local' });
    expect(model.current).toEqual({
      image: 'default',
      instance_type: 'ml.t3.medium'
    });
  });

  it("changes the kernel when the image's kernel has another name", async () => {
    notebook.stored = { image: 'default', instance_type: 'ml.t3.medium' };

    await model.switchTo({ image: 'sklearn' });

    expect(checks[0]).toEqual({
      image: 'sklearn',
      instance_type: 'ml.t3.medium',
      spec: 'python3'
    });
    expect(notebook.log).toEqual([
      'setProfile {"image":"sklearn","instance_type":"ml.t3.medium"}',
      'save',
      'change mlstudio-sklearn-python3',
      'wait 30000'
    ]);
    expect(model.phase).toBe('ready');
  });

  it('asks for the spec of the current kernel in the new image', async () => {
    notebook.kernelName = 'mlstudio-default-r';

    await model.switchTo({ image: 'sklearn' });

    expect(checks[0].spec).toBe('r');
    expect(notebook.log).toContain('change mlstudio-sklearn-r');
  });

  it("records the profile the server settled on, e.g. an alias's image", async () => {
    checkAnswer = async request =>
      checked('sklearn', request.instance_type ?? 'local');

    await model.switchTo({ image: 'sklearn-stable' });

    expect(model.target).toEqual({ image: 'sklearn', instance_type: 'local' });
    expect(notebook.stored).toEqual({
      image: 'sklearn',
      instance_type: 'local'
    });
  });

  it('restores the previous metadata when saving fails, and touches no kernel', async () => {
    notebook.stored = { image: 'default', instance_type: 'local' };
    notebook.saveFailure = new Error('Permission denied: nb.ipynb');

    await model.switchTo({ image: 'sklearn' });

    expect(model.phase).toBe('failed');
    expect(model.error?.message).toBe('Permission denied: nb.ipynb');
    expect(notebook.stored).toEqual({
      image: 'default',
      instance_type: 'local'
    });
    expect(notebook.log).toEqual([
      'setProfile {"image":"sklearn","instance_type":"local"}',
      'save',
      'setProfile {"image":"default","instance_type":"local"}'
    ]);
    expect(notebook.kernelName).toBe('mlstudio-default-python3');
  });

  it('removes the new metadata when saving fails in a notebook that had none', async () => {
    notebook.saveFailure = new Error('disk full');

    await model.switchTo({ instance_type: 'ml.t3.medium' });

    expect(model.phase).toBe('failed');
    expect(notebook.stored).toBeNull();
    expect(notebook.log).not.toContain('restart');
  });

  it('keeps partial metadata as it was when saving fails', async () => {
    notebook.stored = { image: 'default' };
    notebook.saveFailure = new Error('disk full');

    await model.switchTo({ instance_type: 'ml.t3.medium' });

    expect(model.phase).toBe('failed');
    expect(notebook.stored).toEqual({ image: 'default' });
  });

  it('fails with the reason when the kernel does not come back', async () => {
    notebook.restartFailure = new Error('The kernel died while starting.');

    await model.switchTo({ instance_type: 'ml.t3.medium' });

    expect(model.phase).toBe('failed');
    expect(model.error?.message).toBe('The kernel died while starting.');
    expect(model.elapsed).toBeNull();
    expect(model.isBusy).toBe(false);
  });

  it('reports how long until the kernel was idle, then goes quiet', async () => {
    notebook.idle = new PromiseDelegate<void>();
    notebook.onIdle = () => {
      clock = 3500;
    };

    const switching = model.switchTo({ instance_type: 'ml.t3.medium' });
    await advance(0);
    expect(model.phase).toBe('switching');
    notebook.idle.resolve();
    await switching;

    expect(model.phase).toBe('ready');
    expect(model.elapsed).toBe(2500);

    await advance(READY_DISPLAY - 1);
    expect(model.phase).toBe('ready');
    await advance(1);
    expect(model.phase).toBe('idle');
    expect(model.elapsed).toBe(2500);
  });

  it('does nothing when the pick is the current profile of its own kernel', async () => {
    notebook.stored = { image: 'default', instance_type: 'local' };
    const changes = jest.fn();
    model.changed.connect(changes);

    await model.switchTo({ instance_type: 'local' });
    await model.switchTo({ image: 'default' });
    await model.switchTo({});

    expect(checks).toEqual([]);
    expect(notebook.log).toEqual([]);
    expect(changes).not.toHaveBeenCalled();
    expect(model.phase).toBe('idle');
    expect(model.target).toBeNull();
  });

  it('moves a notebook into its image when its kernel is not an ML Studio one', async () => {
    notebook.kernelName = 'python3';
    notebook.stored = { image: 'default', instance_type: 'local' };

    await model.switchTo({ image: 'default' });

    expect(checks).toHaveLength(1);
    expect(notebook.log).toContain('change mlstudio-default-python3');
    expect(model.phase).toBe('ready');
  });

  it('passes on changes of the notebook and of the profiles', async () => {
    const changes = jest.fn();
    model.changed.connect(changes);

    notebook.changed.emit();
    const read = profiles.refresh();
    await advance(1);
    await read;

    expect(changes).toHaveBeenCalledTimes(2);
  });

  it('ignores picks once disposed', async () => {
    notebook.stored = { image: 'default', instance_type: 'local' };
    model.dispose();

    await model.switchTo({ image: 'sklearn' });

    expect(model.isDisposed).toBe(true);
    expect(checks).toEqual([]);
    expect(notebook.log).toEqual([]);
    expect(model.phase).toBe('idle');
  });
});
