import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { listInstanceTypes } from '../api/instance-types';
import { getIdleTimeouts, setIdleTimeout } from '../api/kernels';
import { getStatus } from '../api/status';
import { IdleTimeoutsModel } from '../models/idle-timeouts-model';
import { StatusModel } from '../models/status-model';
import { IMLStudioEvents, IMLStudioSidebar, IMLStudioStatus } from '../tokens';
import {
  createInstanceTypesSection,
  createStatusSection
} from '../widgets/status-sections';

/** The Status and Instance types sections of the sidebar, and the model behind them. */
export const statusPlugin: JupyterFrontEndPlugin<IMLStudioStatus> = {
  id: 'jupyterlab-mlstudio:status',
  description:
    "The ML Studio server's status and instance types, shown in the sidebar.",
  autoStart: true,
  requires: [IMLStudioSidebar],
  optional: [IMLStudioEvents, ITranslator],
  provides: IMLStudioStatus,
  activate: (
    app: JupyterFrontEnd,
    sidebar: IMLStudioSidebar,
    events: IMLStudioEvents | null,
    translator: ITranslator | null
  ): IMLStudioStatus => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mlstudio');
    const serverSettings = app.serviceManager.serverSettings;
    const sections: { isVisible: boolean }[] = [];
    const model = new StatusModel({
      fetchStatus: () => getStatus(serverSettings),
      fetchInstanceTypes: () => listInstanceTypes({}, serverSettings),
      interval: sidebar.refreshInterval,
      events: events?.stream,
      // Rest while the page is hidden or no section is on screen.
      standby: () =>
        document.hidden || !sections.some(section => section.isVisible)
    });
    const idleTimeouts = new IdleTimeoutsModel({
      fetchTimeouts: () => getIdleTimeouts(serverSettings),
      putTimeout: (type, minutes) =>
        setIdleTimeout(type, minutes, serverSettings),
      interval: sidebar.refreshInterval,
      standby: () => document.hidden || !instanceTypesSection.isVisible
    });
    const statusSection = createStatusSection(model, trans);
    const instanceTypesSection = createInstanceTypesSection(
      model,
      trans,
      idleTimeouts
    );
    sections.push(statusSection, instanceTypesSection);
    // Looked at now and then: collapsed until the user opens them (their headers say
    // what matters), leaving the room to jobs and experiments.
    sidebar.addSection(statusSection, { rank: 100, initiallyCollapsed: true });
    sidebar.addSection(instanceTypesSection, {
      rank: 200,
      initiallyCollapsed: true
    });

    sidebar.refreshIntervalChanged.connect((_, interval) => {
      model.interval = interval;
      idleTimeouts.interval = interval;
    });
    sidebar.refreshRequested.connect(() => {
      void model.refresh();
      void idleTimeouts.refresh();
    });
    void model.start();
    void idleTimeouts.start();
    return model;
  }
};
