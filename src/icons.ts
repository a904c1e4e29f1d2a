import { LabIcon } from '@jupyterlab/ui-components';

import compareSvg from '../style/icons/compare.svg';
import endpointSvg from '../style/icons/endpoint.svg';
import experimentSvg from '../style/icons/experiment.svg';
import jobSvg from '../style/icons/job.svg';
import mlstudioSvg from '../style/icons/mlstudio.svg';
import processingSvg from '../style/icons/processing.svg';
import registrySvg from '../style/icons/registry.svg';
import runSvg from '../style/icons/run.svg';
import transformSvg from '../style/icons/transform.svg';
import tuningSvg from '../style/icons/tuning.svg';

/** The ML Studio icon: the sidebar's tab, the launcher's section and its commands. */
export const mlstudioIcon = new LabIcon({
  name: 'jupyterlab-mlstudio:mlstudio',
  svgstr: mlstudioSvg
});

/** A training job (its tab, the new-job form). */
export const jobIcon = new LabIcon({
  name: 'jupyterlab-mlstudio:job',
  svgstr: jobSvg
});

/** A run of an experiment. */
export const runIcon = new LabIcon({
  name: 'jupyterlab-mlstudio:run',
  svgstr: runSvg
});

/** An experiment's runs table. */
export const experimentIcon = new LabIcon({
  name: 'jupyterlab-mlstudio:experiment',
  svgstr: experimentSvg
});

/** A comparison of runs. */
export const compareIcon = new LabIcon({
  name: 'jupyterlab-mlstudio:compare',
  svgstr: compareSvg
});

/** The model registry. */
export const registryIcon = new LabIcon({
  name: 'jupyterlab-mlstudio:registry',
  svgstr: registrySvg
});

/** A batch transform job (its tab). */
export const transformIcon = new LabIcon({
  name: 'jupyterlab-mlstudio:transform',
  svgstr: transformSvg
});

/** An endpoint (its tab). */
export const endpointIcon = new LabIcon({
  name: 'jupyterlab-mlstudio:endpoint',
  svgstr: endpointSvg
});

/** A tuning job (its tab, the tuning form). */
export const tuningIcon = new LabIcon({
  name: 'jupyterlab-mlstudio:tuning',
  svgstr: tuningSvg
});

/** A processing job (its tab). */
export const processingIcon = new LabIcon({
  name: 'jupyterlab-mlstudio:processing',
  svgstr: processingSvg
});
