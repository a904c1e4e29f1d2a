import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ICommandPalette } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { addIcon, refreshIcon, stopIcon } from '@jupyterlab/ui-components';

import { jobIcon, mlstudioIcon, registryIcon } from './icons';
import type { MLStudioSidebar } from './widgets/sidebar';

/** Command ids; menus and toolbars refer to them from `schema/*.json`. */
export namespace CommandIDs {
  export const openSidebar = 'mlstudio:open-sidebar';
  export const refresh = 'mlstudio:refresh';
  export const newTrainingJob = 'mlstudio:new-training-job';
  export const openTrainingJob = 'mlstudio:open-training-job';
  export const stopTrainingJob = 'mlstudio:stop-training-job';
  export const openExperiment = 'mlstudio:open-experiment';
  export const openRun = 'mlstudio:open-run';
  export const compareRuns = 'mlstudio:compare-runs';
  export const openModelRegistry = 'mlstudio:open-model-registry';
  export const registerModel = 'mlstudio:register-model';
  export const newExperimentNotebook = 'mlstudio:new-experiment-notebook';
  export const openMlflowLink = 'mlstudio:open-mlflow-link';
  export const openSample = 'mlstudio:open-sample';
  export const shareNotebook = 'mlstudio:share-notebook';
  export const openSnapshot = 'mlstudio:open-snapshot';
  export const openSnapshotLink = 'mlstudio:open-snapshot-link';
  export const copySnapshot = 'mlstudio:copy-snapshot';
}

/** Palette category of every ML Studio command. */
export const PALETTE_CATEGORY = 'ML Studio';

/** Register the sidebar's commands, and list them in the palette when there is one. */
export function addSidebarCommands(
  app: JupyterFrontEnd,
  sidebar: MLStudioSidebar,
  trans: TranslationBundle,
  palette: ICommandPalette | null
): void {
  app.commands.addCommand(CommandIDs.openSidebar, {
    label: args =>
      args.isPalette ? trans.__('Open Sidebar') : trans.__('ML Studio Sidebar'),
    caption: trans.__('Show the ML Studio sidebar'),
    icon: args => (args.isPalette ? undefined : mlstudioIcon),
    execute: () => {
      app.shell.activateById(sidebar.id);
    }
  });
  app.commands.addCommand(CommandIDs.refresh, {
    label: trans.__('Refresh ML Studio'),
    caption: trans.__('Read the status and the catalogue from the server now'),
    icon: args => (args.isPalette ? undefined : refreshIcon),
    execute: () => {
      sidebar.requestRefresh();
    }
  });
  if (palette) {
    const category = trans.__(PALETTE_CATEGORY);
    for (const command of [CommandIDs.openSidebar, CommandIDs.refresh]) {
      palette.addItem({ command, category, args: { isPalette: true } });
    }
  }
}

/** What the training-job commands act on; the training plugin provides it. */
export interface ITrainingCommandTarget {
  /** Open the new-job form. */
  newJob(): Promise<unknown>;
  /** Open a job's view. */
  openJob(name: string): Promise<unknown>;
  /** Ask the server to stop a job. */
  stopJob(name: string): Promise<unknown>;
  /** Whether a job is known to be running (for enabling Stop). */
  isRunning(name: string): boolean;
  /** Names to offer when a command is run without one. */
  jobNames(): string[];
}

/**
 * Register the training-job commands and list them in the palette.
 *
 * Open and Stop take the job from `args.name`, else (with `args.fromContextMenu`) from
 * the job row the context menu was opened on, else (Open only) from a dialog listing
 * the jobs.
 */
export function addTrainingCommands(
  app: JupyterFrontEnd,
  target: ITrainingCommandTarget,
  trans: TranslationBundle,
  palette: ICommandPalette | null,
  pickJob: (names: string[]) => Promise<string | null>
): void {
  const jobOf = (args: ReadonlyPartialJSONObject): string | null => {
    if (typeof args.name === 'string' && args.name) {
      return args.name;
    }
    // Only a context-menu item may take the row under the mouse: the application keeps
    // the last context-menu event, which would otherwise leak into later palette runs.
    if (!args.fromContextMenu) {
      return null;
    }
    const row = app.contextMenuHitTest(
      node => node.dataset?.jobName !== undefined
    );
    return row?.dataset.jobName ?? null;
  };

  app.commands.addCommand(CommandIDs.newTrainingJob, {
    label: args => {
      if (args.toolbar) {
        // The sidebar's toolbar shows the icon; the caption says what it does.
        return '';
      }
      if (args.isPalette) {
        return trans.__('New Training Job');
      }
      if (args.isLauncher) {
        return trans.__('Training job');
      }
      return args.isMenu
        ? trans.__('Training Job')
        : trans.__('New training job');
    },
    caption: trans.__('Open the form of a new training job'),
    icon: args =>
      args.isPalette ? undefined : args.isLauncher ? jobIcon : addIcon,
    execute: () => target.newJob()
  });

  app.commands.addCommand(CommandIDs.openTrainingJob, {
    label: args =>
      args.isPalette
        ? trans.__('Open Training Job…')
        : trans.__('Open Training Job'),
    caption: trans.__("Show a training job's status, metrics and logs"),
    execute: async args => {
      const name = jobOf(args) ?? (await pickJob(target.jobNames()));
      return name ? target.openJob(name) : undefined;
    }
  });

  app.commands.addCommand(CommandIDs.stopTrainingJob, {
    label: trans.__('Stop Training Job'),
    caption: trans.__('Stop a training job in progress'),
    icon: args => (args.isPalette ? undefined : stopIcon),
    isEnabled: args => {
      const name = jobOf(args);
      return name !== null && target.isRunning(name);
    },
    execute: args => {
      const name = jobOf(args);
      return name ? target.stopJob(name) : undefined;
    }
  });

  if (palette) {
    const category = trans.__(PALETTE_CATEGORY);
    for (const command of [
      CommandIDs.newTrainingJob,
      CommandIDs.openTrainingJob
    ]) {
      palette.addItem({ command, category, args: { isPalette: true } });
    }
  }
}

/** What the experiment commands act on; the experiments plugin provides it. */
export interface IExperimentCommandTarget {
  openExperiment(experimentId: string): Promise<unknown>;
  openRun(runId: string): Promise<unknown>;
  compareRuns(runIds: readonly string[]): Promise<unknown>;
  openModelRegistry(modelName?: string): Promise<unknown>;
  /** The runs ticked in the runs tab in focus. */
  currentSelection(): readonly string[];
  /** Ask the user for an experiment; null when they cancel. */
  pickExperiment(): Promise<string | null>;
  /** Ask the user for a run id; null when they cancel. */
  askRunId(): Promise<string | null>;
}

function stringArg(
  args: ReadonlyPartialJSONObject,
  name: string
): string | null {
  const value = args[name];
  return typeof value === 'string' && value ? value : null;
}

/**
 * Register the experiment commands and list them in the palette.
 *
 * Open Experiment takes `args.experimentId`, else (with `args.fromContextMenu`) the
 * experiment row the context menu was opened on, else asks. Compare Runs takes
 * `args.runIds`, else the runs ticked in the runs tab in focus.
 */
export function addExperimentCommands(
  app: JupyterFrontEnd,
  target: IExperimentCommandTarget,
  trans: TranslationBundle,
  palette: ICommandPalette | null
): void {
  app.commands.addCommand(CommandIDs.openExperiment, {
    label: args =>
      args.isPalette
        ? trans.__('Open Experiment…')
        : trans.__('Open Experiment'),
    caption: trans.__("Show an experiment's runs"),
    execute: async args => {
      let id = stringArg(args, 'experimentId');
      if (!id && args.fromContextMenu) {
        const row = app.contextMenuHitTest(
          node => node.dataset?.experimentId !== undefined
        );
        id = row?.dataset.experimentId ?? null;
      }
      id = id ?? (await target.pickExperiment());
      return id ? target.openExperiment(id) : undefined;
    }
  });

  app.commands.addCommand(CommandIDs.openRun, {
    label: args =>
      args.isPalette ? trans.__('Open Run…') : trans.__('Open Run'),
    caption: trans.__("Show a run's metrics, artifacts, params and tags"),
    execute: async args => {
      const id = stringArg(args, 'runId') ?? (await target.askRunId());
      return id ? target.openRun(id) : undefined;
    }
  });

  const runIdsOf = (args: ReadonlyPartialJSONObject): readonly string[] => {
    const given = args.runIds;
    if (Array.isArray(given)) {
      return given.filter((id): id is string => typeof id === 'string');
    }
    return target.currentSelection();
  };
  app.commands.addCommand(CommandIDs.compareRuns, {
    label: trans.__('Compare Runs'),
    caption: trans.__(
      'Compare the runs ticked in the runs table: curves, parallel coordinates, scatter'
    ),
    isEnabled: args => runIdsOf(args).length >= 2,
    execute: args => {
      const ids = runIdsOf(args);
      return ids.length >= 2 ? target.compareRuns(ids) : undefined;
    }
  });

  app.commands.addCommand(CommandIDs.openModelRegistry, {
    label: trans.__('Open Model Registry'),
    caption: trans.__('Show the registered models and their versions'),
    icon: args => (args.isPalette ? undefined : registryIcon),
    execute: args =>
      target.openModelRegistry(stringArg(args, 'name') ?? undefined)
  });

  if (palette) {
    const category = trans.__(PALETTE_CATEGORY);
    for (const command of [
      CommandIDs.openExperiment,
      CommandIDs.openRun,
      CommandIDs.compareRuns,
      CommandIDs.openModelRegistry
    ]) {
      palette.addItem({ command, category, args: { isPalette: true } });
    }
  }
}
