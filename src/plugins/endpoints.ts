import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Dialog,
  MainAreaWidget,
  showDialog,
  showErrorMessage,
  WidgetTracker
} from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import {
  deleteEndpoint,
  deleteVariantScaling,
  deployEndpoint,
  getEndpoint,
  getEndpointMetrics,
  invokeEndpoint,
  listEndpoints,
  putVariantScaling,
  updateEndpoint
} from '../api/endpoints';
import { endpointIcon } from '../icons';
import { EndpointListModel } from '../models/endpoint-list-model';
import { EndpointModel, IEndpointApi } from '../models/endpoint-model';
import { IMLStudioEvents, IMLStudioSidebar } from '../tokens';
import { EndpointPanel, EndpointsSection } from '../widgets/endpoint-panels';

/** Plugin id. */
export const ENDPOINTS_PLUGIN_ID = 'jupyterlab-mlstudio:endpoints';

/** Commands of this plugin. */
export namespace EndpointCommandIDs {
  export const open = 'mlstudio:open-endpoint';
  /** Deploy a registered model version: args `{ name, version }`. */
  export const deployVersion = 'mlstudio:deploy-model-version';
}

/** Position of the Endpoints section: after the Jobs section (50), above Status (100). */
const ENDPOINTS_SECTION_RANK = 60;
/** Milliseconds between reads of an open endpoint (its charts are live). */
const VIEW_INTERVAL = 1000;

/** Endpoints: the sidebar section, the endpoint view, and deploying a model version. */
export const endpointsPlugin: JupyterFrontEndPlugin<void> = {
  id: ENDPOINTS_PLUGIN_ID,
  description:
    'Endpoints: their section in the sidebar, a live view of each, and deploying a registered model version.',
  autoStart: true,
  requires: [IMLStudioSidebar],
  optional: [IMLStudioEvents, ILayoutRestorer, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IMLStudioSidebar,
    events: IMLStudioEvents | null,
    restorer: ILayoutRestorer | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mlstudio');
    const settings = app.serviceManager.serverSettings;
    const api: IEndpointApi = {
      get: name => getEndpoint(name, settings),
      metrics: (name, seconds) => getEndpointMetrics(name, seconds, settings),
      update: (name, change) => updateEndpoint(name, change, settings),
      remove: name => deleteEndpoint(name, settings),
      invoke: (name, call) => invokeEndpoint(name, call, settings),
      putScaling: (name, variant, policy) =>
        putVariantScaling(name, variant, policy, settings),
      deleteScaling: (name, variant) =>
        deleteVariantScaling(name, variant, settings)
    };
    let section: EndpointsSection | null = null;
    const list = new EndpointListModel({
      fetch: options => listEndpoints(options, settings),
      interval: sidebar.refreshInterval,
      events: events?.stream,
      standby: () => document.hidden || !section?.isVisible
    });
    sidebar.refreshIntervalChanged.connect((_, interval) => {
      list.interval = interval;
    });
    sidebar.refreshRequested.connect(() => void list.refresh());
    const tracker = new WidgetTracker<MainAreaWidget<EndpointPanel>>({
      namespace: 'mlstudio-endpoint'
    });
    const confirmDelete = async (name: string): Promise<boolean> => {
      const answer = await showDialog({
        title: trans.__('Delete endpoint %1?', name),
        body: trans.__('Its instances stop; its config and models stay.'),
        buttons: [
          Dialog.cancelButton(),
          Dialog.warnButton({ label: trans.__('Delete') })
        ]
      });
      return answer.button.accept;
    };
    const open = (name: string): MainAreaWidget<EndpointPanel> => {
      const existing = tracker.find(
        widget => widget.content.model.name === name
      );
      if (existing) {
        app.shell.activateById(existing.id);
        return existing;
      }
      // Types spelled out: the model asks about the tab that is made after it.
      const model: EndpointModel = new EndpointModel({
        name,
        api,
        interval: VIEW_INTERVAL,
        events: events?.stream,
        standby: (): boolean => document.hidden || !widget.isVisible
      });
      const widget: MainAreaWidget<EndpointPanel> = new MainAreaWidget({
        content: new EndpointPanel({ model, trans, confirmDelete })
      });
      widget.id = `mlstudio-endpoint-${name}`;
      widget.title.label = trans.__('Endpoint %1', name);
      widget.title.icon = endpointIcon;
      widget.title.caption = trans.__('Endpoint %1', name);
      widget.title.closable = true;
      void tracker.add(widget);
      app.shell.add(widget, 'main');
      void model.start();
      return widget;
    };
    section = new EndpointsSection({
      model: list,
      trans,
      onOpen: name => open(name)
    });
    sidebar.addSection(section, { rank: ENDPOINTS_SECTION_RANK });

    app.commands.addCommand(EndpointCommandIDs.open, {
      label: trans.__('Open Endpoint'),
      execute: args => {
        open(String(args.name));
      }
    });
    app.commands.addCommand(EndpointCommandIDs.deployVersion, {
      label: args =>
        args.version
          ? trans.__('Deploy version %1', String(args.version))
          : trans.__('Deploy Model Version'),
      execute: async args => {
        try {
          const view = await deployEndpoint(
            {
              registered_model_name: String(args.name),
              registered_model_version:
                args.version === undefined ? null : String(args.version),
              initial_instance_count: 1,
              variant_name: 'AllTraffic',
              environment: {}
            },
            settings
          );
          void list.refresh();
          open(view.endpoint_name);
        } catch (reason) {
          await showErrorMessage(trans.__('Cannot deploy'), reason as Error);
        }
      }
    });
    if (restorer) {
      void restorer.restore(tracker, {
        command: EndpointCommandIDs.open,
        args: widget => ({ name: widget.content.model.name }),
        name: widget => widget.content.model.name
      });
    }
  }
};
