import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { JobArtifact, JobView } from '../components/job-view';
import type { TrainingJobModel } from '../models/training-job-model';
import type { ITrainingJobDetail } from '../tokens';
import { ModelPanel } from './model-panel';

/** The body of a job's main-area tab; it owns the job's model. */
export class JobPanel extends ModelPanel<TrainingJobModel, JobPanel.IOptions> {
  constructor(options: JobPanel.IOptions) {
    super(options, { className: 'jp-mlstudio-job-panel', refreshOnShow: true });
    this._chartPointBudget = options.chartPointBudget;
  }

  /** Most points drawn per chart. */
  get chartPointBudget(): number {
    return this._chartPointBudget;
  }
  set chartPointBudget(value: number) {
    if (value !== this._chartPointBudget) {
      this._chartPointBudget = value;
      this.update();
    }
  }

  protected render(): JSX.Element {
    return (
      <JobView
        model={this.model}
        trans={this.options.trans}
        chartPointBudget={this._chartPointBudget}
        onOpenRun={this.options.openRun}
        confirmStop={this.options.confirmStop}
        onRegisterModel={this.options.registerModel}
        downloadUrl={this.options.downloadUrl}
      />
    );
  }

  private _chartPointBudget: number;
}

export namespace JobPanel {
  /** Constructor options. */
  export interface IOptions {
    model: TrainingJobModel;
    trans: TranslationBundle;
    chartPointBudget: number;
    /** Open an experiment run (the job's run id becomes a link). */
    openRun?: (runId: string) => void;
    /** Ask before stopping the job. */
    confirmStop?: (name: string) => Promise<boolean>;
    /** Register the job's model (a button once the job has completed). */
    registerModel?: (detail: ITrainingJobDetail) => void;
    /** The URL that downloads the job's model or output through the server. */
    downloadUrl?: (artifact: JobArtifact) => string;
  }
}
