import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Dialog, MainAreaWidget, showDialog } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import {
  getProcessingJob,
  getProcessingJobLogs,
  listProcessingJobs,
  stopProcessingJob
} from '../api/processing-jobs';
import { processingIcon } from '../icons';
import {
  IProcessingJobApi,
  PROCESSING_KIND,
  ProcessingJobListModel,
  ProcessingJobModel
} from '../models/processing-job-models';
import {
  IMLStudioEvents,
  IMLStudioSidebar,
  IMLStudioTrainingJobs
} from '../tokens';
import { MainAreaTabs } from '../widgets/main-area-tabs';
import { ProcessingPanel } from '../widgets/processing-panel';

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
    const settings = app.serviceManager.serverSettings;
    const api: IProcessingJobApi = {
      getJob: name => getProcessingJob(name, settings),
      stopJob: name => stopProcessingJob(name, settings),
      getLogs: (name, host, after, limit) =>
        getProcessingJobLogs(name, { host, after, limit }, settings)
    };
    const list = new ProcessingJobListModel({
      fetchPage: options => listProcessingJobs(options, settings),
      interval: sidebar.refreshInterval,
      events: events?.stream,
      // Rest while the page is hidden or the Jobs section is off screen.
      standby: () => document.hidden || !training.jobKinds.isVisible
    });
    sidebar.refreshIntervalChanged.connect((_, interval) => {
      list.interval = interval;
    });

    const tabs = new MainAreaTabs<ProcessingPanel>({
      app,
      namespace: 'mlstudio-processing-job',
      icon: processingIcon,
      className: 'jp-mlstudio-processing-widget'
    });
    const confirmStop = async (name: string): Promise<boolean> => {
      const answer = await showDialog({
        title: trans.__('Stop %1?', name),
        body: trans.__(
          'Its containers are stopped. Outputs are not uploaded; what is already in S3 stays.'
        ),
        buttons: [
          Dialog.cancelButton({ label: trans.__('Keep running') }),
          Dialog.warnButton({ label: trans.__('Stop job') })
        ]
      });
      return answer.button.accept;
    };
    const open = (name: string): Promise<MainAreaWidget<ProcessingPanel>> =>
      tabs.open(name, () => {
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
      });

    training.jobKinds.add({
      id: PROCESSING_KIND,
      label: trans.__('Processing'),
      list,
      open: name => void open(name)
    });
    app.commands.addCommand(OPEN_PROCESSING_JOB, {
      label: trans.__('Open Processing Job'),
      execute: args => open(String(args.name))
    });
    sidebar.refreshRequested.connect(() => void list.refresh());
    if (restorer) {
      void restorer.restore(tabs.tracker, {
        command: OPEN_PROCESSING_JOB,
        args: widget => ({ name: widget.content.model.name }),
        name: widget => widget.content.model.name
      });
    }
    void list.start();
  }
};
