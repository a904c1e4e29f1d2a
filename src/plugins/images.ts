import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { Dialog, showDialog } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { addIcon } from '@jupyterlab/ui-components';

import {
  createImage,
  createImageVersion,
  deleteImage,
  deleteImageVersion,
  getImageBuildLogs,
  listImages,
  listPythonEnvironments,
  putImageConfig
} from '../api/images';
import { openRegisterImageDialog } from '../components/images-panel';
import { BuildLogModel } from '../models/build-log-model';
import { IImagesApi, ImageListModel } from '../models/image-list-model';
import { IMLStudioEvents, IMLStudioSidebar } from '../tokens';
import { ImagesSection } from '../widgets/images-section';

/** Position of the Images section: after Instance types (200). */
const IMAGES_SECTION_RANK = 250;

/** The Images section of the sidebar: the images notebook kernels run in. */
export const imagesPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-mlstudio:images',
  description:
    'The Images section of the ML Studio sidebar: register images, add versions, edit configs.',
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
    const settings = app.serviceManager.serverSettings;
    const api: IImagesApi = {
      list: () => listImages(settings),
      create: request => createImage(request, settings),
      deleteImage: name => deleteImage(name, settings),
      createVersion: (name, request) =>
        createImageVersion(name, request, settings),
      deleteVersion: (name, version) =>
        deleteImageVersion(name, version, settings),
      putConfig: (name, request) => putImageConfig(name, request, settings)
    };

    const listEnvironments = () => listPythonEnvironments(settings);
    let section: ImagesSection | null = null;
    const model = new ImageListModel({
      api,
      interval: sidebar.refreshInterval,
      events: events?.stream,
      // The server rewrote the kernel specs: the launcher lists them at once.
      onImagesChanged: () => {
        void app.serviceManager.kernelspecs.refreshSpecs();
      },
      standby: () => document.hidden || !section?.isVisible
    });
    section = new ImagesSection({
      model,
      trans,
      confirm: async (title, body) => {
        const answer = await showDialog({
          title,
          body,
          buttons: [
            Dialog.cancelButton(),
            Dialog.warnButton({ label: trans.__('Delete') })
          ]
        });
        return answer.button.accept;
      },
      createBuildLog: version =>
        new BuildLogModel({
          image: version.image_name,
          version: version.version,
          fetchLines: after =>
            getImageBuildLogs(
              version.image_name,
              version.version,
              after,
              settings
            ),
          events: events?.stream
        }),
      listEnvironments
    });
    // Rarely needed once the images are set up: collapsed until the user opens it.
    sidebar.addSection(section, {
      rank: IMAGES_SECTION_RANK,
      initiallyCollapsed: true,
      actions: [
        {
          id: 'register-image',
          label: trans.__('Register an image'),
          icon: addIcon,
          execute: () =>
            void openRegisterImageDialog(model, trans, listEnvironments)
        }
      ]
    });

    sidebar.refreshIntervalChanged.connect((_, interval) => {
      model.interval = interval;
    });
    sidebar.refreshRequested.connect(() => {
      void model.refresh();
    });
    void model.start();
  }
};
