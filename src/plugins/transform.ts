import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Dialog, MainAreaWidget, showDialog } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { getEndpoint, listEndpoints } from '../api/endpoints';
import {
  getTransformJob,
  getTransformJobLogs,
  listTransformJobs,
  stopTransformJob
} from '../api/transform-jobs';
import { transformIcon } from '../icons';
import {
  ITransformJobApi,
  TRANSFORM_KIND,
  TransformJobListModel,
  TransformJobModel
} from '../models/transform-job-models';
import {
  IMLStudioEvents,
  IMLStudioSidebar,
  IMLStudioTrainingJobs
} from '../tokens';
import { MainAreaTabs } from '../widgets/main-area-tabs';
import { TransformPanel } from '../widgets/transform-panel';
import { EndpointCommandIDs } from './endpoints';

/** Plugin id. */
export const TRANSFORM_PLUGIN_ID = 'jupyterlab-mlstudio:transform';

/** Command that opens a transform job's view; args: `{ name }`. */
export const OPEN_TRANSFORM_JOB = 'mlstudio:open-transform-job';

/** Milliseconds between fallback reads of an open transform job while it runs. */
const VIEW_INTERVAL = 2000;

/** Batch transform jobs: their rows in the Jobs section and a live view of each. */
export const transformPlugin: JupyterFrontEndPlugin<void> = {
  id: TRANSFORM_PLUGIN_ID,
  description:
    'Batch transform jobs: listed in the Jobs section, with a live view of each job.',
  autoStart: true,
  requires: [IMLStudioSidebar, IMLStudioTrainingJobs],
  optional: [IMLStudioEvents, ILayoutRestorer, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IMLStudioSidebar,
    training: IMLStudioTrainingJobs,
    events: IMLStudioEvents | null,
    restorer: ILayoutRestorer | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mlstudio');
    const settings = app.serviceManager.serverSettings;
    const api: ITransformJobApi = {
      getJob: name => getTransformJob(name, settings),
      stopJob: name => stopTransformJob(name, settings),
      getLogs: (name, host, after, limit) =>
        getTransformJobLogs(name, { host, after, limit }, settings)
    };
    const list = new TransformJobListModel({
      fetchPage: options => listTransformJobs(options, settings),
      interval: sidebar.refreshInterval,
      events: events?.stream,
      // Rest while the page is hidden or the Jobs section is off screen.
      standby: () => document.hidden || !training.jobKinds.isVisible
    });
    sidebar.refreshIntervalChanged.connect((_, interval) => {
      list.interval = interval;
    });

    const tabs = new MainAreaTabs<TransformPanel>({
      app,
      namespace: 'mlstudio-transform-job',
      icon: transformIcon,
      className: 'jp-mlstudio-transform-widget'
    });
    const confirmStop = async (name: string): Promise<boolean> => {
      const answer = await showDialog({
        title: trans.__('Stop %1?', name),
        body: trans.__(
          'No new requests are sent and its instances stop; outputs written so far stay.'
        ),
        buttons: [
          Dialog.cancelButton({ label: trans.__('Keep running') }),
          Dialog.warnButton({ label: trans.__('Stop job') })
        ]
      });
      return answer.button.accept;
    };
    const endpointsServing = async (model: string): Promise<string[]> => {
      const { endpoints } = await listEndpoints({ max_items: 100 }, settings);
      const views = await Promise.all(
        endpoints.map(item => getEndpoint(item.endpoint_name, settings))
      );
      return views
        .filter(view =>
          view.variants.some(variant => variant.model_name === model)
        )
        .map(view => view.endpoint_name);
    };
    const open = (name: string): Promise<MainAreaWidget<TransformPanel>> =>
      tabs.open(name, () => {
        // Types spelled out: the model asks about the tab that is made after it.
        const model: TransformJobModel = new TransformJobModel({
          name,
          api,
          interval: VIEW_INTERVAL,
          events: events?.stream,
          standby: (): boolean => document.hidden || !widget.isVisible
        });
        const widget: MainAreaWidget<TransformPanel> = new MainAreaWidget({
          content: new TransformPanel({
            model,
            trans,
            confirmStop,
            endpointsServing,
            openEndpoint: endpoint =>
              void app.commands.execute(EndpointCommandIDs.open, {
                name: endpoint
              })
          })
        });
        widget.id = `mlstudio-transform-job-${name}`;
        widget.title.label = trans.__('Transform %1', name);
        widget.title.caption = trans.__('Batch transform job %1', name);
        void model.start();
        return widget;
      });

    training.jobKinds.add({
      id: TRANSFORM_KIND,
      label: trans.__('Transform'),
      list,
      open: name => void open(name)
    });
    app.commands.addCommand(OPEN_TRANSFORM_JOB, {
      label: trans.__('Open Transform Job'),
      execute: args => open(String(args.name))
    });
    sidebar.refreshRequested.connect(() => void list.refresh());
    if (restorer) {
      void restorer.restore(tabs.tracker, {
        command: OPEN_TRANSFORM_JOB,
        args: widget => ({ name: widget.content.model.name }),
        name: widget => widget.content.model.name
      });
    }
    void list.start();
  }
};
