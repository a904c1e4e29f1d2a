import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';

import {
  handleKernelEvent,
  IOpenNotebook,
  kernelEventOf
} from '../models/kernel-events';
import { IMLStudioEvents } from '../tokens';
import { PROFILE_METADATA_KEY } from '../widgets/notebook-kernel-handle';

/** How long the idle-shutdown notification stays, in ms. */
const NOTIFICATION_TIMEOUT = 15_000;

/**
 * Kernels changed from the server side: notebooks follow a switch made by a magic or the
 * REST API, and the user hears of an idle shutdown or a kernel that died.
 */
export const kernelEventsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-mlstudio:kernel-events',
  description:
    'Notebooks follow kernel switches made on the server; idle shutdowns are announced.',
  autoStart: true,
  requires: [IMLStudioEvents, INotebookTracker],
  activate: (
    app: JupyterFrontEnd,
    events: IMLStudioEvents,
    tracker: INotebookTracker
  ): void => {
    const findNotebook = (path: string): IOpenNotebook | null => {
      const panel = tracker.find(widget => widget.context.path === path);
      if (!panel) {
        return null;
      }
      return {
        isDirty: panel.context.model.dirty,
        revert: () => panel.context.revert(),
        setProfile: profile =>
          panel.context.model.setMetadata(PROFILE_METADATA_KEY, { ...profile })
      };
    };
    events.stream.connect((_, emission) => {
      const event = kernelEventOf(emission);
      if (!event) {
        return;
      }
      handleKernelEvent(event, {
        refreshRunning: () => app.serviceManager.sessions.refreshRunning(),
        findNotebook,
        notify: (message, kind) =>
          kind === 'error'
            ? Notification.error(message, { autoClose: false })
            : Notification.info(message, { autoClose: NOTIFICATION_TIMEOUT })
      }).catch(reason => {
        console.error('ML Studio: cannot follow a kernel event.', reason);
      });
    });
  }
};
