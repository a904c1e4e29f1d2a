import { LabIcon } from '@jupyterlab/ui-components';

import mlstudioSvg from '../style/icons/mlstudio.svg';

/** The ML Studio icon: the sidebar's tab and its commands. */
export const mlstudioIcon = new LabIcon({
  name: 'jupyterlab-mlstudio:mlstudio',
  svgstr: mlstudioSvg
});
