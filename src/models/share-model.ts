import type { ICreateSnapshot } from '../api/snapshots';

/** What the Share dialog asks: everyone in the domain, or one member. */
export interface IShareChoice {
  /** `domain` for everyone, else a user profile name. */
  audience: string;
}

/** The audience value of the Share dialog that means "everyone in the domain". */
export const WHOLE_DOMAIN = '*domain*';

/**
 * The snapshot request for a notebook as its sender sees it now: its path, its content
 * (outputs included, unsaved edits too) and who it is for. Throws an `Error` with a sentence
 * for the user when the choice names nobody.
 */
export function snapshotRequest(
  path: string,
  content: unknown,
  choice: IShareChoice
): ICreateSnapshot {
  if (!content || typeof content !== 'object' || Array.isArray(content)) {
    throw new Error('The notebook has no content to share yet.');
  }
  if (choice.audience === WHOLE_DOMAIN) {
    return {
      path,
      content: content as Record<string, unknown>,
      audience: 'domain',
      recipients: []
    };
  }
  const member = choice.audience.trim();
  if (!member) {
    throw new Error('Choose a member to share with, or the whole domain.');
  }
  return {
    path,
    content: content as Record<string, unknown>,
    audience: 'members',
    recipients: [member]
  };
}

/** The URL parameter that opens a snapshot in JupyterLab. */
export const SNAPSHOT_PARAMETER = 'mlstudio-snapshot';

/** A JupyterLab address that opens snapshot `id` read-only (`base` is the lab's page). */
export function snapshotLink(base: string, id: string): string {
  const url = new URL(base);
  url.searchParams.set(SNAPSHOT_PARAMETER, id);
  return url.toString();
}

/** The snapshot id a JupyterLab address names, or null. */
export function snapshotIdFrom(search: string): string | null {
  const id = new URLSearchParams(search).get(SNAPSHOT_PARAMETER);
  return id && /^[0-9a-f]{32}$/.test(id) ? id : null;
}
