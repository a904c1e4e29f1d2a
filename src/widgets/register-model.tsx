import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import {
  IExistingModel,
  IModelSource,
  RegisterModelForm
} from '../components/register-model-form';
import { VERSION_JOB_TAG } from '../components/model-registry-view';
import type {
  IArtifactList,
  IModelVersion,
  IRegisteredModelList,
  IRegisterModelVersionRequest,
  IRun,
  ITrainingJobDetail
} from '../tokens';
import { showFormDialog } from './form-dialog';

/** The server calls of registering a model. */
export interface IRegisterModelApi {
  getRun(runId: string): Promise<IRun>;
  listArtifacts(runId: string, path: string): Promise<IArtifactList>;
  getJob(name: string): Promise<ITrainingJobDetail>;
  listModels(): Promise<IRegisteredModelList>;
  register(
    name: string,
    request: IRegisterModelVersionRequest
  ): Promise<IModelVersion>;
}

/** What to register from: a run, a training job, or a job and its run. */
export interface IRegisterModelTarget {
  runId?: string | null;
  job?: string | null;
}

/** The folder a training job's model lands in among its run's artifacts. */
export const JOB_MODEL_FOLDER = 'model';

/**
 * What can be registered from a run: each of its top-level artifacts, the `model` folder
 * first (where a training job's model, or `mlflow.<flavor>.log_model`, puts it).
 */
export function runSources(
  runId: string,
  listing: IArtifactList,
  trans: TranslationBundle
): IModelSource[] {
  const entries = [...listing.entries].sort((a, b) =>
    a.path === JOB_MODEL_FOLDER ? -1 : b.path === JOB_MODEL_FOLDER ? 1 : 0
  );
  return entries.map(entry => ({
    label: entry.is_dir
      ? trans.__('%1/ (run artifacts)', entry.path)
      : trans.__('%1 (run artifact)', entry.path),
    source: `runs:/${runId}/${entry.path}`,
    runId
  }));
}

/** The name a registered model is offered: the job's or run's name without its stamp. */
export function suggestModelName(name: string): string {
  return (
    name
      .replace(/-\d{8}-\d{6}$/, '')
      .replace(/-\d{10,}$/, '')
      .replace(/[/:]/g, '-') || name
  );
}

/**
 * Open the Register model dialog for a run or a completed training job. A job's model is
 * registered from its run's artifacts when it has a run (so the version links back to the
 * run), else from the job's model URI; the version is tagged with the job's name either way.
 */
export async function openRegisterModelDialog(options: {
  target: IRegisterModelTarget;
  api: IRegisterModelApi;
  trans: TranslationBundle;
  onOpenModel: (name: string) => void;
}): Promise<void> {
  const { target, api, trans, onOpenModel } = options;
  let runId = target.runId ?? null;
  let job = target.job ?? null;
  let jobDetail: ITrainingJobDetail | null = null;
  let name = job ?? '';
  if (job) {
    jobDetail = await api.getJob(job);
    runId = runId ?? jobDetail.run_id ?? null;
  }
  let sources: IModelSource[] = [];
  if (runId) {
    const [run, listing] = await Promise.all([
      api.getRun(runId),
      api.listArtifacts(runId, '')
    ]);
    name = name || run.name;
    job = job ?? run.tags[VERSION_JOB_TAG] ?? null;
    sources = runSources(runId, listing, trans);
  }
  const jobModel = jobDetail?.model_artifacts?.s3_model_artifacts ?? null;
  const inRun = runId ? `runs:/${runId}/${JOB_MODEL_FOLDER}` : null;
  if (jobModel && !sources.some(item => item.source === inRun)) {
    sources.push({
      label: trans.__('The model of job %1', job!),
      source: jobModel,
      runId
    });
  }
  const listModels = async (): Promise<IExistingModel[]> => {
    const list = await api.listModels();
    return list.models.map(model => ({
      name: model.name,
      latestVersion: model.latest_versions.length
        ? Math.max(...model.latest_versions.map(version => version.version))
        : null
    }));
  };
  await showFormDialog({
    title: job
      ? trans.__('Register the model of %1', job)
      : trans.__('Register a model from run %1', name),
    className: 'jp-mlstudio-register-model-dialog',
    render: close => (
      <RegisterModelForm
        trans={trans}
        sources={sources}
        suggestedName={suggestModelName(name)}
        tags={job ? { [VERSION_JOB_TAG]: job } : {}}
        listModels={listModels}
        register={(modelName, request) => api.register(modelName, request)}
        onOpenModel={onOpenModel}
        onDone={close}
      />
    )
  });
}
