import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { showErrorMessage } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ILauncher } from '@jupyterlab/launcher';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';

import { getSample, listSamples, type ISampleSummary } from '../api/samples';
import { CommandIDs } from '../commands';
import { mlstudioIcon } from '../icons';
import { asRequestError } from '../request';
import { copySample } from '../samples';
import { IMLStudioSidebar } from '../tokens';
import { SamplesSection } from '../widgets/samples-section';

/** The launcher's section of the sample notebooks. */
export const SAMPLES_CATEGORY = 'ML Studio samples';

/** Rank of the Samples section in the sidebar: last, below the sections of daily work. */
const SECTION_RANK = 900;

/**
 * The sample notebooks: an "ML Studio samples" section of the launcher and a Samples section
 * of the sidebar, whose items copy a sample into the workspace (under a free name) and open it.
 */
export const samplesPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-mlstudio:samples',
  description:
    'Sample notebooks from the launcher and the sidebar, copied into the workspace.',
  autoStart: true,
  optional: [ILauncher, IMLStudioSidebar, IDefaultFileBrowser, ITranslator],
  activate: (
    app: JupyterFrontEnd,
    launcher: ILauncher | null,
    sidebar: IMLStudioSidebar | null,
    browser: IDefaultFileBrowser | null,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_mlstudio');
    const { contents, serverSettings } = app.serviceManager;

    app.commands.addCommand(CommandIDs.openSample, {
      label: args =>
        typeof args.title === 'string' ? args.title : trans.__('Sample'),
      caption: args =>
        typeof args.description === 'string' ? args.description : '',
      icon: mlstudioIcon,
      execute: async args => {
        const name = String(args.name ?? '');
        const cwd =
          typeof args.cwd === 'string' ? args.cwd : (browser?.model.path ?? '');
        try {
          const path = await copySample({
            name,
            cwd,
            contents,
            fetchSample: sample => getSample(sample, serverSettings)
          });
          return await app.commands.execute('docmanager:open', { path });
        } catch (reason) {
          await showErrorMessage(
            trans.__('Cannot open the sample %1', name),
            asRequestError(reason)
          );
          return undefined;
        }
      }
    });

    const section = sidebar
      ? new SamplesSection({
          trans,
          open: (sample: ISampleSummary) =>
            app.commands.execute(CommandIDs.openSample, { ...sample })
        })
      : null;
    if (sidebar && section) {
      sidebar.addSection(section, {
        rank: SECTION_RANK,
        initiallyCollapsed: true
      });
    }

    listSamples(serverSettings)
      .then(samples => {
        section?.setSamples(samples);
        samples.forEach((sample, rank) => {
          launcher?.add({
            command: CommandIDs.openSample,
            category: trans.__(SAMPLES_CATEGORY),
            rank,
            args: { ...sample }
          });
        });
      })
      .catch(reason => {
        const error = asRequestError(reason);
        section?.setError(error.message);
        console.error('ML Studio: cannot list the samples.', error);
      });
  }
};
