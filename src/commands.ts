import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ICommandPalette } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon } from '@jupyterlab/ui-components';

import { mlstudioIcon } from './icons';
import type { MLStudioSidebar } from './widgets/sidebar';

/** Command ids; menus and toolbars refer to them from `schema/*.json`. */
export namespace CommandIDs {
  export const openSidebar = 'mlstudio:open-sidebar';
  export const refresh = 'mlstudio:refresh';
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
