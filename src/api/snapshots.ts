import type { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../request';
import type { Schemas } from './schema-types';

/** A read-only snapshot of a notebook, as lists show it. */
export type ISnapshot = Schemas['Snapshot'];
/** A snapshot with its notebook (nbformat 4 JSON, outputs included). */
export type ISnapshotDetail = Schemas['SnapshotDetail'];
/** `POST mlstudio/api/v1/snapshots`. */
export type ICreateSnapshot = Schemas['CreateSnapshot'];
/** The copy a recipient made in their own space. */
export type ICopiedSnapshot = Schemas['CopiedSnapshot'];
/** Who a snapshot can be sent to. */
export type ISnapshotRecipients = Schemas['SnapshotRecipients'];

/** `POST mlstudio/api/v1/snapshots`: share a snapshot of a notebook. */
export function createSnapshot(
  request: ICreateSnapshot,
  settings?: ServerConnection.ISettings
): Promise<ISnapshot> {
  return requestAPI<ISnapshot>(
    'snapshots',
    { method: 'POST', body: JSON.stringify(request) },
    settings
  );
}

/** `GET mlstudio/api/v1/snapshots`: snapshots sent or received, newest first. */
export async function listSnapshots(
  box: 'all' | 'sent' | 'received' = 'all',
  settings?: ServerConnection.ISettings
): Promise<ISnapshot[]> {
  const page = await requestAPI<Schemas['SnapshotPage']>(
    `snapshots?box=${box}&max_items=100`,
    { method: 'GET' },
    settings
  );
  return page.snapshots;
}

/** `GET mlstudio/api/v1/snapshots/{id}`: one snapshot with its notebook. */
export function getSnapshot(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<ISnapshotDetail> {
  return requestAPI<ISnapshotDetail>(
    `snapshots/${encodeURIComponent(id)}`,
    { method: 'GET' },
    settings
  );
}

/** `POST mlstudio/api/v1/snapshots/{id}/copy`: copy into the caller's space. */
export function copySnapshot(
  id: string,
  path: string | null,
  settings?: ServerConnection.ISettings
): Promise<ICopiedSnapshot> {
  return requestAPI<ICopiedSnapshot>(
    `snapshots/${encodeURIComponent(id)}/copy`,
    { method: 'POST', body: JSON.stringify(path ? { path } : {}) },
    settings
  );
}

/** `DELETE mlstudio/api/v1/snapshots/{id}` (the sender only). */
export async function deleteSnapshot(
  id: string,
  settings?: ServerConnection.ISettings
): Promise<void> {
  await requestAPI<unknown>(
    `snapshots/${encodeURIComponent(id)}`,
    { method: 'DELETE' },
    settings
  );
}

/** `GET mlstudio/api/v1/snapshot-recipients`. */
export function getSnapshotRecipients(
  settings?: ServerConnection.ISettings
): Promise<ISnapshotRecipients> {
  return requestAPI<ISnapshotRecipients>(
    'snapshot-recipients',
    { method: 'GET' },
    settings
  );
}
