import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';
import React from 'react';

import { JobView } from '../components/job-view';
import type { TrainingJobModel } from '../models/training-job-model';

/** The body of a job's main-area tab; it owns the job's model. */
export class JobPanel extends ReactWidget {
  constructor(options: JobPanel.IOptions) {
    super();
    this.model = options.model;
    this._trans = options.trans;
    this._chartPointBudget = options.chartPointBudget;
    this._openRun = options.openRun;
    this.addClass('jp-mlstudio-job-panel');
  }

  /** The job shown. */
  readonly model: TrainingJobModel;

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

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this.model.dispose();
    super.dispose();
  }

  protected render(): JSX.Element {
    return (
      <JobView
        model={this.model}
        trans={this._trans}
        chartPointBudget={this._chartPointBudget}
        onOpenRun={this._openRun}
      />
    );
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    void this.model.refresh();
  }

  private _chartPointBudget: number;
  private _openRun?: (runId: string) => void;
  private _trans: TranslationBundle;
}

export namespace JobPanel {
  /** Constructor options. */
  export interface IOptions {
    model: TrainingJobModel;
    trans: TranslationBundle;
    chartPointBudget: number;
    /** Open an experiment run (the job's run id becomes a link). */
    openRun?: (runId: string) => void;
  }
}
