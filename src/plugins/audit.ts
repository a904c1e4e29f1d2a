import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { listAuditEvents } from '../api/audit';
import { asRequestError } from '../request';
import { IMLStudioSidebar } from '../tokens';
import { AuditSection } from '../widgets/audit-section';

/** Rank of the Audit log section: below the sections of daily work and the samples. */
const SECTION_RANK = 950;

/**
 * The audit log, for the domain's admins: a sidebar section shown only when the server lets
 * the user read the log (everyone else gets 403 and never sees the section).
 */
export const auditPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-mlstudio:audit',
  description: "The domain's audit log in the sidebar, for its admins.",
  autoStart: true,
  optional: [IMLStudioSidebar, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IMLStudioSidebar | null,
    translator: ITranslator | null
  ): void => {
    if (!sidebar) {
      return;
    }
    const trans = (translator ?? nullTranslator).load('jupyterlab_mlstudio');
    const settings = app.serviceManager.serverSettings;
    const section = new AuditSection({
      trans,
      load: (owner, token) =>
        listAuditEvents(
          { owner: owner || undefined, next_token: token, max_items: 25 },
          settings
        )
    });
    listAuditEvents({ max_items: 25 }, settings)
      .then(() => {
        sidebar.addSection(section, {
          rank: SECTION_RANK,
          initiallyCollapsed: true
        });
        return section.refresh();
      })
      .catch(reason => {
        const error = asRequestError(reason);
        if (error.status !== 403) {
          console.error('ML Studio: cannot read the audit log.', error);
        }
        section.dispose();
      });
  }
};
