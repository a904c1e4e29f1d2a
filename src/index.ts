import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { auditPlugin } from './plugins/audit';
import { credentialsPlugin } from './plugins/credentials';
import { endpointsPlugin } from './plugins/endpoints';
import { eventsPlugin } from './plugins/events';
import { experimentsPlugin } from './plugins/experiments';
import { imagesPlugin } from './plugins/images';
import { kernelEventsPlugin } from './plugins/kernel-events';
import { kernelPickersPlugin } from './plugins/kernel-pickers';
import { kernelUsagePlugin } from './plugins/kernel-usage';
import { launcherPlugin } from './plugins/launcher';
import { mlflowLinksPlugin } from './plugins/mlflow-links';
import { processingPlugin } from './plugins/processing';
import { resourcesPlugin } from './plugins/resources';
import { samplesPlugin } from './plugins/samples';
import { sharingPlugin } from './plugins/sharing';
import { sidebarPlugin } from './plugins/sidebar';
import { statusPlugin } from './plugins/status';
import { trainingPlugin } from './plugins/training';
import { transformPlugin } from './plugins/transform';
import { tuningPlugin } from './plugins/tuning';

export * from './tokens';

/** The ML Studio front end: small plugins that other extensions can build on. */
const plugins: JupyterFrontEndPlugin<unknown>[] = [
  eventsPlugin,
  sidebarPlugin,
  statusPlugin,
  trainingPlugin,
  tuningPlugin,
  endpointsPlugin,
  transformPlugin,
  processingPlugin,
  experimentsPlugin,
  imagesPlugin,
  kernelPickersPlugin,
  kernelUsagePlugin,
  kernelEventsPlugin,
  launcherPlugin,
  samplesPlugin,
  auditPlugin,
  credentialsPlugin,
  mlflowLinksPlugin,
  resourcesPlugin,
  sharingPlugin
];

export default plugins;
