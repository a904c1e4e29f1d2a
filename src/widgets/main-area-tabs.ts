import type { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import type { LabIcon } from '@jupyterlab/ui-components';
import type { Widget } from '@lumino/widgets';

/**
 * The main-area tabs of one kind of view (training jobs, runs, comparisons, ...): one tab per
 * subject, known by a key (a job's name, a run's id). Opening a subject that already has a
 * tab focuses that tab, even while it is still being added; every tab of the kind carries
 * the kind's icon and is tracked under one namespace, which JupyterLab's layout restorer
 * uses to open the tabs again after a reload.
 *
 * Other ML Studio views (tuning jobs, endpoints, ...) can use it for the same behaviour.
 */
export class MainAreaTabs<T extends Widget> {
  constructor(options: MainAreaTabs.IOptions) {
    this._app = options.app;
    this._icon = options.icon;
    this._className = options.className ?? null;
    this.tracker = new WidgetTracker<MainAreaWidget<T>>({
      namespace: options.namespace
    });
  }

  /** The open tabs, for the layout restorer and for iterating. */
  readonly tracker: WidgetTracker<MainAreaWidget<T>>;

  /** The open tab of a subject, if any. */
  find(key: string): MainAreaWidget<T> | undefined {
    return this._open.get(key);
  }

  /** The key of an open tab, if it is one of these tabs. */
  keyOf(tab: MainAreaWidget<T>): string | undefined {
    for (const [key, open] of this._open) {
      if (open === tab) {
        return key;
      }
    }
    return undefined;
  }

  /**
   * Focus the tab of `key`, or make one with `create`, add it to the main area and focus
   * it. The new tab gets the kind's icon and class and can be closed.
   */
  async open(
    key: string,
    create: () => MainAreaWidget<T>
  ): Promise<MainAreaWidget<T>> {
    const existing = this._open.get(key);
    if (existing && !existing.isDisposed) {
      this._app.shell.activateById(existing.id);
      return existing;
    }
    const tab = create();
    tab.title.icon = this._icon;
    tab.title.closable = true;
    if (this._className) {
      tab.addClass(this._className);
    }
    this._open.set(key, tab);
    tab.disposed.connect(() => {
      if (this._open.get(key) === tab) {
        this._open.delete(key);
      }
    });
    this._app.shell.add(tab, 'main');
    this._app.shell.activateById(tab.id);
    await this.tracker.add(tab);
    return tab;
  }

  /** Call `callback` with every open tab. */
  forEach(callback: (tab: MainAreaWidget<T>) => void): void {
    this.tracker.forEach(callback);
  }

  private _app: JupyterFrontEnd;
  private _className: string | null;
  private _icon: LabIcon;
  private _open = new Map<string, MainAreaWidget<T>>();
}

export namespace MainAreaTabs {
  /** Constructor options. */
  export interface IOptions {
    app: JupyterFrontEnd;
    /** The tracker's namespace: the layout restorer's name of this kind of tab. */
    namespace: string;
    /** The icon of every tab of the kind. */
    icon: LabIcon;
    /** A class added to every tab of the kind. */
    className?: string;
  }
}
