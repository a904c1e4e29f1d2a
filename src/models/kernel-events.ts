import type { Event } from '@jupyterlab/services';

import { KERNEL_EVENT_SCHEMA } from '../events';
import type { IKernelEvent, INotebookProfile } from '../tokens';

/** An open notebook, as the reactions to kernel events need it. */
export interface IOpenNotebook {
  /** Whether it has changes not yet saved. */
  readonly isDirty: boolean;
  /** Read it again from disk. */
  revert(): Promise<void>;
  /** Set its `mlstudio` metadata. */
  setProfile(profile: INotebookProfile): void;
}

/** What the reactions to kernel events act on; the plugin provides it. */
export interface IKernelEventTargets {
  /** Read the running sessions again, so notebooks follow a kernel that changed. */
  refreshRunning(): Promise<void>;
  /** The open notebook at a contents path, if any. */
  findNotebook(path: string): IOpenNotebook | null;
  /** Tell the user something happened to one of their kernels (`error`: it failed). */
  notify(message: string, kind?: 'info' | 'error'): void;
}

/**
 * React to a `kernel` event, which says a kernel changed from the server side.
 *
 * - `switched` (from a notebook magic or the REST API): sessions are read again, so the
 *   notebook follows its new kernel. The server rewrote the notebook's metadata on disk:
 *   a notebook without unsaved changes is read again; one with changes gets the new
 *   profile in its metadata, so the user's next save keeps it.
 * - `idle-shutdown`: the user is told, with the server's words.
 * - `died`: the kernel ended on its own (a crash, or it could not start); the user is told
 *   why, with the kernel's last output as the server kept it.
 */
export async function handleKernelEvent(
  event: IKernelEvent,
  targets: IKernelEventTargets
): Promise<void> {
  if (event.action === 'idle-shutdown') {
    const where = event.path ? `${event.path}: ` : '';
    targets.notify(
      `${where}${event.message ?? 'The kernel was shut down after being idle.'}`
    );
    await targets.refreshRunning();
    return;
  }
  if (event.action === 'died') {
    const where = event.path ? `${event.path}: ` : '';
    const profile =
      event.image && event.instance_type
        ? ` (${event.image} on ${event.instance_type})`
        : '';
    const said = event.message?.trim();
    targets.notify(
      `${where}The kernel${profile} ended on its own.${said ? `\n${said}` : ''}`,
      'error'
    );
    return;
  }
  if (event.action !== 'switched') {
    return;
  }
  await targets.refreshRunning();
  const notebook = event.path ? targets.findNotebook(event.path) : null;
  if (!notebook) {
    return;
  }
  if (!notebook.isDirty) {
    await notebook.revert();
  } else if (event.image && event.instance_type) {
    notebook.setProfile({
      image: event.image,
      instance_type: event.instance_type
    });
  }
}

/** The kernel event in an emission of the server's stream, or null for other events. */
export function kernelEventOf(emission: Event.Emission): IKernelEvent | null {
  if (emission.schema_id !== KERNEL_EVENT_SCHEMA) {
    return null;
  }
  const event = emission as unknown as IKernelEvent;
  return typeof event.kernel_id === 'string' && typeof event.action === 'string'
    ? event
    : null;
}
