import { nullTranslator } from '@jupyterlab/translation';

import { KERNEL_EVENT_SCHEMA, STATUS_EVENT_SCHEMA } from '../events';
import { formatBytes } from '../format';
import {
  cpuFraction,
  describeCpuUsage,
  describeIdleTimeout,
  describeMemoryUsage,
  describeSize,
  describeUsage,
  describeUsageTooltip,
  formatCpuPercent,
  isMLStudioKernelName,
  memoryFraction
} from '../kernel-format';
import {
  handleKernelEvent,
  IKernelEventTargets,
  IOpenNotebook,
  kernelEventOf
} from '../models/kernel-events';
import type { INotebookProfile } from '../tokens';
import { usage } from './kernel-fixtures';
import { emission } from './training-fixtures';

const trans = nullTranslator.load('jupyterlab_mlstudio');

describe('formatBytes', () => {
  it('uses the largest binary unit, one decimal below 100', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(220200960)).toBe('210 MiB');
    expect(formatBytes(4294967296)).toBe('4 GiB');
    expect(formatBytes(25276510208)).toBe('23.5 GiB');
    expect(formatBytes(-1)).toBe('–');
  });
});

describe('kernel usage in words', () => {
  it('says CPU use against the CPUs and memory against the limit', () => {
    const reading = usage();

    expect(describeCpuUsage(reading, trans)).toBe('CPU 35% / 2');
    expect(describeMemoryUsage(reading, trans)).toBe('Mem 210 MiB / 4 GiB');
    expect(describeUsage(reading, trans)).toBe(
      'ml.t3.medium · CPU 35% / 2 · Mem 210 MiB / 4 GiB'
    );
  });

  it('dashes what is not read yet', () => {
    const first = usage({ cpu_percent: null, memory_used_bytes: null });

    expect(describeCpuUsage(first, trans)).toBe('CPU – / 2');
    expect(describeMemoryUsage(first, trans)).toBe('Mem – / 4 GiB');
    expect(cpuFraction(first)).toBe(0);
    expect(memoryFraction(first)).toBe(0);
    expect(formatCpuPercent(Number.NaN)).toBe('–');
  });

  it('gives shares of the limits, at most one', () => {
    expect(cpuFraction(usage({ cpu_percent: 150 }))).toBe(0.75);
    expect(cpuFraction(usage({ cpu_percent: 260 }))).toBe(1);
    expect(memoryFraction(usage({ memory_used_bytes: 1024 ** 3 }))).toBe(0.25);
  });

  it('explains image, limits and idle shutdown in the tooltip', () => {
    expect(describeUsageTooltip(usage({ gpus: 1 }), trans)).toBe(
      [
        'Image sklearn (version 3, docker)',
        'ml.t3.medium: 2 CPUs, memory limit 4 GiB',
        '1 GPU',
        'idle shutdown after 60 min'
      ].join('\n')
    );
    expect(
      describeUsageTooltip(
        usage({
          instance_type: 'local',
          memory_bytes: null,
          memory_limit_bytes: 25276510208,
          idle_timeout_minutes: 0
        }),
        trans
      )
    ).toBe(
      [
        'Image sklearn (version 3, docker)',
        'local: 2 CPUs, no memory limit (the host has 23.5 GiB)',
        'idle shutdown: never'
      ].join('\n')
    );
  });

  it('sizes an instance type and its idle timeout', () => {
    expect(describeSize({ vcpus: 4, memory_gib: 16, gpus: 2 }, trans)).toBe(
      '4 vCPU · 16 GiB · 2 GPUs'
    );
    expect(
      describeSize(
        { vcpus: 2, nominal_vcpus: 4, memory_gib: 16, gpus: 0 },
        trans
      )
    ).toBe('4 vCPU (2 here) · 16 GiB');
    expect(describeIdleTimeout(0, trans)).toBe('never');
    expect(describeIdleTimeout(90, trans)).toBe('90 min');
  });

  it("recognises ML Studio's kernel names", () => {
    expect(isMLStudioKernelName('mlstudio-sklearn-python3')).toBe(true);
    expect(isMLStudioKernelName('python3')).toBe(false);
    expect(isMLStudioKernelName(null)).toBe(false);
  });
});

class FakeOpenNotebook implements IOpenNotebook {
  constructor(public isDirty: boolean) {}
  reverted = 0;
  profile: INotebookProfile | null = null;

  async revert(): Promise<void> {
    this.reverted++;
  }

  setProfile(profile: INotebookProfile): void {
    this.profile = profile;
  }
}

function targets(notebook: FakeOpenNotebook | null): IKernelEventTargets & {
  log: string[];
} {
  const log: string[] = [];
  return {
    log,
    refreshRunning: async () => {
      log.push('refresh');
    },
    findNotebook: path => {
      log.push(`find ${path}`);
      return notebook;
    },
    notify: (message, kind) => {
      log.push(`notify${kind === 'error' ? ' error' : ''} ${message}`);
    }
  };
}

describe('handleKernelEvent', () => {
  const switched = {
    kernel_id: 'k-1',
    new_kernel_id: 'k-2',
    action: 'switched' as const,
    path: 'work/nb.ipynb',
    image: 'sklearn',
    instance_type: 'ml.t3.medium'
  };

  it('reads a saved notebook again after a switch from the server side', async () => {
    const notebook = new FakeOpenNotebook(false);
    const where = targets(notebook);

    await handleKernelEvent(switched, where);

    expect(where.log).toEqual(['refresh', 'find work/nb.ipynb']);
    expect(notebook.reverted).toBe(1);
    expect(notebook.profile).toBeNull();
  });

  it('puts the new profile into a notebook with unsaved changes instead', async () => {
    const notebook = new FakeOpenNotebook(true);

    await handleKernelEvent(switched, targets(notebook));

    expect(notebook.reverted).toBe(0);
    expect(notebook.profile).toEqual({
      image: 'sklearn',
      instance_type: 'ml.t3.medium'
    });
  });

  it("tells the user about an idle shutdown in the server's words", async () => {
    const where = targets(null);

    await handleKernelEvent(
      {
        kernel_id: 'k-1',
        action: 'idle-shutdown',
        path: 'nb.ipynb',
        message: 'Shut down after 60 min idle on ml.t3.medium.'
      },
      where
    );

    expect(where.log).toEqual([
      'notify nb.ipynb: Shut down after 60 min idle on ml.t3.medium.',
      'refresh'
    ]);
  });
});

describe('handleKernelEvent on a death', () => {
  it('tells the user why the kernel ended, as an error', async () => {
    const where = targets(null);

    await handleKernelEvent(
      {
        kernel_id: 'k-1',
        action: 'died',
        path: 'nb.ipynb',
        image: 'team-env',
        instance_type: 'ml.t3.medium',
        message: 'ModuleNotFoundError: No module named ipykernel\n'
      },
      where
    );

    expect(where.log).toEqual([
      'notify error nb.ipynb: The kernel (team-env on ml.t3.medium) ended on its own.\nModuleNotFoundError: No module named ipykernel'
    ]);
  });
});

describe('kernelEventOf', () => {
  it('reads kernel events and nothing else', () => {
    expect(
      kernelEventOf(
        emission(KERNEL_EVENT_SCHEMA, { kernel_id: 'k-1', action: 'switched' })
      )?.kernel_id
    ).toBe('k-1');
    expect(
      kernelEventOf(emission(KERNEL_EVENT_SCHEMA, { action: 'switched' }))
    ).toBeNull();
    expect(
      kernelEventOf(
        emission(STATUS_EVENT_SCHEMA, { kernel_id: 'k-1', action: 'switched' })
      )
    ).toBeNull();
  });
});
