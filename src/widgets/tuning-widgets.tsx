import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { TuningList } from '../components/tuning-list';
import { TuningView } from '../components/tuning-view';
import type { TuningJobModel, TuningListModel } from '../models/tuning-models';
import { ModelPanel } from './model-panel';
import { ModelSection } from './model-section';

/** The Tuning section of the ML Studio sidebar, under the training jobs. */
export class TuningSection extends ModelSection<TuningListModel> {
  constructor(options: {
    model: TuningListModel;
    trans: TranslationBundle;
    onOpen: (name: string) => void;
  }) {
    const { trans, onOpen } = options;
    super({
      model: options.model,
      id: 'mlstudio-tuning-section',
      label: trans.__('Tuning jobs'),
      className: 'jp-mlstudio-tuning-section',
      render: model => (
        <TuningList model={model} trans={trans} onOpen={onOpen} />
      )
    });
  }
}

/** The body of a tuning job's main-area tab; it owns the job's model. */
export class TuningPanel extends ModelPanel<
  TuningJobModel,
  TuningPanel.IOptions
> {
  constructor(options: TuningPanel.IOptions) {
    super(options, {
      className: 'jp-mlstudio-tuning-panel',
      refreshOnShow: true
    });
  }

  protected render(): JSX.Element {
    const { trans, chartPointBudget, openJob, openRun } = this.options;
    return (
      <TuningView
        model={this.model}
        trans={trans}
        chartPointBudget={chartPointBudget}
        onOpenJob={openJob}
        onOpenRun={openRun}
      />
    );
  }
}

export namespace TuningPanel {
  /** Constructor options. */
  export interface IOptions {
    model: TuningJobModel;
    trans: TranslationBundle;
    chartPointBudget: number;
    openJob?: (name: string) => void;
    openRun?: (runId: string) => void;
  }
}
