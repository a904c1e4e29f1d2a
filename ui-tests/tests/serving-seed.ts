/*
 * Serving seeds for the Galata tests: a model trained by a real training job (scikit-learn's
 * digits), registered with CreateModel on the AWS face, and its input as a CSV file in the
 * workspace. The Galata server runs without a token, so the AWS face needs only the shape of
 * a SigV4 Authorization header (its access key names the caller).
 */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { APIRequestContext } from '@playwright/test';

import { API, runJob, workspaceRoot } from './screens/seed';

const AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=ui-tests/20260105/us-east-1/sagemaker/aws4_request, ' +
  'SignedHeaders=host;x-amz-date, Signature=0';

/** One SageMaker action on the server's AWS face; returns its JSON answer. */
export async function aws<T = Record<string, unknown>>(
  request: APIRequestContext,
  action: string,
  body: unknown
): Promise<T> {
  const answer = await request.post('mlstudio/aws/', {
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `SageMaker.${action}`,
      'X-Amz-Date': '20260105T000000Z',
      Authorization: AUTHORIZATION
    },
    data: JSON.stringify(body)
  });
  const text = await answer.text();
  expect(answer.ok(), `${action}: ${text}`).toBe(true);
  return (text ? JSON.parse(text) : {}) as T;
}

/**
 * Train the digits model with a training job named `job` (code in workspace folder
 * `folder`) and register its artifact as the SageMaker model `model`.
 */
export async function trainedModel(
  page: IJupyterLabPageFixture,
  request: APIRequestContext,
  job: string,
  folder: string,
  model: string
): Promise<void> {
  await runJob(page, request, job, folder);
  const detail = await (
    await request.get(`${API}/training-jobs/${job}`)
  ).json();
  await aws(request, 'CreateModel', {
    ModelName: model,
    ExecutionRoleArn: 'arn:aws:iam::000000000000:role/mlstudio',
    PrimaryContainer: {
      Image: 'default',
      ModelDataUrl: detail.model_artifacts.s3_model_artifacts
    }
  });
}

/** `rows` digits-like rows of 64 features as CSV in the workspace; returns its folder URI. */
export async function csvInput(
  page: IJupyterLabPageFixture,
  request: APIRequestContext,
  folder: string,
  rows: number
): Promise<string> {
  const lines = Array.from({ length: rows }, (_, row) =>
    Array.from(
      { length: 64 },
      (_, column) => ((row * 7 + column) % 17) / 16
    ).join(',')
  );
  expect(
    await page.contents.uploadContent(
      `${lines.join('\n')}\n`,
      'text',
      `${folder}/rows.csv`
    )
  ).toBe(true);
  return `file://${await workspaceRoot(request)}/${folder}`;
}
