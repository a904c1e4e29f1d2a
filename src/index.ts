import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-mlstudio:plugin',
  autoStart: true,
  activate: (app: JupyterFrontEnd) => {
    console.log('jupyterlab-mlstudio activated');
  }
};

export default plugin;
