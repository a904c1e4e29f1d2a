import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';

import { MLStudioEventStream } from '../models/event-stream';
import { IMLStudioEvents } from '../tokens';

/** ML Studio's events, picked out of the Jupyter server's event stream. */
export const eventsPlugin: JupyterFrontEndPlugin<IMLStudioEvents> = {
  id: 'jupyterlab-mlstudio:events',
  description:
    'Server events of ML Studio: status now; training jobs, logs and metrics later.',
  autoStart: true,
  provides: IMLStudioEvents,
  activate: (app: JupyterFrontEnd): IMLStudioEvents =>
    new MLStudioEventStream(app.serviceManager.events.stream)
};
