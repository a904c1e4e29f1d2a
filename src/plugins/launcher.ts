import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, showErrorMessage } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ILauncher } from '@jupyterlab/launcher';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { CommandIDs, PALETTE_CATEGORY } from '../commands';
import { mlstudioIcon } from '../icons';
import { isMLStudioKernelName } from '../kernel-format';
import { asRequestError } from '../request';

/** The launcher's section of ML Studio. */
export const LAUNCHER_CATEGORY = 'ML Studio';

/** The kernel an experiment notebook starts in: the `default` image's Python. */
export const DEFAULT_STUDIO_KERNEL = 'mlstudio-default-python3';

/** The experiment a new experiment notebook logs into (the user renames it at will). */
export const DEFAULT_EXPERIMENT = 'my-experiment';

/** The experiment notebook's cells: how to log runs, look at them, and train in a job. */
export function experimentNotebook(
  kernel: { name: string; display_name: string },
  experiment: string
): Record<string, unknown> {
  const markdown = (text: string) => ({
    cell_type: 'markdown',
    metadata: {},
    source: text
  });
  const code = (text: string) => ({
    cell_type: 'code',
    execution_count: null,
    metadata: {},
    outputs: [],
    source: text
  });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { ...kernel, language: 'python' },
      language_info: { name: 'python' }
    },
    cells: [
      markdown(
        '# A new experiment\n\n' +
          'Runs logged here appear in the ML Studio sidebar under **Experiments**, where the ' +
          'runs table, run views and comparisons open. `mlflow` code works as well.'
      ),
      code(
        '%load_ext jupyterlab_mlstudio\nfrom jupyterlab_mlstudio import tracking'
      ),
      code(
        'from sklearn.datasets import load_digits\n' +
          'from sklearn.linear_model import LogisticRegression\n' +
          'from sklearn.model_selection import train_test_split\n\n' +
          'x, y = load_digits(return_X_y=True)\n' +
          'x_train, x_test, y_train, y_test = train_test_split(x / 16, y, random_state=0)\n\n' +
          'for c in (0.1, 1.0, 10.0):\n' +
          `    with tracking.start_run(experiment="${experiment}", run_name=f"logreg-C{c}"):\n` +
          '        tracking.log_params({"C": c})\n' +
          '        model = LogisticRegression(C=c, max_iter=500).fit(x_train, y_train)\n' +
          '        tracking.log_metric("accuracy", model.score(x_test, y_test))'
      ),
      code(`%mlstudio runs ${experiment}`),
      markdown(
        'To train in a job instead, on an instance type and with live logs and charts, ' +
          'start a cell with `%%mlstudio train` (see `%mlstudio help`).'
      )
    ]
  };
}

/**
 * The launcher's "ML Studio" section: the first steps (a new training job, a new
 * experiment notebook), and the command that makes such a notebook.
 */
export const launcherPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-mlstudio:launcher',
  description:
    'The ML Studio section of the launcher: a new training job, a new experiment notebook.',
  autoStart: true,
  optional: [ILauncher, IDefaultFileBrowser, ICommandPalette, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    launcher: ILauncher | null,
    browser: IDefaultFileBrowser | null,
    palette: ICommandPalette | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mlstudio');
    const { contents, kernelspecs } = app.serviceManager;

    app.commands.addCommand(CommandIDs.newExperimentNotebook, {
      label: args =>
        args.isPalette
          ? trans.__('New Experiment Notebook')
          : trans.__('Experiment notebook'),
      caption: trans.__(
        'A notebook in an ML Studio kernel that logs runs of an experiment'
      ),
      icon: args => (args.isPalette ? undefined : mlstudioIcon),
      execute: async args => {
        const cwd =
          typeof args.cwd === 'string' ? args.cwd : (browser?.model.path ?? '');
        try {
          await kernelspecs.ready;
          const specs = kernelspecs.specs?.kernelspecs ?? {};
          const name =
            DEFAULT_STUDIO_KERNEL in specs
              ? DEFAULT_STUDIO_KERNEL
              : (Object.keys(specs).find(isMLStudioKernelName) ??
                specs[DEFAULT_STUDIO_KERNEL]?.name ??
                DEFAULT_STUDIO_KERNEL);
          const spec = specs[name];
          const created = await contents.newUntitled({
            path: cwd,
            type: 'notebook'
          });
          await contents.save(created.path, {
            type: 'notebook',
            format: 'json',
            content: experimentNotebook(
              { name, display_name: spec?.display_name ?? name },
              DEFAULT_EXPERIMENT
            )
          });
          return app.commands.execute('docmanager:open', {
            path: created.path,
            kernel: { name }
          });
        } catch (reason) {
          await showErrorMessage(
            trans.__('Cannot make an experiment notebook'),
            asRequestError(reason)
          );
          return undefined;
        }
      }
    });

    if (palette) {
      palette.addItem({
        command: CommandIDs.newExperimentNotebook,
        category: trans.__(PALETTE_CATEGORY),
        args: { isPalette: true }
      });
    }
    if (launcher) {
      const category = trans.__(LAUNCHER_CATEGORY);
      launcher.add({
        command: CommandIDs.newTrainingJob,
        category,
        rank: 1,
        args: { isLauncher: true }
      });
      launcher.add({
        command: CommandIDs.newExperimentNotebook,
        category,
        rank: 2,
        args: { isLauncher: true }
      });
    }
  }
};
