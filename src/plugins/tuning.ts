import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import {
  getTuningImportances,
  getTuningJob,
  getTuningTrials,
  listTuningJobs,
  stopTuningJob
} from '../api/tuning-jobs';
import { CommandIDs } from '../commands';
import { mlstudioIcon } from '../icons';
import {
  ITuningApi,
  TuningJobModel,
  TuningListModel
} from '../models/tuning-models';
import { IMLStudioEvents, IMLStudioSidebar } from '../tokens';
import { TuningPanel, TuningSection } from '../widgets/tuning-widgets';

/** Plugin id. */
export const TUNING_PLUGIN_ID = 'jupyterlab-mlstudio:tuning';

/** Command that opens a tuning job's view; args: `{ name }`. */
export const OPEN_TUNING_JOB = 'mlstudio:open-tuning-job';

/** Just below the training jobs (50), above Status (100). */
const TUNING_SECTION_RANK = 60;

/** Most points per chart of the tuning view. */
const CHART_POINT_BUDGET = 2000;

/** Hyperparameter tuning jobs: a sidebar section and a live view of each job. */
export const tuningPlugin: JupyterFrontEndPlugin<void> = {
  id: TUNING_PLUGIN_ID,
  description:
    "Hyperparameter tuning jobs: the Tuning section of the sidebar and each job's live view.",
  autoStart: true,
  requires: [IMLStudioSidebar],
  optional: [IMLStudioEvents, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IMLStudioSidebar,
    events: IMLStudioEvents | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mlstudio');
    const settings = app.serviceManager.serverSettings;
    const api: ITuningApi = {
      listJobs: () => listTuningJobs({}, settings),
      getJob: name => getTuningJob(name, settings),
      stopJob: name => stopTuningJob(name, settings),
      getTrials: name => getTuningTrials(name, settings),
      getImportances: name => getTuningImportances(name, settings)
    };
    const tracker = new WidgetTracker<MainAreaWidget<TuningPanel>>({
      namespace: 'mlstudio-tuning-job'
    });
    let section: TuningSection | null = null;
    const list = new TuningListModel({
      api,
      interval: sidebar.refreshInterval,
      events: events?.stream,
      standby: () => document.hidden || !section?.isVisible
    });
    // Other plugins open trials' jobs and runs; without them the names stay plain text.
    const command = (id: string, args: Record<string, string>) =>
      app.commands.hasCommand(id)
        ? () => void app.commands.execute(id, args)
        : undefined;

    const open = async (name: string): Promise<void> => {
      const existing = tracker.find(
        widget => widget.content.model.name === name
      );
      if (existing) {
        app.shell.activateById(existing.id);
        return;
      }
      const model = new TuningJobModel({
        name,
        api,
        interval: sidebar.refreshInterval,
        events: events?.stream
      });
      const content = new TuningPanel({
        model,
        trans,
        chartPointBudget: CHART_POINT_BUDGET,
        openJob: job => command(CommandIDs.openTrainingJob, { name: job })?.(),
        openRun: runId => command(CommandIDs.openRun, { runId })?.()
      });
      const widget = new MainAreaWidget({ content });
      widget.id = `mlstudio-tuning-job-${name}`;
      widget.addClass('jp-mlstudio-tuning-widget');
      widget.title.label = name;
      widget.title.icon = mlstudioIcon;
      widget.title.caption = trans.__('Tuning job %1', name);
      widget.title.closable = true;
      app.shell.add(widget, 'main');
      await tracker.add(widget);
      app.shell.activateById(widget.id);
      void model.start();
    };

    app.commands.addCommand(OPEN_TUNING_JOB, {
      label: args =>
        args.name
          ? trans.__('Open Tuning Job %1', String(args.name))
          : trans.__('Open Tuning Job'),
      execute: args => (args.name ? open(String(args.name)) : undefined)
    });

    section = new TuningSection({
      model: list,
      trans,
      onOpen: name => void open(name)
    });
    sidebar.addSection(section, { rank: TUNING_SECTION_RANK });
    sidebar.refreshIntervalChanged.connect((_, interval) => {
      list.interval = interval;
    });
    sidebar.refreshRequested.connect(() => void list.refresh());
    void list.start();
  }
};
