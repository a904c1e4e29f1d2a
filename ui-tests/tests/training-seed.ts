/*
 * What the training-job specs share: a short training script written into the test's folder,
 * jobs created from it through the REST API, the page they run on, and the way to a job's view.
 */
import { expect, galata, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { APIRequestContext, Locator } from '@playwright/test';

import { API, workspaceRoot } from './screens/seed';

export const SIDEBAR_ID = 'mlstudio-sidebar';

/**
 * The training script of these tests: it prints `epoch=N loss=X` lines (X = 1/N), writes a
 * model file where SageMaker's contract says, and ends. `--fail` makes it fail instead,
 * `--lines` prints that many extra numbered lines first.
 */
const TRAIN_SCRIPT = `
import argparse
import os
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=5)
parser.add_argument("--sleep", type=float, default=0.05)
parser.add_argument("--lines", type=int, default=0)
parser.add_argument("--fail", default="")
args, _ = parser.parse_known_args()

out = sys.stdout
for number in range(args.lines):
    out.write(f"line {number} loss={1.0 / (number + 1):.6f}\\n")
out.flush()
for epoch in range(1, args.epochs + 1):
    print(f"epoch={epoch} loss={1.0 / epoch:.4f}", flush=True)
    time.sleep(args.sleep)
if args.fail:
    raise RuntimeError(args.fail)
with open(os.path.join(os.environ["SM_MODEL_DIR"], "model.txt"), "w") as model:
    model.write("trained")
print("done", flush=True)
`;

/** No background refresh: what the page shows must come from the server's events. */
export const TRAINING_PAGE = {
  mockSettings: {
    ...galata.DEFAULT_SETTINGS,
    'jupyterlab-mlstudio:sidebar': { refreshInterval: 3600 }
  },
  viewport: { width: 1400, height: 900 }
};

/** A job name no other test or run uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}
/** Put the training script into the test's folder; returns its path below the root. */
export async function writeScript(
  page: IJupyterLabPageFixture,
  tmpPath: string
): Promise<string> {
  const path = `${tmpPath}/train.py`;
  expect(await page.contents.uploadContent(TRAIN_SCRIPT, 'text', path)).toBe(
    true
  );
  return path;
}

/** Create a job through the REST API (for the tests that are not about the form). */
async function createJob(
  request: APIRequestContext,
  options: {
    name: string;
    root: string;
    script: string;
    hyperParameters: Record<string, string>;
  }
): Promise<void> {
  const folder = options.script.split('/').slice(0, -1).join('/');
  const answer = await request.post(`${API}/training-jobs`, {
    data: {
      training_job_name: options.name,
      algorithm_specification: {
        training_image: 'default',
        metric_definitions: [{ name: 'loss', regex: 'loss=([0-9.]+)' }]
      },
      hyper_parameters: {
        ...options.hyperParameters,
        sagemaker_program: 'train.py',
        sagemaker_submit_directory: `file://${options.root}/${folder}`
      },
      output_data_config: {
        s3_output_path: `file://${options.root}/${folder}/out`
      },
      resource_config: {
        instance_type: 'local',
        instance_count: 1,
        volume_size_in_gb: 30
      },
      stopping_condition: { max_runtime_in_seconds: 600 }
    }
  });
  expect(answer.status(), await answer.text()).toBe(201);
}

/**
 * Write the training script into the test's folder and create, through the REST API, a job
 * that runs it with these hyperparameters, under a new name starting with `prefix`.
 */
export async function createScriptJob(
  page: IJupyterLabPageFixture,
  request: APIRequestContext,
  tmpPath: string,
  prefix: string,
  hyperParameters: Record<string, string>
): Promise<{ name: string; root: string; script: string }> {
  const root = await workspaceRoot(request);
  const script = await writeScript(page, tmpPath);
  const name = uniqueName(prefix);
  await createJob(request, { name, root, script, hyperParameters });
  return { name, root, script };
}
/** Open the ML Studio sidebar; returns it. */
export async function openSidebar(page: IJupyterLabPageFixture): Promise<Locator> {
  await page.sidebar.getTabLocator(SIDEBAR_ID).click();
  const sidebar = page.locator(`#${SIDEBAR_ID}`);
  await expect(sidebar).toBeVisible();
  return sidebar;
}

/** Open a job's view from its row in the Jobs section. */
export async function openJobFromSidebar(
  page: IJupyterLabPageFixture,
  name: string
): Promise<Locator> {
  const sidebar = await openSidebar(page);
  await sidebar
    .locator(`.jp-mlstudio-job-row[data-job-name="${name}"]`)
    .click();
  const view = page.locator(`.jp-mlstudio-job-view[data-job-name="${name}"]`);
  await expect(view).toBeVisible();
  return view;
}
