import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Dialog,
  IToolbarWidgetRegistry,
  showDialog
} from '@jupyterlab/apputils';
import type { NotebookPanel } from '@jupyterlab/notebook';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';

import { checkKernelProfile, getKernelProfiles } from '../api/kernels';
import { KernelProfilesModel } from '../models/kernel-profiles-model';
import { NotebookProfileModel } from '../models/notebook-profile-model';
import { IMLStudioEvents, INotebookProfile } from '../tokens';
import {
  kernelSpecProfile,
  NotebookKernelHandle,
  studioKernelFor
} from '../widgets/notebook-kernel-handle';
import { ProfileToolbarItem } from '../widgets/profile-toolbar-item';

/** Plugin id; `schema/kernel-pickers.json` puts its item in the notebook toolbar. */
export const KERNEL_PICKERS_PLUGIN_ID = 'jupyterlab-mlstudio:kernel-pickers';

/** Name of the notebook toolbar item, as the schema lists it. */
export const PROFILE_TOOLBAR_ITEM = 'mlstudio-kernel-profile';

/** Toolbar factory of notebook panels. */
const NOTEBOOK_FACTORY = 'Notebook';

/** Milliseconds between background reads of the profiles (pickers read when opened). */
const PROFILES_INTERVAL = 60_000;

/** The image and instance-type pickers of every notebook's toolbar. */
export const kernelPickersPlugin: JupyterFrontEndPlugin<void> = {
  id: KERNEL_PICKERS_PLUGIN_ID,
  description:
    "Pickers of a notebook's kernel image and instance type, in the notebook toolbar.",
  autoStart: true,
  optional: [IToolbarWidgetRegistry, IMLStudioEvents, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    toolbarRegistry: IToolbarWidgetRegistry | null,
    events: IMLStudioEvents | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mlstudio');
    const serverSettings = app.serviceManager.serverSettings;
    const kernelspecs = app.serviceManager.kernelspecs;
    const profiles = new KernelProfilesModel({
      fetchProfiles: () => getKernelProfiles(serverSettings),
      interval: PROFILES_INTERVAL,
      events: events?.stream
    });

    const createItem = (panel: NotebookPanel): ProfileToolbarItem => {
      // A notebook from SageMaker Studio opens in the ML Studio kernel of its image.
      const handle = new NotebookKernelHandle(panel, profile =>
        studioKernelFor(
          kernelspecs.specs,
          profile,
          profiles.profiles?.default_image
        )
      );
      const model = new NotebookProfileModel({
        notebook: handle,
        profiles,
        specProfile: name => kernelSpecProfile(kernelspecs.specs, name),
        checkProfile: request => checkKernelProfile(request, serverSettings),
        confirmBusy: target => confirmBusySwitch(target, trans),
        confirmKernelChange: (kernelName, target) =>
          confirmKernelChange(panel.context.path, kernelName, target, trans)
      });
      const item = new ProfileToolbarItem({ model, trans });
      item.disposed.connect(() => handle.dispose());
      return item;
    };

    if (toolbarRegistry) {
      toolbarRegistry.addFactory<NotebookPanel>(
        NOTEBOOK_FACTORY,
        PROFILE_TOOLBAR_ITEM,
        createItem
      );
    } else {
      app.docRegistry.addWidgetExtension(NOTEBOOK_FACTORY, {
        createNew: (panel: NotebookPanel) => {
          const item = createItem(panel);
          panel.toolbar.insertBefore('kernelName', PROFILE_TOOLBAR_ITEM, item);
          return item;
        }
      });
    }
    void profiles.start();
  }
};

/** Ask before a switch restarts a kernel that is running code. */
async function confirmBusySwitch(
  target: INotebookProfile,
  trans: TranslationBundle
): Promise<boolean> {
  const answer = await showDialog({
    title: trans.__('Switch to %1?', target.instance_type),
    body: trans.__(
      'The kernel is running code; switching restarts it. Switch anyway?'
    ),
    buttons: [
      Dialog.cancelButton(),
      Dialog.warnButton({ label: trans.__('Switch') })
    ]
  });
  return answer.button.accept;
}

/** Ask before moving a notebook from a kernel ML Studio does not manage to a studio one. */
async function confirmKernelChange(
  path: string,
  kernelName: string,
  target: INotebookProfile,
  trans: TranslationBundle
): Promise<boolean> {
  const answer = await showDialog({
    title: trans.__('Change the kernel of %1?', path.split('/').pop() ?? path),
    body: trans.__(
      'It runs %1 now, which is not an ML Studio kernel. It moves to the image %2 on %3: a new kernel starts, and the variables of the current one are lost.',
      kernelName,
      target.image,
      target.instance_type
    ),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Keep %1', kernelName) }),
      Dialog.okButton({ label: trans.__('Change kernel') })
    ]
  });
  return answer.button.accept;
}
