import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  createToolbarFactory,
  ICommandPalette,
  IToolbarWidgetRegistry,
  setToolbar
} from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { CommandToolbarButton } from '@jupyterlab/ui-components';

import { addSidebarCommands, CommandIDs } from '../commands';
import { IMLStudioSidebar } from '../tokens';
import { MLStudioSidebar } from '../widgets/sidebar';

/** Plugin id; its settings live in `schema/sidebar.json`. */
export const SIDEBAR_PLUGIN_ID = 'jupyterlab-mlstudio:sidebar';

/** Toolbar name under `jupyter.lab.toolbars` in the settings schema. */
const TOOLBAR_FACTORY = 'MLStudioSidebar';

/** Position of the sidebar's tab among the left tabs (file browser 100, TOC 400). */
const SIDEBAR_RANK = 600;

/** Fallback for `refreshInterval` if the settings cannot be read; the schema default. */
const DEFAULT_REFRESH_SECONDS = 10;

/** The ML Studio sidebar, its commands and its settings. */
export const sidebarPlugin: JupyterFrontEndPlugin<IMLStudioSidebar> = {
  id: SIDEBAR_PLUGIN_ID,
  description: 'The ML Studio sidebar, a container of sections.',
  autoStart: true,
  provides: IMLStudioSidebar,
  optional: [
    ILayoutRestorer,
    ICommandPalette,
    ISettingRegistry,
    IToolbarWidgetRegistry,
    ITranslator,
    IStateDB
  ],
  activate: (
    app: JupyterFrontEnd,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    settingRegistry: ISettingRegistry | null,
    toolbarRegistry: IToolbarWidgetRegistry | null,
    translator: ITranslator | null,
    state: IStateDB | null
  ): IMLStudioSidebar => {
    translator = translator ?? nullTranslator;
    const trans = translator.load('jupyterlab_mlstudio');
    const sidebar = new MLStudioSidebar({
      refreshInterval: DEFAULT_REFRESH_SECONDS * 1000,
      translator,
      state
    });
    addSidebarCommands(app, sidebar, trans, palette);

    if (settingRegistry && toolbarRegistry) {
      // Toolbar items come from `jupyter.lab.toolbars` in the schema, which users can edit.
      setToolbar(
        sidebar,
        createToolbarFactory(
          toolbarRegistry,
          settingRegistry,
          TOOLBAR_FACTORY,
          SIDEBAR_PLUGIN_ID,
          translator
        )
      );
    } else {
      sidebar.toolbar.addItem(
        'refresh',
        new CommandToolbarButton({
          commands: app.commands,
          id: CommandIDs.refresh
        })
      );
    }

    if (settingRegistry) {
      const apply = (settings: ISettingRegistry.ISettings): void => {
        const seconds = settings.get('refreshInterval').composite as number;
        sidebar.refreshInterval = Math.max(1, seconds) * 1000;
      };
      settingRegistry
        .load(SIDEBAR_PLUGIN_ID)
        .then(settings => {
          apply(settings);
          settings.changed.connect(apply);
        })
        .catch(reason => {
          console.error('ML Studio: cannot read the sidebar settings.', reason);
        });
    }

    app.shell.add(sidebar, 'left', { rank: SIDEBAR_RANK, type: 'ML Studio' });
    if (restorer) {
      restorer.add(sidebar, sidebar.id);
    }
    return sidebar;
  }
};
