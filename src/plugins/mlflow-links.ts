import {
  IRouter,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { CommandIDs } from '../commands';
import {
  MLFLOW_LINK_PARAMETER,
  mlflowLinkOf,
  parseMlflowLink,
  withoutMlflowLink
} from '../models/mlflow-link';
import { IMLStudioExperiments } from '../tokens';

/** Plugin id. */
export const MLFLOW_LINKS_PLUGIN_ID = 'jupyterlab-mlstudio:mlflow-links';

/**
 * MLflow links: a link the `mlflow` client printed (a run, an experiment, a registered
 * model) reaches JupyterLab as `lab?mlflow-link=<fragment>` and opens that view.
 */
export const mlflowLinksPlugin: JupyterFrontEndPlugin<void> = {
  id: MLFLOW_LINKS_PLUGIN_ID,
  description:
    'Opens the run, experiment and model links that the mlflow client prints in their ML Studio views.',
  autoStart: true,
  // The experiments plugin registers the commands these links run.
  requires: [IRouter, IMLStudioExperiments],
  optional: [ITranslator],
  activate: (
    app: JupyterFrontEnd,
    router: IRouter,
    _experiments: IMLStudioExperiments,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mlstudio');
    app.commands.addCommand(CommandIDs.openMlflowLink, {
      label: trans.__('Open MLflow Link'),
      caption: trans.__(
        'Open the run, experiment or model an MLflow link names (from the address bar)'
      ),
      execute: async args => {
        const search = typeof args.search === 'string' ? args.search : '';
        const link = mlflowLinkOf(search);
        // Once opened, the view is restored with the layout: the link need not stay.
        window.history.replaceState(
          window.history.state,
          '',
          withoutMlflowLink(window.location.href)
        );
        const target = parseMlflowLink(link);
        switch (target?.kind) {
          case 'run':
            return app.commands.execute(CommandIDs.openRun, {
              runId: target.runId
            });
          case 'experiment':
            return app.commands.execute(CommandIDs.openExperiment, {
              experimentId: target.experimentId
            });
          case 'model':
            return app.commands.execute(CommandIDs.openModelRegistry, {
              name: target.name
            });
          default:
            console.warn(
              `ML Studio: no view for the MLflow link ${link ?? ''}`
            );
            return undefined;
        }
      }
    });
    router.register({
      command: CommandIDs.openMlflowLink,
      pattern: new RegExp(`[?&]${MLFLOW_LINK_PARAMETER}=`)
    });
  }
};
