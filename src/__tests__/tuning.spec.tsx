import { nullTranslator } from '@jupyterlab/translation';
import React from 'react';

import { bestTrial, objectiveSeries, trialsAsRuns } from '../chart/tuning';
import { TuningView } from '../components/tuning-view';
import { ITuningApi, TuningJobModel } from '../models/tuning-models';
import type {
  IImportances,
  ITrialRow,
  ITrialTable,
  ITuningJobDetail
} from '../tuning-types';
import { click, render, unmountAll, waitFor } from './dom';

const trans = nullTranslator.load('jupyterlab_mlstudio');

afterEach(unmountAll);

function trial(
  number: number,
  objective: number | null,
  status = 'Completed'
): ITrialRow {
  return {
    number,
    training_job_name: `tune-${String(number).padStart(3, '0')}-0000000${number}`,
    definition_name: null,
    status,
    secondary_status: status,
    objective,
    objective_status: objective === null ? 'Pending' : 'Succeeded',
    hyperparameters: {
      lr: String(number / 10),
      kind: number % 2 ? 'a' : 'b',
      epochs: '3'
    },
    creation_time: 1000 * number,
    start_time: 1000 * number,
    end_time: 1000 * number + 500,
    duration_seconds: 0.5,
    run_id: `run-${number}`,
    reason: status === 'Stopped' ? 'stopped early by the median rule' : null
  };
}

function table(trials: ITrialRow[], type = 'Maximize'): ITrialTable {
  return {
    objective_metric: 'accuracy',
    objective_type: type,
    parameters: [
      {
        name: 'lr',
        kind: 'continuous',
        scale: 'Linear',
        min: 0,
        max: 1,
        values: null
      },
      {
        name: 'kind',
        kind: 'categorical',
        scale: null,
        min: null,
        max: null,
        values: ['a', 'b']
      }
    ],
    trials
  };
}

function detail(
  status: ITuningJobDetail['hyper_parameter_tuning_job_status']
): ITuningJobDetail {
  return {
    hyper_parameter_tuning_job_name: 'tune',
    hyper_parameter_tuning_job_arn:
      'arn:aws:sagemaker:us-east-1:0:hyper-parameter-tuning-job/tune',
    hyper_parameter_tuning_job_status: status,
    training_job_status_counters: {
      completed: 2,
      in_progress: 1,
      retryable_error: 0,
      non_retryable_error: 0,
      stopped: 1
    },
    objective_status_counters: { succeeded: 2, pending: 1, failed: 1 },
    max_trials: 6,
    trials_launched: 4,
    experiment_name: 'tune'
  } as unknown as ITuningJobDetail;
}

describe('objectiveSeries', () => {
  it('draws the best-so-far line upwards when maximizing', () => {
    const series = objectiveSeries(
      [
        trial(1, 0.5),
        trial(2, 0.3),
        trial(3, null, 'InProgress'),
        trial(4, 0.8)
      ],
      true
    );

    expect(series.objective.map(point => [point.step, point.value])).toEqual([
      [1, 0.5],
      [2, 0.3],
      [4, 0.8]
    ]);
    expect(series.bestSoFar.map(point => point.value)).toEqual([0.5, 0.5, 0.8]);
  });

  it('draws it downwards when minimizing', () => {
    const series = objectiveSeries(
      [trial(2, 0.3), trial(1, 0.5), trial(3, 0.4)],
      false
    );

    expect(series.bestSoFar.map(point => point.value)).toEqual([0.5, 0.3, 0.3]);
  });
});

describe('bestTrial and trialsAsRuns', () => {
  it('names the best trial by the objective type', () => {
    const trials = [trial(1, 0.5), trial(2, 0.3)];

    expect(bestTrial(trials, true)?.number).toBe(1);
    expect(bestTrial(trials, false)?.number).toBe(2);
    expect(bestTrial([trial(1, null, 'InProgress')], true)).toBeNull();
  });

  it('keeps only the searched parameters and the objective', () => {
    const [run] = trialsAsRuns(table([trial(1, 0.5)]));

    expect(run.params).toEqual({ lr: '0.1', kind: 'a' });
    expect(run.metrics.map(metric => [metric.key, metric.value])).toEqual([
      ['accuracy', 0.5]
    ]);
    expect(run.run_id).toBe('run-1');
  });
});

class FakeApi implements ITuningApi {
  status: ITuningJobDetail['hyper_parameter_tuning_job_status'] = 'InProgress';
  trials = [
    trial(1, 0.5),
    trial(2, 0.7),
    trial(3, null, 'InProgress'),
    trial(4, 0.1, 'Stopped')
  ];
  stops = 0;
  listJobs = () => Promise.resolve({ tuning_jobs: [] });
  getJob = () => Promise.resolve(detail(this.status));
  stopJob = () => {
    this.stops++;
    this.status = 'Stopping';
    return Promise.resolve(detail(this.status));
  };
  getTrials = () => Promise.resolve(table(this.trials));
  getImportances = (): Promise<IImportances> =>
    Promise.resolve({
      evaluator: 'PedAnovaImportanceEvaluator',
      completed_trials: 4,
      importances: { lr: 0.75, kind: 0.25 }
    });
}

describe('TuningView', () => {
  async function shown(
    api: FakeApi
  ): Promise<{ root: HTMLElement; model: TuningJobModel }> {
    const model = new TuningJobModel({ name: 'tune', api, interval: 60_000 });
    await model.refresh();
    const root = render(
      <TuningView model={model} trans={trans} chartPointBudget={500} />
    );
    return { root, model };
  }

  it('shows progress, the best trial, every trial and the importances', async () => {
    const { root, model } = await shown(new FakeApi());

    expect(
      root.querySelector('.jp-mlstudio-tuning-progress')?.textContent
    ).toBe('2 of 6 trials done, 1 running, 1 stopped early');
    expect(
      root.querySelector('.jp-mlstudio-tuning-best')?.textContent
    ).toContain('accuracy = 0.7');
    const rows = root.querySelectorAll('.jp-mlstudio-trials-table tbody tr');
    expect(
      Array.from(rows).map(row => row.getAttribute('data-status'))
    ).toEqual(['Completed', 'Completed', 'InProgress', 'Stopped']);
    expect(
      rows[3].querySelector('.jp-mlstudio-trial-reason')?.textContent
    ).toBe('stopped early by the median rule');
    expect(
      Array.from(
        root.querySelectorAll('.jp-mlstudio-tuning-importances tr')
      ).map(row => row.getAttribute('data-parameter'))
    ).toEqual(['lr', 'kind']);
    model.dispose();
  });

  it('stops a running job with the Stop button, and offers no Stop once it stops', async () => {
    const api = new FakeApi();
    const { root, model } = await shown(api);
    const stop = root.querySelector<HTMLButtonElement>('.jp-mlstudio-stop')!;

    expect(stop.disabled).toBe(false);
    click(stop);
    await waitFor(
      () => model.detail?.hyper_parameter_tuning_job_status === 'Stopping'
    );

    expect(api.stops).toBe(1);
    expect(model.detail?.hyper_parameter_tuning_job_status).toBe('Stopping');
    const after = root.querySelector<HTMLButtonElement>('.jp-mlstudio-stop')!;
    expect(after.disabled).toBe(true);
    expect(after.textContent).toBe('Stopping…');
    model.dispose();
  });
});
