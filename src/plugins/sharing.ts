import {
  IRouter,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  Clipboard,
  Dialog,
  IToolbarWidgetRegistry,
  MainAreaWidget,
  showDialog,
  showErrorMessage
} from '@jupyterlab/apputils';
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import {
  ITranslator,
  nullTranslator,
  TranslationBundle
} from '@jupyterlab/translation';
import { ToolbarButton } from '@jupyterlab/ui-components';
import { Poll } from '@lumino/polling';
import { Widget } from '@lumino/widgets';

import {
  copySnapshot,
  createSnapshot,
  deleteSnapshot,
  getSnapshot,
  getSnapshotRecipients,
  type ISnapshot,
  type ISnapshotRecipients,
  listSnapshots
} from '../api/snapshots';
import { CommandIDs } from '../commands';
import {
  snapshotIdFrom,
  snapshotLink,
  snapshotRequest,
  SNAPSHOT_PARAMETER,
  WHOLE_DOMAIN
} from '../models/share-model';
import { asRequestError } from '../request';
import { IMLStudioSidebar } from '../tokens';
import { SnapshotView } from '../widgets/snapshot-view';
import { SnapshotsSection } from '../widgets/snapshots-section';

/** Plugin id; `schema/sharing.json` puts its Share button in the notebook toolbar. */
export const SHARING_PLUGIN_ID = 'jupyterlab-mlstudio:sharing';

/** Name of the notebook toolbar item, as the schema lists it. */
export const SHARE_TOOLBAR_ITEM = 'mlstudio-share';

/** Rank of the Shared notebooks section in the sidebar. */
const SECTION_RANK = 850;

/**
 * Sharing notebooks: a Share button on every notebook's toolbar that sends a read-only
 * snapshot to a member or the whole domain; a link (`/lab?mlstudio-snapshot=<id>`) and a
 * command that open a snapshot read-only; copying one into the reader's space; and the
 * sidebar's Shared notebooks section.
 */
export const sharingPlugin: JupyterFrontEndPlugin<void> = {
  id: SHARING_PLUGIN_ID,
  description:
    'Share read-only notebook snapshots; open and copy those shared with you.',
  autoStart: true,
  requires: [INotebookTracker, IRenderMimeRegistry],
  optional: [IToolbarWidgetRegistry, IMLStudioSidebar, IRouter, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    rendermime: IRenderMimeRegistry,
    toolbarRegistry: IToolbarWidgetRegistry | null,
    sidebar: IMLStudioSidebar | null,
    router: IRouter | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mlstudio');
    const serverSettings = app.serviceManager.serverSettings;
    const section = sidebar
      ? new SnapshotsSection({
          trans,
          open: snapshot =>
            app.commands.execute(CommandIDs.openSnapshot, {
              id: snapshot.snapshot_id
            }),
          copy: snapshot =>
            app.commands.execute(CommandIDs.copySnapshot, {
              id: snapshot.snapshot_id
            }),
          remove: snapshot => removeSnapshot(snapshot, trans)
        })
      : null;
    const poll = new Poll({
      auto: false,
      factory: async () => {
        try {
          section?.setSnapshots(await listSnapshots('all', serverSettings));
        } catch (reason) {
          section?.setError(asRequestError(reason).message);
        }
      },
      frequency: { interval: sidebar?.refreshInterval ?? 10_000 },
      name: 'jupyterlab-mlstudio:snapshots',
      standby: 'when-hidden'
    });
    const refresh = (): void => void poll.refresh();

    const removeSnapshot = async (
      snapshot: ISnapshot,
      trans: TranslationBundle
    ): Promise<void> => {
      const answer = await showDialog({
        title: trans.__('Stop sharing %1?', snapshot.name),
        body: trans.__(
          'Its recipients will no longer be able to open it. Copies they made stay theirs.'
        ),
        buttons: [
          Dialog.cancelButton(),
          Dialog.warnButton({ label: trans.__('Delete') })
        ]
      });
      if (!answer.button.accept) {
        return;
      }
      try {
        await deleteSnapshot(snapshot.snapshot_id, serverSettings);
      } catch (reason) {
        await showErrorMessage(
          trans.__('Cannot delete the snapshot'),
          asRequestError(reason)
        );
      }
      refresh();
    };

    app.commands.addCommand(CommandIDs.shareNotebook, {
      label: trans.__('Share'),
      caption: trans.__(
        'Share a read-only snapshot of this notebook, outputs included'
      ),
      isEnabled: () => !!tracker.currentWidget,
      execute: async () => {
        const panel = tracker.currentWidget;
        if (!panel) {
          return;
        }
        const shared = await shareNotebook(panel, trans, serverSettings);
        if (shared) {
          refresh();
        }
      }
    });

    app.commands.addCommand(CommandIDs.openSnapshot, {
      label: trans.__('Open Shared Notebook'),
      caption: trans.__('Open a notebook snapshot read-only'),
      execute: async args => {
        const id = String(args.id ?? '');
        const existing = Array.from(app.shell.widgets('main')).find(
          widget => widget.id === SnapshotView.widgetId(id)
        );
        if (existing) {
          app.shell.activateById(existing.id);
          return;
        }
        try {
          const snapshot = await getSnapshot(id, serverSettings);
          const view = new SnapshotView({
            snapshot,
            rendermime,
            trans,
            copy: () => app.commands.execute(CommandIDs.copySnapshot, { id })
          });
          const widget = new MainAreaWidget({ content: view });
          widget.id = view.id;
          widget.title.label = view.title.label;
          widget.title.caption = view.title.caption;
          widget.title.closable = true;
          widget.addClass('jp-mlstudio-snapshot-panel');
          app.shell.add(widget, 'main');
          app.shell.activateById(widget.id);
        } catch (reason) {
          await showErrorMessage(
            trans.__('Cannot open the shared notebook'),
            asRequestError(reason)
          );
        }
      }
    });

    app.commands.addCommand(CommandIDs.copySnapshot, {
      label: trans.__('Copy Shared Notebook to My Space'),
      execute: async args => {
        const id = String(args.id ?? '');
        try {
          const copied = await copySnapshot(id, null, serverSettings);
          return await app.commands.execute('docmanager:open', {
            path: copied.path,
            factory: 'Notebook'
          });
        } catch (reason) {
          await showErrorMessage(
            trans.__('Cannot copy the shared notebook'),
            asRequestError(reason)
          );
          return undefined;
        }
      }
    });

    // `/lab?mlstudio-snapshot=<id>`: the link a Share gives opens the snapshot.
    app.commands.addCommand(CommandIDs.openSnapshotLink, {
      execute: async args => {
        const id = snapshotIdFrom(String(args.search ?? ''));
        if (!id) {
          return;
        }
        // Not awaited: the lab restores its layout only once the router's first route has
        // run, so a route that waited for the restore would keep the splash screen up forever.
        void app.restored.then(() =>
          app.commands.execute(CommandIDs.openSnapshot, { id })
        );
        // Leave the lab's address clean, as its other routes do.
        const url = new URL(window.location.href);
        url.searchParams.delete(SNAPSHOT_PARAMETER);
        window.history.replaceState(null, '', url.toString());
      }
    });
    router?.register({
      command: CommandIDs.openSnapshotLink,
      pattern: new RegExp(`[?&]${SNAPSHOT_PARAMETER}=[0-9a-f]{32}`),
      rank: 20
    });

    const createItem = (panel: NotebookPanel): Widget =>
      new ToolbarButton({
        className: 'jp-mlstudio-share-button',
        label: trans.__('Share'),
        tooltip: trans.__(
          'Share a read-only snapshot of this notebook (outputs, image and instance type)'
        ),
        onClick: () => {
          void shareNotebook(panel, trans, serverSettings).then(shared => {
            if (shared) {
              refresh();
            }
          });
        }
      });
    if (toolbarRegistry) {
      toolbarRegistry.addFactory<NotebookPanel>(
        'Notebook',
        SHARE_TOOLBAR_ITEM,
        createItem
      );
    }

    if (sidebar && section) {
      sidebar.addSection(section, { rank: SECTION_RANK });
      sidebar.refreshRequested.connect(refresh);
      sidebar.refreshIntervalChanged.connect((_, interval) => {
        poll.frequency = { ...poll.frequency, interval };
      });
      void poll.start();
    }
  }
};

/**
 * Ask whom to share `panel`'s notebook with, share it as it is shown now, and show the link.
 * Resolves true when a snapshot was made.
 */
async function shareNotebook(
  panel: NotebookPanel,
  trans: TranslationBundle,
  serverSettings: JupyterFrontEnd['serviceManager']['serverSettings']
): Promise<boolean> {
  let recipients: ISnapshotRecipients;
  try {
    recipients = await getSnapshotRecipients(serverSettings);
  } catch (reason) {
    await showErrorMessage(
      trans.__('Cannot share %1', panel.context.path),
      asRequestError(reason)
    );
    return false;
  }
  const chooser = new RecipientChooser(recipients, trans);
  const answer = await showDialog({
    title: trans.__('Share %1', panel.context.localPath),
    body: chooser,
    buttons: [
      Dialog.cancelButton(),
      Dialog.okButton({ label: trans.__('Share') })
    ],
    focusNodeSelector: 'select'
  });
  if (!answer.button.accept || !answer.value) {
    return false;
  }
  const model = panel.content.model;
  try {
    const request = snapshotRequest(panel.context.path, model?.toJSON(), {
      audience: answer.value
    });
    const snapshot = await createSnapshot(request, serverSettings);
    const link = snapshotLink(
      URLExt.join(PageConfig.getBaseUrl(), 'lab'),
      snapshot.snapshot_id
    );
    const shown = await showDialog({
      title: trans.__('Shared %1', snapshot.name),
      body: new SharedLink(link, snapshot, trans),
      buttons: [
        Dialog.okButton({ label: trans.__('Done') }),
        Dialog.createButton({ label: trans.__('Copy Link') })
      ]
    });
    if (shown.button.label === trans.__('Copy Link')) {
      Clipboard.copyToSystem(link);
    }
    return true;
  } catch (reason) {
    await showErrorMessage(
      trans.__('Cannot share %1', panel.context.path),
      reason instanceof Error && !('status' in reason)
        ? reason.message
        : asRequestError(reason)
    );
    return false;
  }
}

/** The Share dialog's body: the whole domain or one member. */
class RecipientChooser
  extends Widget
  implements Dialog.IBodyWidget<string | null>
{
  constructor(recipients: ISnapshotRecipients, trans: TranslationBundle) {
    super();
    this.addClass('jp-mlstudio-share-dialog');
    const label = document.createElement('label');
    label.textContent = trans.__('Share a read-only snapshot with');
    this._select = document.createElement('select');
    this._select.className = 'jp-mod-styled jp-mlstudio-share-recipient';
    const everyone = new Option(
      trans.__('Everyone in domain %1', recipients.domain),
      WHOLE_DOMAIN
    );
    this._select.append(
      everyone,
      ...recipients.profiles.map(name => new Option(name, name))
    );
    label.append(this._select);
    const note = document.createElement('p');
    note.className = 'jp-mlstudio-share-note';
    note.textContent = recipients.profiles.length
      ? trans.__(
          'They see the notebook as it is now, outputs included, and can copy it into their own space.'
        )
      : trans.__(
          'No other member is in domain %1 yet: only its future members will see it.',
          recipients.domain
        );
    this.node.append(label, note);
  }

  getValue(): string | null {
    return this._select.value || null;
  }

  private _select: HTMLSelectElement;
}

/** The body of the dialog after sharing: the link to send. */
class SharedLink extends Widget {
  constructor(link: string, snapshot: ISnapshot, trans: TranslationBundle) {
    super();
    this.addClass('jp-mlstudio-share-result');
    const note = document.createElement('p');
    note.textContent =
      snapshot.audience === 'domain'
        ? trans.__(
            'Everyone in the domain finds it under Shared notebooks, or opens this link:'
          )
        : trans.__(
            '%1 finds it under Shared notebooks, or opens this link:',
            snapshot.recipients.join(', ')
          );
    const input = document.createElement('input');
    input.className = 'jp-mod-styled jp-mlstudio-share-link';
    input.readOnly = true;
    input.value = link;
    input.addEventListener('focus', () => input.select());
    this.node.append(note, input);
  }
}
