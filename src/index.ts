import type { JupyterFrontEndPlugin } from '@jupyterlab/application';

import { eventsPlugin } from './plugins/events';
import { experimentsPlugin } from './plugins/experiments';
import { sidebarPlugin } from './plugins/sidebar';
import { statusPlugin } from './plugins/status';
import { trainingPlugin } from './plugins/training';

export * from './tokens';

/** The ML Studio front end: small plugins that other extensions can build on. */
const plugins: JupyterFrontEndPlugin<unknown>[] = [
  eventsPlugin,
  sidebarPlugin,
  statusPlugin,
  trainingPlugin,
  experimentsPlugin
];

export default plugins;
