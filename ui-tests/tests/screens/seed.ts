/*
 * The data the screenshots show: the same on every run. Runs are logged through the MLflow
 * face with fixed start times and values; one real training job (scikit-learn's digits,
 * fixed seeds) gives the job and run views their curves, log and model.
 */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { APIRequestContext } from '@playwright/test';

export const API = 'mlstudio/api/v1';
const MLFLOW = 'mlstudio/mlflow/api/2.0/mlflow';

/** The page's clock during the screenshots: two hours after the seeded runs started. */
export const BASE_TIME = Date.UTC(2026, 0, 5, 10, 0, 0);
export const PAGE_TIME = BASE_TIME + 2 * 3600_000;

/** The experiment of the seeded runs. */
export const EXPERIMENT = 'digits-sweep';

/** The training job of the job, run and registry views. */
export const JOB = 'digits-sgd-1';

/** Deterministic: scikit-learn's digits, a fixed split and fixed seeds. */
export const TRAIN_SCRIPT = `
import os, pickle
import numpy as np
from sklearn.datasets import load_digits
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split

x, y = load_digits(return_X_y=True)
x = x / 16.0
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.25, random_state=0)
model = SGDClassifier(loss="log_loss", alpha=1e-4, random_state=0)
classes = np.unique(y)
for epoch in range(1, 16):
    model.partial_fit(x_train, y_train, classes=classes)
    loss = log_loss(y_test, model.predict_proba(x_test), labels=classes)
    print(f"epoch={epoch} loss={loss:.4f} accuracy={model.score(x_test, y_test):.4f}", flush=True)
print(f"final_acc={model.score(x_test, y_test):.4f}", flush=True)
with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.pkl"), "wb") as out:
    pickle.dump(model, out)
report = os.path.join(os.environ.get("SM_OUTPUT_DATA_DIR", "/opt/ml/output/data"), "report.txt")
os.makedirs(os.path.dirname(report), exist_ok=True)
with open(report, "w") as out:
    out.write("digits: SGD, 15 epochs\\n")
`;

interface ISeededRun {
  name: string;
  params: Record<string, string>;
  /** The accuracy the curve rises to. */
  accuracy: number;
}

/** Four runs of a sweep: different learning rates and penalties. */
export const SEEDED_RUNS: ISeededRun[] = [
  {
    name: 'sgd-lr-0.1',
    params: { lr: '0.1', penalty: 'l2', epochs: '20' },
    accuracy: 0.81
  },
  {
    name: 'sgd-lr-0.03',
    params: { lr: '0.03', penalty: 'l2', epochs: '20' },
    accuracy: 0.9
  },
  {
    name: 'sgd-lr-0.01',
    params: { lr: '0.01', penalty: 'l1', epochs: '20' },
    accuracy: 0.94
  },
  {
    name: 'sgd-lr-0.003',
    params: { lr: '0.003', penalty: 'l1', epochs: '20' },
    accuracy: 0.87
  }
];

export async function mlflow<T>(
  request: APIRequestContext,
  path: string,
  data: unknown
): Promise<T> {
  const answer = await request.post(`${MLFLOW}/${path}`, { data });
  expect(answer.ok(), `${path}: ${await answer.text()}`).toBe(true);
  return (await answer.json()) as T;
}

/**
 * Log the sweep's runs: 20 steps of `loss` and `accuracy`, `final_acc` once, params, fixed
 * times (ten minutes apart, each 6 minutes long). Returns the experiment id and run ids.
 */
export async function seedExperiment(
  request: APIRequestContext,
  name: string = EXPERIMENT
): Promise<{ experimentId: string; runIds: string[] }> {
  const { experiment_id: experimentId } = await mlflow<{
    experiment_id: string;
  }>(request, 'experiments/create', { name });
  const runIds: string[] = [];
  for (const [index, seeded] of SEEDED_RUNS.entries()) {
    const start = BASE_TIME + index * 600_000;
    const { run } = await mlflow<{ run: { info: { run_id: string } } }>(
      request,
      'runs/create',
      {
        experiment_id: experimentId,
        run_name: seeded.name,
        start_time: start,
        tags: [{ key: 'team', value: 'vision' }]
      }
    );
    const runId = run.info.run_id;
    const metrics = [];
    for (let step = 0; step < 20; step++) {
      const progress = 1 - Math.exp(-(step + 1) / (3 + index));
      const timestamp = start + (step + 1) * 15_000;
      metrics.push(
        {
          key: 'accuracy',
          value: +(seeded.accuracy * progress).toFixed(4),
          step,
          timestamp
        },
        {
          key: 'loss',
          value: +(2.3 * (1 - progress) + 0.12 * (index + 1)).toFixed(4),
          step,
          timestamp
        }
      );
    }
    metrics.push({
      key: 'final_acc',
      value: seeded.accuracy,
      step: 0,
      timestamp: start + 330_000
    });
    await mlflow(request, 'runs/log-batch', {
      run_id: runId,
      metrics,
      params: Object.entries(seeded.params).map(([key, value]) => ({
        key,
        value
      }))
    });
    await mlflow(request, 'runs/update', {
      run_id: runId,
      status: 'FINISHED',
      end_time: start + 360_000
    });
    runIds.push(runId);
  }
  return { experimentId, runIds };
}

/** The server's workspace root (where the page's files live). */
export async function workspaceRoot(
  request: APIRequestContext
): Promise<string> {
  const answer = await request.get(`${API}/status`);
  expect(answer.ok()).toBe(true);
  return (await answer.json()).workspace_root;
}

/** Run the training job (`name`, code in the workspace folder `folder`) to completion;
 * returns its run id. */
export async function runJob(
  page: IJupyterLabPageFixture,
  request: APIRequestContext,
  name: string = JOB,
  folder: string = 'screens'
): Promise<string> {
  const root = await workspaceRoot(request);
  expect(
    await page.contents.uploadContent(
      TRAIN_SCRIPT,
      'text',
      `${folder}/train.py`
    )
  ).toBe(true);
  const created = await request.post(`${API}/training-jobs`, {
    data: {
      training_job_name: name,
      algorithm_specification: {
        training_image: 'default',
        metric_definitions: [
          { name: 'loss', regex: 'loss=([0-9.]+)' },
          { name: 'accuracy', regex: ' accuracy=([0-9.]+)' },
          { name: 'final_acc', regex: 'final_acc=([0-9.]+)' }
        ]
      },
      hyper_parameters: {
        epochs: '15',
        alpha: '0.0001',
        sagemaker_program: 'train.py',
        sagemaker_submit_directory: `file://${root}/${folder}`
      },
      resource_config: {
        instance_type: 'ml.m5.large',
        instance_count: 1,
        volume_size_in_gb: 30
      },
      stopping_condition: { max_runtime_in_seconds: 600 }
    }
  });
  expect(created.status(), await created.text()).toBe(201);
  let detail: {
    training_job_status: string;
    run_id?: string;
    failure_reason?: string;
  } = {
    training_job_status: 'InProgress'
  };
  await expect
    .poll(
      async () => {
        const answer = await request.get(`${API}/training-jobs/${name}`);
        detail = await answer.json();
        return detail.training_job_status;
      },
      { timeout: 120_000, intervals: [500] }
    )
    .toMatch(/Completed|Failed|Stopped/);
  expect(detail.training_job_status, detail.failure_reason).toBe('Completed');
  return detail.run_id!;
}
