import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  MainAreaWidget,
  ReactWidget,
  WidgetTracker
} from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import React from 'react';

import { getTrainingJob } from '../api/training-jobs';
import {
  createTuningJob,
  getTuningImportances,
  getTuningJob,
  getTuningTrials,
  listTuningJobs,
  stopTuningJob
} from '../api/tuning-jobs';
import { CommandIDs } from '../commands';
import { tuningIcon } from '../icons';
import {
  ITuningApi,
  TuningJobModel,
  TuningListModel
} from '../models/tuning-models';
import { TuneForm } from '../components/tune-form';
import { tuningRequest } from '../models/tune-form';
import { IMLStudioEvents, IMLStudioSidebar } from '../tokens';
import { TuningPanel, TuningSection } from '../widgets/tuning-widgets';

/** Plugin id. */
export const TUNING_PLUGIN_ID = 'jupyterlab-mlstudio:tuning';

/** Command that opens a tuning job's view; args: `{ name }`. */
export const OPEN_TUNING_JOB = 'mlstudio:open-tuning-job';

/**
 * Command that opens the tuning form of a training job; args: `{ name }`, else the job row
 * the context menu was opened on, else the training job whose tab is current.
 */
export const TUNE_TRAINING_JOB = 'mlstudio:tune-training-job';

/** Id prefix of training jobs' main-area tabs (the training plugin's). */
const TRAINING_TAB_PREFIX = 'mlstudio-training-job-';

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
  optional: [IMLStudioEvents, ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    sidebar: IMLStudioSidebar,
    events: IMLStudioEvents | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null
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
      widget.title.label = trans.__('Tuning %1', name);
      widget.title.icon = tuningIcon;
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

    const jobToTune = (args: Record<string, unknown>): string | null => {
      if (typeof args.name === 'string' && args.name) {
        return args.name;
      }
      const row = app.contextMenuHitTest(node =>
        node.classList.contains('jp-mlstudio-job-row')
      );
      const fromRow = row?.getAttribute('data-job-name');
      if (fromRow) {
        return fromRow;
      }
      const current = app.shell.currentWidget?.id ?? '';
      return current.startsWith(TRAINING_TAB_PREFIX)
        ? current.slice(TRAINING_TAB_PREFIX.length)
        : null;
    };

    const openTuneForm = async (jobName: string): Promise<void> => {
      const job = await getTrainingJob(jobName, settings);
      const content = ReactWidget.create(
        React.createElement(TuneForm, {
          job,
          trans,
          onSubmit: async values => {
            await createTuningJob(tuningRequest(job, values), settings);
            widget.dispose();
            await open(values.name);
          }
        })
      );
      content.addClass('jp-mlstudio-tune-form-panel');
      const widget = new MainAreaWidget({ content });
      widget.id = `mlstudio-tune-form-${jobName}`;
      widget.title.label = trans.__('Tune %1', jobName);
      widget.title.icon = tuningIcon;
      widget.title.closable = true;
      app.shell.add(widget, 'main');
      app.shell.activateById(widget.id);
    };

    app.commands.addCommand(TUNE_TRAINING_JOB, {
      label: trans.__('Tune Training Job…'),
      caption: trans.__(
        'Search hyperparameters of a training job: a tuning form filled from the job'
      ),
      isEnabled: () => jobToTune({}) !== null,
      execute: args => {
        const name = jobToTune(args);
        return name ? openTuneForm(name) : undefined;
      }
    });
    app.contextMenu.addItem({
      command: TUNE_TRAINING_JOB,
      selector: '.jp-mlstudio-job-row',
      rank: 20
    });
    palette?.addItem({ command: TUNE_TRAINING_JOB, category: 'ML Studio' });

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
