import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { MainAreaWidget } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { getEndpoint, listEndpoints } from '../api/endpoints';
import { transformJobsApi } from '../api/transform-jobs';
import { transformIcon } from '../icons';
import {
  TRANSFORM_KIND,
  TransformJobListModel,
  TransformJobModel
} from '../models/transform-job-models';
import {
  IMLStudioEvents,
  IMLStudioSidebar,
  IMLStudioTrainingJobs
} from '../tokens';
import { TransformPanel } from '../widgets/transform-panel';
import { EndpointCommandIDs } from './endpoints';
import { addJobKindViews, confirmStopDialog } from './job-kind-views';

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
    const api = transformJobsApi(settings);
    const list = new TransformJobListModel({
      fetchPage: options => api.list(options),
      interval: sidebar.refreshInterval,
      events: events?.stream,
      // Rest while the page is hidden or the Jobs section is off screen.
      standby: () => document.hidden || !training.jobKinds.isVisible
    });
    const confirmStop = confirmStopDialog(
      trans,
      trans.__(
        'No new requests are sent and its instances stop; outputs written so far stay.'
      )
    );
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
    addJobKindViews<TransformPanel>({
      app,
      sidebar,
      training,
      restorer,
      kind: TRANSFORM_KIND,
      label: trans.__('Transform'),
      list,
      namespace: 'mlstudio-transform-job',
      icon: transformIcon,
      className: 'jp-mlstudio-transform-widget',
      command: OPEN_TRANSFORM_JOB,
      commandLabel: trans.__('Open Transform Job'),
      createTab: name => {
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
      }
    });
  }
};
