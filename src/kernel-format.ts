/*
 * Words and numbers for kernel profiles: instance-type sizes, idle timeouts and a kernel's
 * use of its limits. Pure functions, shared by the notebook toolbar, the status bar and
 * the sidebar.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

import { formatBytes, formatNumber } from './format';
import type { IKernelUsage, IProfileInstanceType } from './tokens';

/** Kernel names of ML Studio kernel specs start with this. */
export const MLSTUDIO_KERNEL_PREFIX = 'mlstudio-';

/** Whether a Jupyter kernel name is one of ML Studio's (`mlstudio-<image>-<spec>`). */
export function isMLStudioKernelName(name: string | null | undefined): boolean {
  return !!name && name.startsWith(MLSTUDIO_KERNEL_PREFIX);
}

/** An instance type's size: "2 vCPU · 4 GiB", "4 vCPU · 16 GiB · 1 GPU". */
export function describeSize(
  type: Pick<IProfileInstanceType, 'vcpus' | 'memory_gib' | 'gpus'> &
    Partial<Pick<IProfileInstanceType, 'nominal_vcpus'>>,
  trans: TranslationBundle
): string {
  const nominal = type.nominal_vcpus ?? type.vcpus;
  const parts = [
    nominal > type.vcpus
      ? trans.__(
          '%1 vCPU (%2 here)',
          formatNumber(nominal),
          formatNumber(type.vcpus)
        )
      : trans.__('%1 vCPU', formatNumber(type.vcpus)),
    trans.__('%1 GiB', formatNumber(type.memory_gib))
  ];
  if (type.gpus > 0) {
    parts.push(trans._n('%1 GPU', '%1 GPUs', type.gpus));
  }
  return parts.join(' · ');
}

/** An idle timeout in words: "120 min", or "never" for 0. */
export function describeIdleTimeout(
  minutes: number,
  trans: TranslationBundle
): string {
  if (!Number.isFinite(minutes) || minutes <= 0) {
    return trans.__('never');
  }
  return trans.__('%1 min', formatNumber(minutes, 2));
}

/** "idle shutdown after 120 min", or "no idle shutdown" for 0. */
export function describeIdleShutdown(
  minutes: number,
  trans: TranslationBundle
): string {
  return minutes > 0
    ? trans.__('idle shutdown after %1', describeIdleTimeout(minutes, trans))
    : trans.__('idle shutdown: never');
}

/** The CPU part of a usage: "35%", or "–" before the second read. */
export function formatCpuPercent(percent: number | null): string {
  return percent === null || !Number.isFinite(percent)
    ? '–'
    : `${Math.round(percent)}%`;
}

/** Share of the CPU limit in use, 0 to 1 (0 when unknown). */
export function cpuFraction(usage: IKernelUsage): number {
  if (usage.cpu_percent === null || usage.cpu_limit_percent <= 0) {
    return 0;
  }
  return clamp(usage.cpu_percent / usage.cpu_limit_percent);
}

/** Share of the memory limit in use, 0 to 1 (0 when unknown). */
export function memoryFraction(usage: IKernelUsage): number {
  if (usage.memory_used_bytes === null || usage.memory_limit_bytes <= 0) {
    return 0;
  }
  return clamp(usage.memory_used_bytes / usage.memory_limit_bytes);
}

/** "CPU 35% / 2": use (100% = one CPU) against the CPUs the kernel may use. */
export function describeCpuUsage(
  usage: IKernelUsage,
  trans: TranslationBundle
): string {
  return trans.__(
    'CPU %1 / %2',
    formatCpuPercent(usage.cpu_percent),
    formatNumber(usage.cpu_limit_percent / 100)
  );
}

/** "Mem 210 MiB / 4 GiB": resident memory against the limit (the host's when none). */
export function describeMemoryUsage(
  usage: IKernelUsage,
  trans: TranslationBundle
): string {
  const used =
    usage.memory_used_bytes === null
      ? '–'
      : formatBytes(usage.memory_used_bytes);
  return trans.__('Mem %1 / %2', used, formatBytes(usage.memory_limit_bytes));
}

/** The status bar's text: "ml.t3.medium · CPU 35% / 2 · Mem 210 MiB / 4 GiB". */
export function describeUsage(
  usage: IKernelUsage,
  trans: TranslationBundle
): string {
  return [
    usage.instance_type,
    describeCpuUsage(usage, trans),
    describeMemoryUsage(usage, trans)
  ].join(' · ');
}

/** The status bar's tooltip: image, version and kind, limits, idle shutdown. */
export function describeUsageTooltip(
  usage: IKernelUsage,
  trans: TranslationBundle
): string {
  const limit =
    usage.memory_bytes === null
      ? trans.__(
          'no memory limit (the host has %1)',
          formatBytes(usage.memory_limit_bytes)
        )
      : trans.__('memory limit %1', formatBytes(usage.memory_bytes));
  const lines = [
    trans.__(
      'Image %1 (version %2, %3)',
      usage.image,
      usage.image_version,
      usage.kind
    ),
    trans.__(
      '%1: %2, %3',
      usage.instance_type,
      trans._n('%1 CPU', '%1 CPUs', usage.cpus),
      limit
    ),
    describeIdleShutdown(usage.idle_timeout_minutes, trans)
  ];
  if (usage.gpus > 0) {
    lines.splice(2, 0, trans._n('%1 GPU', '%1 GPUs', usage.gpus));
  }
  return lines.join('\n');
}

function clamp(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
