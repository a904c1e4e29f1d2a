import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { MainAreaWidget } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { processingJobsApi } from '../api/processing-jobs';
import { processingIcon } from '../icons';
import {
  PROCESSING_KIND,
  ProcessingJobListModel,
  ProcessingJobModel
} from '../models/processing-job-models';
import {
  IMLStudioEvents,
  IMLStudioSidebar,
  IMLStudioTrainingJobs
} from '../tokens';
import { ProcessingPanel } from '../widgets/processing-panel';
import { addJobKindViews, confirmStopDialog } from './job-kind-views';

/** Plugin id. */
export const PROCESSING_PLUGIN_ID = 'jupyterlab-mlstudio:processing';

/** Command that opens a processing job's view; args: `{ name }`. */
export const OPEN_PROCESSING_JOB = 'mlstudio:open-processing-job';

/** Milliseconds between fallback reads of an open processing job while it runs. */
const VIEW_INTERVAL = 2000;

/** Processing jobs: their rows in the Jobs section and a live view of each. */
export const processingPlugin: JupyterFrontEndPlugin<void> = {
  id: PROCESSING_PLUGIN_ID,
  description:
    'Processing jobs: listed in the Jobs section, with a live view of each job.',
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
    const api = processingJobsApi(app.serviceManager.serverSettings);
    const list = new ProcessingJobListModel({
      fetchPage: options => api.list(options),
      interval: sidebar.refreshInterval,
      events: events?.stream,
      // Rest while the page is hidden or the Jobs section is off screen.
      standby: () => document.hidden || !training.jobKinds.isVisible
    });
    const confirmStop = confirmStopDialog(
      trans,
      trans.__(
        'Its containers are stopped. Outputs are not uploaded; what is already in S3 stays.'
      )
    );
    addJobKindViews<ProcessingPanel>({
      app,
      sidebar,
      training,
      restorer,
      kind: PROCESSING_KIND,
      label: trans.__('Processing'),
      list,
      namespace: 'mlstudio-processing-job',
      icon: processingIcon,
      className: 'jp-mlstudio-processing-widget',
      command: OPEN_PROCESSING_JOB,
      commandLabel: trans.__('Open Processing Job'),
      createTab: name => {
        // Types spelled out: the model asks about the tab that is made after it.
        const model: ProcessingJobModel = new ProcessingJobModel({
          name,
          api,
          interval: VIEW_INTERVAL,
          events: events?.stream,
          standby: (): boolean => document.hidden || !widget.isVisible
        });
        const widget: MainAreaWidget<ProcessingPanel> = new MainAreaWidget({
          content: new ProcessingPanel({ model, trans, confirmStop })
        });
        widget.id = `mlstudio-processing-job-${name}`;
        widget.title.label = trans.__('Processing %1', name);
        widget.title.caption = trans.__('Processing job %1', name);
        void model.start();
        return widget;
      }
    });
  }
};
