import {
  ILabShell,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';

import { getKernelUsage } from '../api/kernels';
import { isMLStudioKernelName } from '../kernel-format';
import { KernelUsageModel } from '../models/kernel-usage-model';
import { IMLStudioEvents } from '../tokens';
import { KernelUsageItem } from '../widgets/kernel-usage-item';

/** Position among the status bar's left items (JupyterLab's kernel status is at 1). */
const STATUS_ITEM_RANK = 4;

/** The current notebook's kernel CPU and memory against its limits, in the status bar. */
export const kernelUsagePlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-mlstudio:kernel-usage',
  description:
    "The current notebook's kernel use of its CPU and memory limits, in the status bar.",
  autoStart: true,
  requires: [INotebookTracker],
  optional: [IStatusBar, ILabShell, IMLStudioEvents, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    statusBar: IStatusBar | null,
    labShell: ILabShell | null,
    events: IMLStudioEvents | null,
    translator: ITranslator | null
  ): void => {
    if (!statusBar) {
      return;
    }
    const trans = (translator ?? nullTranslator).load('jupyterlab_mlstudio');
    const serverSettings = app.serviceManager.serverSettings;
    const model = new KernelUsageModel({
      fetchUsage: id => getKernelUsage(id, serverSettings),
      events: events?.stream
    });

    // The notebook in the main area's focus, and the kernel it runs now.
    let watched: NotebookPanel | null = null;
    const shown = new Signal<unknown, void>(model);
    const follow = (): void => {
      const current = tracker.currentWidget;
      const inFocus =
        !labShell || !current || labShell.currentWidget === current;
      const kernel = inFocus ? current?.sessionContext.session?.kernel : null;
      model.kernelId =
        kernel && isMLStudioKernelName(kernel.name) ? kernel.id : null;
      shown.emit();
    };
    const watch = (): void => {
      watched?.sessionContext.kernelChanged.disconnect(follow);
      watched = tracker.currentWidget;
      watched?.sessionContext.kernelChanged.connect(follow);
      follow();
    };
    tracker.currentChanged.connect(watch);
    labShell?.currentChanged.connect(follow);
    model.visibilityChanged.connect(() => shown.emit());

    statusBar.registerStatusItem('jupyterlab-mlstudio:kernel-usage', {
      item: new KernelUsageItem(model, trans),
      align: 'left',
      rank: STATUS_ITEM_RANK,
      isActive: () => model.isVisible,
      activeStateChanged: shown
    });
    watch();
    void model.start();
  }
};
