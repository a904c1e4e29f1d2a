import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Dialog, InputDialog, showDialog } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import {
  getResources,
  stopIdleResources,
  stopResource
} from '../api/resources';
import { ResourcesModel } from '../models/resources-model';
import { IMLStudioEvents, IMLStudioSidebar } from '../tokens';
import { ResourcesSection } from '../widgets/resources-section';

/** Rank of the Running section: near the top, as what costs now. */
const SECTION_RANK = 150;

/** Idle minutes the Stop idle dialog proposes. */
const DEFAULT_IDLE_MINUTES = 60;

/**
 * The sidebar's Running section: what the user has running (kernels, apps, jobs,
 * endpoints) with instance types, run time and memory, each stoppable from there; admins see
 * everyone's and stop idle kernels.
 */
export const resourcesPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-mlstudio:resources',
  description:
    'What runs (kernels, apps, jobs, endpoints), stopped from one place, in the sidebar.',
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
    const serverSettings = app.serviceManager.serverSettings;
    const model = new ResourcesModel({
      fetch: scope => getResources(scope, serverSettings),
      stop: resource => stopResource(resource, serverSettings),
      stopIdle: minutes => stopIdleResources(minutes, serverSettings),
      events: events?.stream
    });
    const section = new ResourcesSection({
      model,
      trans,
      confirm: {
        stop: async resource => {
          const answer = await showDialog({
            title: trans.__('Stop %1?', resource.name),
            body: trans.__(
              'It stops now; a kernel loses its variables, a job ends as Stopped, an endpoint is deleted.'
            ),
            buttons: [
              Dialog.cancelButton(),
              Dialog.warnButton({ label: trans.__('Stop') })
            ]
          });
          return answer.button.accept;
        },
        idleMinutes: async () => {
          const answer = await InputDialog.getNumber({
            title: trans.__('Stop kernels idle for at least (minutes)'),
            value: DEFAULT_IDLE_MINUTES
          });
          return answer.button.accept &&
            answer.value !== null &&
            answer.value >= 0
            ? answer.value
            : null;
        }
      }
    });
    sidebar.addSection(section, { rank: SECTION_RANK });
    sidebar.refreshRequested.connect(() => void model.refresh());
    void model.start();
  }
};
