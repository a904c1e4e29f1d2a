import type { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../request';
import type { Schemas } from './schema-types';

/** One entry of the domain's audit log. */
export type IAuditEvent = Schemas['AuditEvent'];
/** A page of the audit log, newest first. */
export type IAuditPage = Schemas['AuditPage'];

/** Filters of the audit log (all optional). */
export interface IAuditFilter {
  owner?: string;
  action?: string;
  face?: IAuditEvent['face'];
  next_token?: string;
  max_items?: number;
}

/** `GET mlstudio/api/v1/audit-events`: a page of the audit log (admins only; 403 else). */
export function listAuditEvents(
  filter: IAuditFilter = {},
  settings?: ServerConnection.ISettings
): Promise<IAuditPage> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '') {
      query.set(key, String(value));
    }
  }
  const suffix = query.toString() ? `?${query.toString()}` : '';
  return requestAPI<IAuditPage>(
    `audit-events${suffix}`,
    { method: 'GET' },
    settings
  );
}
