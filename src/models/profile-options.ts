import type { TranslationBundle } from '@jupyterlab/translation';

import {
  describeIdleShutdown,
  describeIdleTimeout,
  describeSize
} from '../kernel-format';
import type { IKernelProfiles, IProfileInstanceType } from '../tokens';

/** One choice of a picker. */
export interface IPickerOption {
  /** The value picked, also `data-option` for tests and styles. */
  value: string;
  /** The main text, e.g. the instance type's name. */
  label: string;
  /** Facts shown to the right of the label, e.g. "2 vCPU · 4 GiB". */
  facts?: string;
  /** A second line, e.g. "idle shutdown after 120 min". */
  detail?: string;
  /** Why it cannot be picked; the option is disabled when set. */
  reason?: string | null;
  /** The tooltip; defaults to the label and the reason. */
  title?: string;
  /** Whether it is the current choice. */
  selected?: boolean;
}

/** The images of the image picker, the current one selected. */
export function imageOptions(
  profiles: IKernelProfiles,
  current: string,
  trans: TranslationBundle
): IPickerOption[] {
  return profiles.images.map(image => {
    const facts = [image.kind, image.version ? `v${image.version}` : null]
      .filter(Boolean)
      .join(' · ');
    const reason = image.available
      ? null
      : (image.reason ?? trans.__('cannot run here'));
    return {
      value: image.name,
      label: image.name,
      facts,
      detail: image.display_name ?? undefined,
      reason,
      title: reason
        ? `${image.name} — ${reason}`
        : [image.display_name ?? image.name, facts].filter(Boolean).join('\n'),
      selected: image.name === current
    };
  });
}

/** The instance types of the type picker: size, idle timeout, and why one cannot run. */
export function instanceTypeOptions(
  profiles: IKernelProfiles,
  current: string | null,
  trans: TranslationBundle
): IPickerOption[] {
  return profiles.instance_types.map(type => {
    const reason = type.available
      ? null
      : (type.reason ?? trans.__('cannot run here'));
    const facts = describeSize(type, trans);
    const idle = describeIdleShutdown(type.idle_timeout_minutes, trans);
    return {
      value: type.name,
      label: type.name,
      facts,
      detail: idle,
      reason,
      title: reason
        ? `${type.name} — ${reason}`
        : `${type.name}: ${type.description}\n${facts} · ${idle}`,
      selected: type.name === current
    };
  });
}

/** An instance type in a line, for the picker's button tooltip. */
export function describeInstanceType(
  type: IProfileInstanceType,
  trans: TranslationBundle
): string {
  return trans.__(
    '%1: %2 · idle timeout %3',
    type.name,
    describeSize(type, trans),
    describeIdleTimeout(type.idle_timeout_minutes, trans)
  );
}
