import type { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import type { LabIcon } from '@jupyterlab/ui-components';
import type { Event } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon, ToolbarButton } from '@jupyterlab/ui-components';
import type { ISignal } from '@lumino/signaling';
import type { Widget } from '@lumino/widgets';

import { CommandIDs } from '../commands';
import { startDownload } from '../request';
import { RUN_EVENT_SCHEMA, RUN_METRICS_EVENT_SCHEMA } from '../events';
import { compareIcon, experimentIcon, registryIcon, runIcon } from '../icons';
import {
  CompareModel,
  forEachLimited,
  COMPARE_CONCURRENCY
} from '../models/compare-model';
import { ModelRegistryModel } from '../models/model-registry-model';
import { RunModel } from '../models/run-model';
import type { RunColumn } from '../models/run-columns';
import { RunTableModel } from '../models/run-table-model';
import type {
  IMLStudioExperiments,
  IRun,
  IRunEvent,
  IRunMetricsEvent
} from '../tokens';
import {
  DEFAULT_EXPERIMENT_SETTINGS,
  IExperimentSettings,
  IExperimentsApi
} from './experiment-settings';
import {
  ComparePanel,
  IExperimentNavigation,
  ModelRegistryPanel,
  RunPanel,
  RunsPanel
} from './experiment-panels';
import { MainAreaTabs } from './main-area-tabs';

type Tab<T extends Widget> = MainAreaWidget<T>;

/** The endpoints plugin's command that serves a registered model version. */
const DEPLOY_VERSION_COMMAND = 'mlstudio:deploy-model-version';

/**
 * Opens and tracks the experiment tabs of the main area (runs tables, runs, comparisons
 * and the model registry), one per subject, brought forward when opened again.
 * Implements the experiments token.
 */
export class ExperimentsManager
  implements IMLStudioExperiments, IExperimentNavigation
{
  constructor(options: ExperimentsManager.IOptions) {
    this._app = options.app;
    this._api = options.api;
    this._events = options.events;
    this._trans = options.trans;
    this._interval = options.interval;
    this._openJob = options.openJob;
    this._columnStore = options.columnStore ?? null;
    this._events?.connect(this._onEvent, this);
    const tabs = <T extends Widget>(namespace: string, icon: LabIcon) =>
      new MainAreaTabs<T>({
        app: this._app,
        namespace,
        icon,
        className: 'jp-mlstudio-experiment-widget'
      });
    this._runsTabs = tabs<RunsPanel>('mlstudio-experiment', experimentIcon);
    this._runTabs = tabs<RunPanel>('mlstudio-run', runIcon);
    this._compareTabs = tabs<ComparePanel>('mlstudio-compare', compareIcon);
    this._registryTabs = tabs<ModelRegistryPanel>(
      'mlstudio-model-registry',
      registryIcon
    );
  }

  /** The runs tables, one per experiment. */
  get runsTracker(): WidgetTracker<Tab<RunsPanel>> {
    return this._runsTabs.tracker;
  }
  /** The run views, one per run. */
  get runTracker(): WidgetTracker<Tab<RunPanel>> {
    return this._runTabs.tracker;
  }
  /** The comparisons, one per set of runs. */
  get compareTracker(): WidgetTracker<Tab<ComparePanel>> {
    return this._compareTabs.tracker;
  }
  /** The model registry (one tab). */
  get registryTracker(): WidgetTracker<Tab<ModelRegistryPanel>> {
    return this._registryTabs.tracker;
  }

  get settings(): IExperimentSettings {
    return this._settings;
  }
  set settings(settings: IExperimentSettings) {
    this._settings = settings;
    this.runsTracker.forEach(tab => {
      tab.content.model.pageSize = settings.runsPageSize;
    });
  }

  /** Milliseconds between fallback reads of open runs. */
  set interval(milliseconds: number) {
    this._interval = milliseconds;
    this.runTracker.forEach(tab => {
      tab.content.model.interval = milliseconds;
    });
  }

  /** The runs ticked in the current runs tab. */
  currentSelection(): readonly string[] {
    return this.runsTracker.currentWidget?.content.model.selection.ids ?? [];
  }

  openExperiment(experimentId: string): Promise<Widget> {
    return this._runsTabs.open(experimentId, () =>
      this._createRunsTab(experimentId)
    );
  }

  private _createRunsTab(experimentId: string): Tab<RunsPanel> {
    const model = new RunTableModel({
      experimentId,
      fetchRuns: options => this._api.searchRuns(options),
      fetchKeys: id => this._api.getExperimentKeys(id),
      pageSize: this._settings.runsPageSize
    });
    const content = new RunsPanel({
      model,
      readExperiment: () => this._api.getExperiment(experimentId),
      navigation: this,
      trans: this._trans
    });
    const tab = this._createTab(
      content,
      `mlstudio-experiment-${experimentId}`,
      this._trans.__('Experiment'),
      () => {
        void model.reload();
        void content.readExperiment();
      }
    );
    tab.title.caption = this._trans.__("An experiment's runs");
    // Ticking runs changes whether Compare Runs can run.
    model.selection.changed.connect(() =>
      this._app.commands.notifyCommandChanged(CommandIDs.compareRuns)
    );
    content.experimentChanged.connect(() => {
      const name = content.experiment?.name ?? experimentId;
      tab.title.label = this._trans.__('Experiment %1', name);
      tab.title.caption = this._trans.__('Runs of experiment %1', name);
    });
    // The columns chosen before are restored before the first read.
    void this._restoreColumns(model).then(() => {
      if (!model.isDisposed) {
        void model.start();
      }
    });
    return tab;
  }

  openRun(runId: string): Promise<Widget> {
    return this._runTabs.open(runId, () => this._createRunTab(runId));
  }

  private _createRunTab(runId: string): Tab<RunPanel> {
    let content: RunPanel | null = null;
    const model: RunModel = new RunModel({
      runId,
      api: {
        getRun: id => this._api.getRun(id),
        getMetricHistory: (id, key, maxPoints) =>
          this._api.getMetricHistory(id, key, maxPoints),
        listArtifacts: (id, path) => this._api.listArtifacts(id, path),
        listModelVersions: id => this._api.listModelVersionsOfRun(id)
      },
      interval: this._interval,
      maxPoints: this._settings.chartPointBudget,
      events: this._events ?? undefined,
      // Rest while the page is hidden or the tab is behind another (events still apply),
      // once the run is read: a tab restored behind another still gets its run's name.
      standby: (): boolean =>
        model.run !== null && (document.hidden || !content?.isVisible)
    });
    content = new RunPanel({
      model,
      budget: this._settings.chartPointBudget,
      readArtifact: (path, limit) => this._api.readArtifact(runId, path, limit),
      downloadArtifact: path => this._download(runId, path),
      navigation: this,
      trans: this._trans
    });
    const tab = this._createTab(
      content,
      `mlstudio-run-${runId}`,
      this._trans.__('Run %1', runId.slice(0, 8)),
      () => void model.refresh()
    );
    tab.title.caption = this._trans.__('Run %1', runId);
    model.changed.connect(() => {
      if (model.run) {
        tab.title.label = this._trans.__('Run %1', model.run.name);
        tab.title.caption = this._trans.__(
          'Run %1 (%2)',
          model.run.name,
          model.run.status
        );
      }
    });
    void model.start();
    return tab;
  }

  compareRuns(runIds: readonly string[]): Promise<Widget> {
    const key = [...runIds].sort().join(',');
    return this._compareTabs.open(key, () => this._createCompareTab(runIds));
  }

  private _createCompareTab(runIds: readonly string[]): Tab<ComparePanel> {
    const model = new CompareModel({
      runIds,
      api: {
        getRuns: ids => this._getRuns(ids),
        getMetricHistory: (runId, metric, maxPoints) =>
          this._api.getMetricHistory(runId, metric, maxPoints)
      },
      maxPoints: this._settings.comparePointsPerRun
    });
    const content = new ComparePanel({
      model,
      budget: this._settings.chartPointBudget,
      navigation: this,
      trans: this._trans
    });
    const label = this._trans._n(
      'Compare %1 run',
      'Compare %1 runs',
      runIds.length
    );
    const tab = this._createTab(
      content,
      `mlstudio-compare-${++this._compareCount}`,
      label,
      () => void model.load()
    );
    tab.title.caption = label;
    model.changed.connect(() => {
      if (model.runs.length) {
        tab.title.caption = this._trans.__(
          '%1: %2',
          label,
          model.runs.map(run => run.name).join(', ')
        );
      }
    });
    void model.load();
    return tab;
  }

  async openModelRegistry(modelName?: string): Promise<Widget> {
    const tab = await this._registryTabs.open('registry', () => {
      const model = new ModelRegistryModel({
        api: {
          listModels: options => this._api.listModels(options),
          getModel: name => this._api.getModel(name)
        }
      });
      const commands = this._app.commands;
      const content = new ModelRegistryPanel({
        model,
        navigation: this,
        trans: this._trans,
        deploy: commands.hasCommand(DEPLOY_VERSION_COMMAND)
          ? (name, version) =>
              void commands.execute(DEPLOY_VERSION_COMMAND, { name, version })
          : undefined
      });
      const created = this._createTab(
        content,
        'mlstudio-model-registry',
        this._trans.__('Model registry'),
        () => void model.refresh()
      );
      created.title.caption = this._trans.__(
        'Registered models and their versions'
      );
      void model.refresh();
      return created;
    });
    if (modelName) {
      void tab.content.model.select(modelName);
    }
    return tab;
  }

  openModel(name: string): void {
    void this.openModelRegistry(name);
  }

  openJob(name: string): void {
    void this._openJob(name);
  }

  /**
   * Register a model from a run (the Register model command sets it); null while nothing
   * can register, and the run view shows no such button.
   */
  registerModel?: (runId: string) => void;

  private _createTab<T extends Widget>(
    content: T,
    id: string,
    label: string,
    refresh: () => void
  ): Tab<T> {
    const tab = new MainAreaWidget({ content });
    tab.id = id;
    tab.title.label = label;
    tab.toolbar.addItem(
      'refresh',
      new ToolbarButton({
        icon: refreshIcon,
        tooltip: this._trans.__('Read again from the server'),
        onClick: refresh
      })
    );
    return tab;
  }

  /** Several runs by id, a few requests at a time; runs that cannot be read are left out. */
  private async _getRuns(runIds: readonly string[]): Promise<IRun[]> {
    const runs: IRun[] = [];
    let failure: unknown = null;
    await forEachLimited(runIds, COMPARE_CONCURRENCY, async id => {
      try {
        runs.push(await this._api.getRun(id));
      } catch (reason) {
        failure = reason;
      }
    });
    if (runs.length === 0 && failure) {
      throw failure;
    }
    return runs;
  }

  /** Download a run's artifact through the server, streamed to disk by the browser. */
  private _download(runId: string, path: string): void {
    const url = this._api.artifactUrl(runId, path);
    startDownload(url, path.split('/').pop() || 'artifact');
  }

  private _onEvent(_: unknown, emission: Event.Emission): void {
    if (emission.schema_id === RUN_EVENT_SCHEMA) {
      const event = emission as unknown as IRunEvent;
      this.runsTracker.forEach(tab => tab.content.model.applyRunEvent(event));
      return;
    }
    if (emission.schema_id !== RUN_METRICS_EVENT_SCHEMA) {
      return;
    }
    const event = emission as unknown as IRunMetricsEvent;
    if (event.run_id && event.points?.length) {
      this.runsTracker.forEach(tab =>
        tab.content.model.applyMetricPoints(event.run_id, event.points)
      );
      this.compareTracker.forEach(tab =>
        tab.content.model.applyMetricPoints(event.run_id, event.points)
      );
    }
  }

  private _api: IExperimentsApi;
  /** Show the columns last chosen for this experiment, and keep later choices. */
  private async _restoreColumns(model: RunTableModel): Promise<void> {
    const store = this._columnStore;
    if (!store) {
      return;
    }
    const saved = await store.load(model.experimentId).catch(() => null);
    if (saved && !model.isDisposed) {
      model.setColumns(saved);
    }
    let last = JSON.stringify(saved ?? null);
    model.changed.connect(() => {
      if (!model.columnsChosen) {
        return;
      }
      const now = JSON.stringify(model.columns);
      if (now !== last) {
        last = now;
        void store.save(model.experimentId, [...model.columns]).catch(() => {
          // Unsaved, the choice only lasts this session.
        });
      }
    });
  }

  private _app: JupyterFrontEnd;
  private _compareTabs: MainAreaTabs<ComparePanel>;
  private _registryTabs: MainAreaTabs<ModelRegistryPanel>;
  private _runTabs: MainAreaTabs<RunPanel>;
  private _runsTabs: MainAreaTabs<RunsPanel>;
  private _columnStore: ExperimentsManager.IColumnStore | null;
  private _compareCount = 0;
  private _events: ISignal<unknown, Event.Emission> | null;
  private _interval: number;
  private _openJob: (name: string) => Promise<unknown>;
  private _settings: IExperimentSettings = DEFAULT_EXPERIMENT_SETTINGS;
  private _trans: TranslationBundle;
}

export namespace ExperimentsManager {
  /** Constructor options. */
  export interface IOptions {
    app: JupyterFrontEnd;
    api: IExperimentsApi;
    events: ISignal<unknown, Event.Emission> | null;
    trans: TranslationBundle;
    /** Milliseconds between fallback reads of open runs. */
    interval: number;
    /** Opens a training job's view (the `mlstudio:open-training-job` command). */
    openJob: (name: string) => Promise<unknown>;
    /** Where each experiment's chosen runs-table columns are kept between sessions. */
    columnStore?: IColumnStore;
  }

  /** Keeps the runs-table columns chosen per experiment. */
  export interface IColumnStore {
    load(experimentId: string): Promise<RunColumn[] | null>;
    save(experimentId: string, columns: RunColumn[]): Promise<void>;
  }
}
