import type { ILayoutRestorer, JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, MainAreaWidget, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { LabIcon } from '@jupyterlab/ui-components';
import type { Widget } from '@lumino/widgets';

import type { PagedJobList } from '../models/paged-job-list';
import type { IMLStudioSidebar, IMLStudioTrainingJobs } from '../tokens';
import { MainAreaTabs } from '../widgets/main-area-tabs';

/** A job view's tab body: it shows the job of `model.name`. */
export type JobTabContent = Widget & {
  readonly model: { readonly name: string };
};

/**
 * Ask before stopping a job: "Stop <name>?", what stopping does (`body`), Keep running or
 * Stop job.
 */
export function confirmStopDialog(
  trans: TranslationBundle,
  body: string
): (name: string) => Promise<boolean> {
  return async name => {
    const answer = await showDialog({
      title: trans.__('Stop %1?', name),
      body,
      buttons: [
        Dialog.cancelButton({ label: trans.__('Keep running') }),
        Dialog.warnButton({ label: trans.__('Stop job') })
      ]
    });
    return answer.button.accept;
  };
}

/**
 * Plug a kind of job into the front end: its list in the Jobs section (following the
 * sidebar's refresh interval and Refresh button), one main-area tab per job (opened by a
 * row or by `command` with `{ name }`), and the tabs restored after a reload.
 *
 * @returns a function that opens (or focuses) a job's tab.
 */
export function addJobKindViews<T extends JobTabContent>(
  options: addJobKindViews.IOptions<T>
): (name: string) => Promise<MainAreaWidget<T>> {
  const { app, sidebar, training, restorer, list } = options;
  sidebar.refreshIntervalChanged.connect((_, interval) => {
    list.interval = interval;
  });
  const tabs = new MainAreaTabs<T>({
    app,
    namespace: options.namespace,
    icon: options.icon,
    className: options.className
  });
  const open = (name: string): Promise<MainAreaWidget<T>> =>
    tabs.open(name, () => options.createTab(name));

  training.jobKinds.add({
    id: options.kind,
    label: options.label,
    list,
    open: name => void open(name)
  });
  app.commands.addCommand(options.command, {
    label: options.commandLabel,
    execute: args => open(String(args.name))
  });
  sidebar.refreshRequested.connect(() => void list.refresh());
  if (restorer) {
    void restorer.restore(tabs.tracker, {
      command: options.command,
      args: widget => ({ name: widget.content.model.name }),
      name: widget => widget.content.model.name
    });
  }
  void list.start();
  return open;
}

export namespace addJobKindViews {
  /** What {@link addJobKindViews} needs. */
  export interface IOptions<T extends JobTabContent> {
    app: JupyterFrontEnd;
    sidebar: IMLStudioSidebar;
    training: IMLStudioTrainingJobs;
    restorer: ILayoutRestorer | null;
    /** The kind's id, also its rows' `kind`. */
    kind: string;
    /** How a row names the kind. */
    label: string;
    /** The kind's jobs. */
    list: PagedJobList<unknown>;
    /** The tabs' tracker namespace (also the restorer's). */
    namespace: string;
    icon: LabIcon;
    className: string;
    /** The command that opens a job's tab; args: `{ name }`. */
    command: string;
    commandLabel: string;
    /** Make a job's tab: its content, id and title. */
    createTab: (name: string) => MainAreaWidget<T>;
  }
}
