import type { JupyterFrontEnd } from '@jupyterlab/application';
import {
  Dialog,
  MainAreaWidget,
  showDialog,
  showErrorMessage,
  WidgetTracker
} from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon, ToolbarButton } from '@jupyterlab/ui-components';
import { ISignal, Signal } from '@lumino/signaling';
import type { Widget } from '@lumino/widgets';

import { CommandIDs } from '../commands';
import type { IDirectoryEntry, IImageChoice } from '../components/job-form';
import type { JobArtifact } from '../components/job-view';
import { jobIcon } from '../icons';
import type { JobKinds } from '../models/job-kinds';
import type { JobListModel } from '../models/job-list-model';
import {
  ITrainingJobApi,
  TrainingJobModel
} from '../models/training-job-model';
import type {
  ICreateTrainingJobRequest,
  IInstanceTypeList,
  IMetricDefinition,
  IMetricPreviewList,
  IMLStudioEvents,
  IMLStudioStatus,
  IMLStudioTrainingJobs,
  IStatus,
  ITrainingJobDetail,
  ITrainingJobSummary
} from '../tokens';
import { JobFormPanel } from './job-form-panel';
import { JobPanel } from './job-panel';
import { MainAreaTabs } from './main-area-tabs';

/** Settings of the training views, from `schema/training.json`. */
export interface ITrainingSettings {
  /** Jobs per read of the list, 1 to 100. */
  jobsPageSize: number;
  /** Log lines per read. */
  logPageSize: number;
  /** Log pages kept in memory per host. */
  logCachePages: number;
  /** Most points drawn per chart. */
  chartPointBudget: number;
}

/** The schema's defaults, used until the settings have been read. */
export const DEFAULT_TRAINING_SETTINGS: ITrainingSettings = {
  jobsPageSize: 50,
  logPageSize: 1000,
  logCachePages: 50,
  chartPointBudget: 1000
};

/** A job's main-area tab. */
export type JobWidget = MainAreaWidget<JobPanel>;

/**
 * Opens and tracks the training views of the main area: one tab per job (brought
 * forward when opened again) and new-job forms. Implements the training-jobs token.
 */
export class TrainingJobsManager implements IMLStudioTrainingJobs {
  constructor(options: TrainingJobsManager.IOptions) {
    this._app = options.app;
    this._api = options.api;
    this._list = options.list;
    this.jobKinds = options.jobKinds;
    this._status = options.status;
    this._events = options.events;
    this._trans = options.trans;
    this._interval = options.interval;
    this._services = options.services;
    this._downloadUrl = options.downloadUrl ?? null;
    this._tabs = new MainAreaTabs<JobPanel>({
      app: this._app,
      namespace: 'mlstudio-training-job',
      icon: jobIcon,
      className: 'jp-mlstudio-job-widget'
    });
    this.tracker = this._tabs.tracker;
    this._list.changed.connect(() => this._jobsChanged.emit(), this);
  }

  /** The job tabs, for the layout restorer. */
  readonly tracker: WidgetTracker<JobWidget>;

  /** The kinds of job the Jobs section lists. */
  readonly jobKinds: JobKinds;

  get jobs(): readonly ITrainingJobSummary[] {
    return this._list.jobs;
  }

  get jobsChanged(): ISignal<this, void> {
    return this._jobsChanged;
  }

  /** The settings in effect. */
  get settings(): ITrainingSettings {
    return this._settings;
  }
  set settings(settings: ITrainingSettings) {
    this._settings = settings;
    this._list.pageSize = settings.jobsPageSize;
    this.tracker.forEach(widget => {
      widget.content.chartPointBudget = settings.chartPointBudget;
    });
  }

  /** Milliseconds between fallback reads of the open jobs. */
  set interval(milliseconds: number) {
    this._interval = milliseconds;
    this.tracker.forEach(widget => {
      widget.content.model.interval = milliseconds;
    });
  }

  /** The open tab of a job, if any. */
  findJob(name: string): JobWidget | undefined {
    return this._tabs.find(name);
  }

  /** Whether a job is known to be running, from its tab or the list. */
  isRunning(name: string): boolean {
    const status =
      this.findJob(name)?.content.model.detail?.training_job_status ??
      this._list.find(name)?.training_job_status;
    return status === 'InProgress';
  }

  refresh(): Promise<void> {
    return this._list.refresh();
  }

  /** Open a job's tab, or focus it when it is open. */
  openJob(name: string): Promise<Widget> {
    return this._tabs.open(name, () => this._createJobTab(name));
  }

  private _createJobTab(name: string): JobWidget {
    const model = new TrainingJobModel({
      name,
      api: this._api,
      interval: this._interval,
      logPageSize: this._settings.logPageSize,
      logCachePages: this._settings.logCachePages,
      events: this._events?.stream
    });
    const commands = this._app.commands;
    const content = new JobPanel({
      model,
      trans: this._trans,
      chartPointBudget: this._settings.chartPointBudget,
      // The Experiments plugin opens runs; without it the run id stays plain text.
      openRun: commands.hasCommand(CommandIDs.openRun)
        ? runId => void commands.execute(CommandIDs.openRun, { runId })
        : undefined,
      confirmStop: jobName => confirmStop(jobName, this._trans),
      registerModel: commands.hasCommand(CommandIDs.registerModel)
        ? detail =>
            void commands.execute(CommandIDs.registerModel, {
              job: detail.training_job_name,
              runId: detail.run_id ?? null
            })
        : undefined,
      downloadUrl: this._downloadUrl
        ? artifact => this._downloadUrl!(name, artifact)
        : undefined
    });
    const widget = new MainAreaWidget({ content });
    widget.id = `mlstudio-training-job-${name}`;
    widget.title.label = this._trans.__('Job %1', name);
    widget.title.caption = this._trans.__('Training job %1', name);
    widget.toolbar.addItem(
      'refresh',
      new ToolbarButton({
        icon: refreshIcon,
        tooltip: this._trans.__('Read the job from the server now'),
        onClick: () => void model.refresh()
      })
    );
    model.changed.connect(() => {
      const status = model.detail?.training_job_status;
      widget.title.caption = status
        ? this._trans.__('Training job %1: %2', name, status)
        : this._trans.__('Training job %1', name);
    });
    void model.start();
    return widget;
  }

  /** Open the new-job form, or focus it when one is open. */
  async openNewJobForm(): Promise<Widget> {
    if (this._form && !this._form.isDisposed) {
      this._app.shell.activateById(this._form.id);
      return this._form;
    }
    const widget: MainAreaWidget<JobFormPanel> = new MainAreaWidget({
      content: new JobFormPanel({
        trans: this._trans,
        status: this._status,
        readStatus: () => this._services.readStatus(),
        readInstanceTypes: () => this._services.readInstanceTypes(),
        listDirectory: path => this._listDirectory(path),
        previewMetrics: (definitions, sample) =>
          this._services.previewMetrics(definitions, sample),
        listImages: this._services.listImages,
        browseEntryScript: this._services.browseEntryScript,
        submit: request => this._services.createJob(request),
        onCreated: detail => {
          void this._list.refresh();
          void this.openJob(detail.training_job_name).then(() =>
            widget.dispose()
          );
        },
        onCancel: () => widget.dispose()
      })
    });
    widget.id = `mlstudio-new-training-job-${++this._formCount}`;
    // The form has its own buttons; an empty toolbar would only take room.
    widget.toolbar.hide();
    widget.addClass('jp-mlstudio-job-form-widget');
    widget.title.label = this._trans.__('New training job');
    widget.title.caption = this._trans.__('The form of a new training job');
    widget.title.icon = jobIcon;
    widget.title.closable = true;
    this._app.shell.add(widget, 'main');
    this._app.shell.activateById(widget.id);
    this._form = widget;
    widget.disposed.connect(() => {
      if (this._form === widget) {
        this._form = null;
      }
    });
    return widget;
  }

  /**
   * Stop a job: through its tab when it is open (which shows a refusal in place),
   * otherwise directly, with a refusal shown in a dialog.
   */
  async stopJob(name: string): Promise<void> {
    const open = this.findJob(name);
    if (open) {
      await open.content.model.stop();
      return;
    }
    try {
      await this._api.stopJob(name);
      void this._list.refresh();
    } catch (reason) {
      await showErrorMessage(
        this._trans.__('The job %1 could not be stopped', name),
        reason as Error
      );
    }
  }

  private async _listDirectory(path: string): Promise<IDirectoryEntry[]> {
    const model = await this._app.serviceManager.contents.get(path, {
      content: true,
      type: 'directory'
    });
    const items = Array.isArray(model.content) ? model.content : [];
    return items.map((item: { path: string; type: string }) => ({
      path: item.path,
      type: item.type === 'directory' ? 'directory' : 'file'
    }));
  }

  private _api: ITrainingJobApi;
  private _app: JupyterFrontEnd;
  private _downloadUrl: TrainingJobsManager.IOptions['downloadUrl'] | null;
  private _form: MainAreaWidget<JobFormPanel> | null = null;
  private _tabs: MainAreaTabs<JobPanel>;
  private _events: IMLStudioEvents | null;
  private _formCount = 0;
  private _interval: number;
  private _jobsChanged = new Signal<this, void>(this);
  private _list: JobListModel;
  private _services: TrainingJobsManager.IServices;
  private _settings: ITrainingSettings = DEFAULT_TRAINING_SETTINGS;
  private _status: IMLStudioStatus;
  private _trans: TranslationBundle;
}

export namespace TrainingJobsManager {
  /** Server calls besides those of a job's view. */
  export interface IServices {
    createJob(request: ICreateTrainingJobRequest): Promise<ITrainingJobDetail>;
    readStatus(): Promise<IStatus>;
    readInstanceTypes(): Promise<IInstanceTypeList>;
    previewMetrics(
      definitions: IMetricDefinition[],
      sample: string
    ): Promise<IMetricPreviewList>;
    /** The registered images the form offers. */
    listImages?: () => Promise<IImageChoice[]>;
    /** A file dialog that picks the entry script; resolves its path, or null. */
    browseEntryScript?: () => Promise<string | null>;
  }

  /** Constructor options. */
  export interface IOptions {
    app: JupyterFrontEnd;
    api: ITrainingJobApi;
    services: IServices;
    list: JobListModel;
    /** The kinds of job the Jobs section lists (training among them). */
    jobKinds: JobKinds;
    status: IMLStudioStatus;
    events: IMLStudioEvents | null;
    trans: TranslationBundle;
    /** Milliseconds between fallback reads of the open jobs. */
    interval: number;
    /** The URL that downloads a job's model or output through the server. */
    downloadUrl?: (name: string, artifact: JobArtifact) => string;
  }
}

/** Ask before stopping a job. */
async function confirmStop(
  name: string,
  trans: TranslationBundle
): Promise<boolean> {
  const answer = await showDialog({
    title: trans.__('Stop %1?', name),
    body: trans.__(
      'Its processes get SIGTERM, then SIGKILL. What the job saved to /opt/ml/model so far is uploaded; the job cannot be resumed.'
    ),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Keep running') }),
      Dialog.warnButton({ label: trans.__('Stop job') })
    ]
  });
  return answer.button.accept;
}
