import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, InputDialog } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { FileDialog } from '@jupyterlab/filebrowser';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { addIcon } from '@jupyterlab/ui-components';

import { listImages } from '../api/images';
import { listInstanceTypes } from '../api/instance-types';
import { getMetricHistory, getRun } from '../api/runs';
import { getStatus } from '../api/status';
import {
  createTrainingJob,
  getTrainingJob,
  getTrainingJobLogs,
  jobArtifactDownloadUrl,
  listTrainingJobs,
  previewMetricDefinitions,
  stopTrainingJob
} from '../api/training-jobs';
import { addTrainingCommands, CommandIDs } from '../commands';
import { JobKinds } from '../models/job-kinds';
import { JobListModel, TRAINING_KIND } from '../models/job-list-model';
import type { ITrainingJobApi } from '../models/training-job-model';
import {
  IMLStudioEvents,
  IMLStudioSidebar,
  IMLStudioStatus,
  IMLStudioTrainingJobs
} from '../tokens';
import { JobsSection } from '../widgets/jobs-section';
import {
  DEFAULT_TRAINING_SETTINGS,
  ITrainingSettings,
  TrainingJobsManager
} from '../widgets/training-jobs-manager';

/** Plugin id; its settings, menus and toolbar items live in `schema/training.json`. */
export const TRAINING_PLUGIN_ID = 'jupyterlab-mlstudio:training';

/** Position of the Jobs section in the sidebar: first, above Status (100). */
const JOBS_SECTION_RANK = 50;

/** Training jobs: the Jobs section, job views, the new-job form and their commands. */
export const trainingPlugin: JupyterFrontEndPlugin<IMLStudioTrainingJobs> = {
  id: TRAINING_PLUGIN_ID,
  description:
    'Training jobs: the Jobs section of the sidebar, live job views and the new-job form.',
  autoStart: true,
  requires: [IMLStudioSidebar, IMLStudioStatus],
  optional: [
    IMLStudioEvents,
    ICommandPalette,
    ISettingRegistry,
    ILayoutRestorer,
    ITranslator,
    IDocumentManager
  ],
  provides: IMLStudioTrainingJobs,
  activate: (
    app: JupyterFrontEnd,
    sidebar: IMLStudioSidebar,
    status: IMLStudioStatus,
    events: IMLStudioEvents | null,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    restorer: ILayoutRestorer | null,
    translator: ITranslator | null,
    docManager: IDocumentManager | null
  ): IMLStudioTrainingJobs => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mlstudio');
    const serverSettings = app.serviceManager.serverSettings;
    const api: ITrainingJobApi = {
      getJob: name => getTrainingJob(name, serverSettings),
      stopJob: name => stopTrainingJob(name, serverSettings),
      getLogs: (name, host, after, limit) =>
        getTrainingJobLogs(name, { host, after, limit }, serverSettings),
      getRun: runId => getRun(runId, serverSettings),
      getMetricHistory: (runId, key) =>
        getMetricHistory(runId, key, serverSettings)
    };

    let section: JobsSection | null = null;
    const list = new JobListModel({
      fetchPage: options => listTrainingJobs(options, serverSettings),
      interval: sidebar.refreshInterval,
      pageSize: DEFAULT_TRAINING_SETTINGS.jobsPageSize,
      events: events?.stream,
      // Rest while the page is hidden or the section is off screen.
      standby: () => document.hidden || !section?.isVisible
    });
    const jobKinds = new JobKinds({ isVisible: () => !!section?.isVisible });
    const manager = new TrainingJobsManager({
      app,
      api,
      jobKinds,
      services: {
        createJob: request => createTrainingJob(request, serverSettings),
        readStatus: () => getStatus(serverSettings),
        readInstanceTypes: () => listInstanceTypes({}, serverSettings),
        previewMetrics: (definitions, sample) =>
          previewMetricDefinitions(definitions, sample, serverSettings),
        listImages: async () =>
          (await listImages(serverSettings)).images
            .filter(entry =>
              entry.versions.some(
                version => version.image_version_status === 'CREATED'
              )
            )
            .map(entry => ({
              name: entry.image.image_name,
              display_name: entry.image.display_name
            })),
        browseEntryScript: docManager
          ? async () => {
              const result = await FileDialog.getOpenFiles({
                manager: docManager,
                title: trans.__('Choose the entry script'),
                filter: item =>
                  item.type === 'directory' || item.name.endsWith('.py')
                    ? {}
                    : null,
                translator: translator ?? undefined
              });
              const chosen = result.button.accept ? result.value?.[0] : null;
              return chosen && chosen.type !== 'directory' ? chosen.path : null;
            }
          : undefined
      },
      downloadUrl: (name, artifact) =>
        jobArtifactDownloadUrl(name, artifact, serverSettings),
      list,
      status,
      events,
      trans,
      interval: sidebar.refreshInterval
    });

    jobKinds.add({
      id: TRAINING_KIND,
      label: trans.__('Training'),
      list,
      open: name => void manager.openJob(name)
    });
    section = new JobsSection({
      model: jobKinds,
      trans,
      onNew: () => void manager.openNewJobForm()
    });
    sidebar.addSection(section, {
      rank: JOBS_SECTION_RANK,
      actions: [
        {
          id: 'new-training-job',
          label: trans.__('New training job'),
          icon: addIcon,
          execute: () => void manager.openNewJobForm()
        }
      ]
    });

    addTrainingCommands(
      app,
      {
        newJob: () => manager.openNewJobForm(),
        openJob: name => manager.openJob(name),
        stopJob: name => manager.stopJob(name),
        isRunning: name => manager.isRunning(name),
        jobNames: () => list.jobs.map(job => job.training_job_name)
      },
      trans,
      palette,
      async names => {
        const answer = await InputDialog.getItem({
          title: trans.__('Open Training Job'),
          label: trans.__('Job name'),
          items: names,
          editable: true,
          placeholder: trans.__('name of the job')
        });
        return answer.button.accept && answer.value ? answer.value : null;
      }
    );

    if (restorer) {
      void restorer.restore(manager.tracker, {
        command: CommandIDs.openTrainingJob,
        args: widget => ({ name: widget.content.model.name }),
        name: widget => widget.content.model.name
      });
    }

    if (settingRegistry) {
      const apply = (settings: ISettingRegistry.ISettings): void => {
        const read = (key: keyof ITrainingSettings): number => {
          const value = settings.get(key).composite;
          return typeof value === 'number' && Number.isFinite(value)
            ? value
            : DEFAULT_TRAINING_SETTINGS[key];
        };
        manager.settings = {
          jobsPageSize: read('jobsPageSize'),
          logPageSize: read('logPageSize'),
          logCachePages: read('logCachePages'),
          chartPointBudget: read('chartPointBudget')
        };
      };
      settingRegistry
        .load(TRAINING_PLUGIN_ID)
        .then(settings => {
          apply(settings);
          settings.changed.connect(apply);
        })
        .catch(reason => {
          console.error(
            'ML Studio: cannot read the training settings.',
            reason
          );
        });
    }

    sidebar.refreshIntervalChanged.connect((_, interval) => {
      list.interval = interval;
      manager.interval = interval;
    });
    sidebar.refreshRequested.connect(() => {
      void list.refresh();
    });
    void list.start();
    return manager;
  }
};
