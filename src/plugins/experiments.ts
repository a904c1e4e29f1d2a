import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  InputDialog,
  showErrorMessage
} from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import type { ReadonlyPartialJSONValue } from '@lumino/coreutils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import {
  getExperiment,
  getExperimentKeys,
  listExperiments
} from '../api/experiments';
import {
  getRegisteredModel,
  listModelVersionsOfRun,
  listRegisteredModels,
  registerModelVersion
} from '../api/models';
import { getTrainingJob } from '../api/training-jobs';
import {
  artifactDownloadUrl,
  getMetricHistory,
  getRun,
  listArtifacts,
  readArtifact,
  searchRuns
} from '../api/runs';
import { addExperimentCommands, CommandIDs } from '../commands';
import { registryIcon } from '../icons';
import { ExperimentListModel } from '../models/experiment-list-model';
import { parseColumns } from '../models/run-columns';
import {
  IMLStudioEvents,
  IMLStudioExperiments,
  IMLStudioSidebar
} from '../tokens';
import {
  DEFAULT_EXPERIMENT_SETTINGS,
  IExperimentSettings
} from '../widgets/experiment-settings';
import { ExperimentsManager } from '../widgets/experiments-manager';
import { ExperimentsSection } from '../widgets/experiments-section';
import { openRegisterModelDialog } from '../widgets/register-model';
import { asRequestError } from '../request';

/** Plugin id; its settings and menus live in `schema/experiments.json`. */
export const EXPERIMENTS_PLUGIN_ID = 'jupyterlab-mlstudio:experiments';

/** Position of the Experiments section: after Training jobs (50), above Status (100). */
const EXPERIMENTS_SECTION_RANK = 60;

/** State-database key prefix of each experiment's chosen runs-table columns. */
const COLUMNS_STATE_PREFIX = 'jupyterlab-mlstudio:run-columns:';

/** Experiment tracking: the Experiments section, runs tables, run views, comparisons, registry. */
export const experimentsPlugin: JupyterFrontEndPlugin<IMLStudioExperiments> = {
  id: EXPERIMENTS_PLUGIN_ID,
  description:
    'Experiment tracking: the Experiments section, runs tables, run views, run comparisons and the model registry.',
  autoStart: true,
  requires: [IMLStudioSidebar],
  optional: [
    IMLStudioEvents,
    ICommandPalette,
    ISettingRegistry,
    ILayoutRestorer,
    ITranslator,
    IStateDB
  ],
  provides: IMLStudioExperiments,
  activate: (
    app: JupyterFrontEnd,
    sidebar: IMLStudioSidebar,
    events: IMLStudioEvents | null,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    restorer: ILayoutRestorer | null,
    translator: ITranslator | null,
    state: IStateDB | null
  ): IMLStudioExperiments => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mlstudio');
    const server = app.serviceManager.serverSettings;
    const askRunId = async (): Promise<string | null> => {
      const answer = await InputDialog.getText({
        title: trans.__('Open Run'),
        label: trans.__('Run id'),
        placeholder: trans.__('32 hexadecimal digits')
      });
      return answer.button.accept && answer.value?.trim()
        ? answer.value.trim()
        : null;
    };

    let section: ExperimentsSection | null = null;
    const list = new ExperimentListModel({
      fetchPage: options => listExperiments(options, server),
      interval: sidebar.refreshInterval,
      pageSize: DEFAULT_EXPERIMENT_SETTINGS.experimentsPageSize,
      events: events?.stream,
      // Rest while the page is hidden or the section is off screen.
      standby: () => document.hidden || !section?.isVisible
    });
    const manager = new ExperimentsManager({
      app,
      api: {
        // The experiment resource has no run count; a listing has.
        getExperiment: async id => {
          const found = await getExperiment(id, server);
          if (typeof found.run_count === 'number') {
            return found;
          }
          const quoted = found.name.replace(/'/g, "''");
          const listed = await listExperiments(
            { filter: `name = '${quoted}'`, max_items: 1 },
            server
          ).catch(() => null);
          const count =
            listed?.experiments.find(item => item.experiment_id === id)
              ?.run_count ?? null;
          return { ...found, run_count: count };
        },
        getExperimentKeys: id => getExperimentKeys(id, server),
        searchRuns: options => searchRuns(options, server),
        getRun: id => getRun(id, server),
        getMetricHistory: (id, key, maxPoints) =>
          getMetricHistory(id, key, server, { maxPoints }),
        listArtifacts: (id, path) => listArtifacts(id, path, server),
        readArtifact: (id, path, limit) =>
          readArtifact(id, path, limit, server),
        listModels: options => listRegisteredModels(options, server),
        getModel: name => getRegisteredModel(name, server),
        listModelVersionsOfRun: id => listModelVersionsOfRun(id, server),
        artifactUrl: (id, path) => artifactDownloadUrl(id, path, server)
      },
      events: events?.stream ?? null,
      trans,
      interval: sidebar.refreshInterval,
      openJob: name =>
        app.commands.execute(CommandIDs.openTrainingJob, { name }),
      columnStore: state
        ? {
            load: async id =>
              parseColumns(await state.fetch(`${COLUMNS_STATE_PREFIX}${id}`)),
            save: async (id, columns) => {
              await state.save(
                `${COLUMNS_STATE_PREFIX}${id}`,
                columns as unknown as ReadonlyPartialJSONValue
              );
            }
          }
        : undefined
    });

    section = new ExperimentsSection({
      model: list,
      trans,
      onOpen: id => void manager.openExperiment(id),
      onOpenRegistry: () => void manager.openModelRegistry(),
      onNewNotebook: () =>
        void app.commands.execute(CommandIDs.newExperimentNotebook)
    });
    sidebar.addSection(section, {
      rank: EXPERIMENTS_SECTION_RANK,
      initiallyCollapsed: 'when-empty',
      actions: [
        {
          id: 'open-registry',
          label: trans.__('Open the model registry'),
          icon: registryIcon,
          execute: () => void manager.openModelRegistry()
        }
      ]
    });

    app.commands.addCommand(CommandIDs.registerModel, {
      label: trans.__('Register Model…'),
      caption: trans.__(
        "Register a run's artifact or a training job's model as a version of a registered model"
      ),
      execute: async args => {
        const runId =
          typeof args.runId === 'string' && args.runId ? args.runId : null;
        const job = typeof args.job === 'string' && args.job ? args.job : null;
        const target =
          runId || job ? { runId, job } : { runId: await askRunId() };
        if (!target.runId && !target.job) {
          return;
        }
        try {
          await openRegisterModelDialog({
            target,
            api: {
              getRun: id => getRun(id, server),
              listArtifacts: (id, path) => listArtifacts(id, path, server),
              getJob: name => getTrainingJob(name, server),
              listModels: () =>
                listRegisteredModels({ max_items: 1000 }, server),
              register: (name, request) =>
                registerModelVersion(name, request, server)
            },
            trans,
            onOpenModel: name => void manager.openModelRegistry(name)
          });
        } catch (reason) {
          await showErrorMessage(
            trans.__('Cannot register a model'),
            asRequestError(reason)
          );
        }
      }
    });
    manager.registerModel = runId =>
      void app.commands.execute(CommandIDs.registerModel, { runId });

    addExperimentCommands(
      app,
      {
        openExperiment: id => manager.openExperiment(id),
        openRun: id => manager.openRun(id),
        compareRuns: ids => manager.compareRuns(ids),
        openModelRegistry: name => manager.openModelRegistry(name),
        currentSelection: () => manager.currentSelection(),
        pickExperiment: async () => {
          // Read afresh: the section's poll rests while the sidebar is closed.
          const { experiments } = await listExperiments(
            { max_items: manager.settings.experimentsPageSize },
            server
          );
          const names = experiments.map(item => item.name);
          const answer = await InputDialog.getItem({
            title: trans.__('Open Experiment'),
            label: trans.__('Experiment'),
            items: names,
            editable: true
          });
          if (!answer.button.accept || !answer.value) {
            return null;
          }
          const found = experiments.find(item => item.name === answer.value);
          return found?.experiment_id ?? answer.value;
        },
        askRunId
      },
      trans,
      palette
    );
    // Ticking runs changes whether Compare Runs is enabled.
    manager.runsTracker.currentChanged.connect(() =>
      app.commands.notifyCommandChanged(CommandIDs.compareRuns)
    );

    if (restorer) {
      void restorer.restore(manager.runsTracker, {
        command: CommandIDs.openExperiment,
        args: tab => ({ experimentId: tab.content.model.experimentId }),
        name: tab => tab.content.model.experimentId
      });
      void restorer.restore(manager.runTracker, {
        command: CommandIDs.openRun,
        args: tab => ({ runId: tab.content.model.runId }),
        name: tab => tab.content.model.runId
      });
      void restorer.restore(manager.compareTracker, {
        command: CommandIDs.compareRuns,
        args: tab => ({ runIds: [...tab.content.model.runIds] }),
        name: tab => [...tab.content.model.runIds].sort().join(',')
      });
      void restorer.restore(manager.registryTracker, {
        command: CommandIDs.openModelRegistry,
        args: () => ({}),
        name: () => 'registry'
      });
    }

    if (settingRegistry) {
      const apply = (settings: ISettingRegistry.ISettings): void => {
        const read = (key: keyof IExperimentSettings): number => {
          const value = settings.get(key).composite;
          return typeof value === 'number' && Number.isFinite(value)
            ? value
            : DEFAULT_EXPERIMENT_SETTINGS[key];
        };
        manager.settings = {
          experimentsPageSize: read('experimentsPageSize'),
          runsPageSize: read('runsPageSize'),
          chartPointBudget: read('chartPointBudget'),
          comparePointsPerRun: read('comparePointsPerRun')
        };
        list.pageSize = manager.settings.experimentsPageSize;
      };
      settingRegistry
        .load(EXPERIMENTS_PLUGIN_ID)
        .then(settings => {
          apply(settings);
          settings.changed.connect(apply);
        })
        .catch(reason => {
          console.error(
            'ML Studio: cannot read the experiment settings.',
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
