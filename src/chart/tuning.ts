/*
 * What the tuning view draws: the objective of each trial with the best value so far, and
 * the trials as runs for the parallel-coordinates chart.
 */

import type { ISeriesPoint } from '../models/metric-series';
import type { IRun } from '../experiment-types';
import type { ITrialRow, ITrialTable } from '../tuning-types';

/** The objective by trial number, and the best value reached by each trial number. */
export interface IObjectiveSeries {
  objective: ISeriesPoint[];
  bestSoFar: ISeriesPoint[];
}

function scored(trials: readonly ITrialRow[]): ITrialRow[] {
  return trials
    .filter(
      trial =>
        typeof trial.objective === 'number' && Number.isFinite(trial.objective)
    )
    .sort((a, b) => a.number - b.number);
}

/**
 * The trials' objective values by number, and the best-so-far line over them: the highest
 * value up to each trial when maximizing, the lowest when minimizing.
 */
export function objectiveSeries(
  trials: readonly ITrialRow[],
  maximize: boolean
): IObjectiveSeries {
  const objective: ISeriesPoint[] = [];
  const bestSoFar: ISeriesPoint[] = [];
  let best: number | null = null;
  for (const trial of scored(trials)) {
    const value = trial.objective as number;
    const timestamp = trial.end_time ?? trial.creation_time;
    if (best === null || (maximize ? value > best : value < best)) {
      best = value;
    }
    objective.push({ step: trial.number, timestamp, value });
    bestSoFar.push({ step: trial.number, timestamp, value: best });
  }
  return { objective, bestSoFar };
}

/** The best trial by objective, or null while none has one. */
export function bestTrial(
  trials: readonly ITrialRow[],
  maximize: boolean
): ITrialRow | null {
  let best: ITrialRow | null = null;
  for (const trial of scored(trials)) {
    if (
      best === null ||
      (maximize
        ? (trial.objective as number) > (best.objective as number)
        : (trial.objective as number) < (best.objective as number))
    ) {
      best = trial;
    }
  }
  return best;
}

const RUN_STATUS: Record<string, IRun['status']> = {
  Completed: 'FINISHED',
  Failed: 'FAILED',
  Stopped: 'KILLED'
};

/**
 * The trials as runs with the searched parameters as params and the objective as the one
 * metric, so the experiments' parallel-coordinates chart can draw them.
 */
export function trialsAsRuns(table: ITrialTable): IRun[] {
  const searched = new Set(table.parameters.map(parameter => parameter.name));
  return table.trials.map(trial => {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(trial.hyperparameters)) {
      if (searched.has(key)) {
        params[key] = value;
      }
    }
    const timestamp = trial.end_time ?? trial.creation_time;
    const objective = trial.objective;
    return {
      run_id: trial.run_id ?? trial.training_job_name,
      experiment_id: '',
      name: trial.training_job_name,
      user_id: '',
      status: RUN_STATUS[trial.status] ?? 'RUNNING',
      start_time: trial.start_time ?? trial.creation_time,
      end_time: trial.end_time ?? null,
      lifecycle_stage: 'active',
      artifact_uri: '',
      source_job: trial.training_job_name,
      params,
      tags: {},
      metrics:
        typeof objective === 'number'
          ? [
              {
                key: table.objective_metric,
                value: objective,
                step: 0,
                timestamp,
                min: objective,
                max: objective,
                count: 1
              }
            ]
          : [],
      inputs: [],
      outputs: []
    };
  });
}
