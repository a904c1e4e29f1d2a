import { nullTranslator } from '@jupyterlab/translation';
import React from 'react';

import { JobsList } from '../components/jobs-list';
import { ProcessingView } from '../components/processing-view';
import { JobKinds } from '../models/job-kinds';
import { JobListModel } from '../models/job-list-model';
import {
  ProcessingJobListModel,
  ProcessingJobModel
} from '../models/processing-job-models';
import type { IProcessingJobDetail } from '../processing-types';
import { afterTest, click, renderLive, unmountAll, waitFor } from './dom';
import { processingDetail, processingSummary } from './processing-fixtures';
import { summary } from './training-fixtures';

const trans = nullTranslator.load('jupyterlab_mlstudio');

afterEach(unmountAll);

describe('JobsList with processing jobs', () => {
  it('lists processing jobs among training jobs with their kind, and opens them in their view', async () => {
    const training = new JobListModel({
      fetchPage: async () => ({
        training_jobs: [summary('digits', 1, 'Completed')],
        next_token: null
      }),
      interval: 60_000,
      standby: 'never'
    });
    const processing = new ProcessingJobListModel({
      fetchPage: async () => ({
        processing_jobs: [processingSummary('prep', 2, 'InProgress')],
        next_token: null
      }),
      interval: 60_000,
      standby: 'never'
    });
    const opened: string[] = [];
    const kinds = new JobKinds();
    kinds.add({
      id: 'training',
      label: 'Training',
      list: training,
      open: () => undefined
    });
    kinds.add({
      id: 'processing',
      label: 'Processing',
      list: processing,
      open: name => opened.push(name)
    });
    afterTest(() => {
      training.dispose();
      processing.dispose();
      kinds.dispose();
    });
    const node = renderLive(
      () => <JobsList model={kinds} trans={trans} onNew={() => undefined} />,
      kinds.changed
    );
    void kinds.refresh();
    await waitFor(
      () => node.querySelectorAll('.jp-mlstudio-job-row').length === 2
    );

    const row = node.querySelector<HTMLElement>(
      '.jp-mlstudio-job-row[data-job-kind="processing"]'
    )!;
    expect(row.dataset.jobName).toBe('prep');
    expect(row.dataset.status).toBe('InProgress');
    expect(row.querySelector('.jp-mlstudio-job-kind')?.textContent).toBe(
      'Processing'
    );
    click(row);
    expect(opened).toEqual(['prep']);
  });
});

function viewOf(job: IProcessingJobDetail, confirm = true) {
  const api = {
    job,
    stops: 0,
    getJob: async () => api.job,
    stopJob: async () => {
      api.stops++;
      api.job = { ...api.job, processing_job_status: 'Stopping' as const };
      return api.job;
    },
    getLogs: async (_: string, host: string) => ({
      host,
      stream: 's',
      lines: [{ seq: 0, timestamp: 0, message: `hello from ${host}` }],
      total: 1
    })
  };
  const model = new ProcessingJobModel({
    name: job.processing_job_name,
    api,
    interval: 60_000,
    standby: () => false
  });
  const asked: string[] = [];
  const node = renderLive(
    () => (
      <ProcessingView
        model={model}
        trans={trans}
        confirmStop={async name => {
          asked.push(name);
          return confirm;
        }}
      />
    ),
    model.changed
  );
  afterTest(() => model.dispose());
  void model.refresh();
  return { node, api, asked, model };
}

describe('ProcessingView', () => {
  it('shows the container, instances, times, and inputs and outputs with local paths and S3 URIs', async () => {
    const { node } = viewOf(
      processingDetail('prep', 'Completed', {
        exit_message: 'prepared 120 rows'
      })
    );
    await waitFor(() => node.querySelector('[data-fact="image"]') !== null);

    const fact = (name: string): string =>
      node.querySelector(`[data-fact="${name}"]`)?.textContent ?? '';
    expect(fact('image')).toBe('python');
    expect(fact('entrypoint')).toBe(
      'python3 /opt/ml/processing/input/code/prepare.py'
    );
    expect(fact('arguments')).toBe('--split 0.2 --note "two words"');
    expect(fact('instances')).toBe('2 × ml.m5.large');
    expect(fact('max-runtime')).not.toBe('—');
    expect(fact('environment')).toBe('SEED=7');
    expect(fact('started')).not.toBe('—');
    expect(fact('ended')).not.toBe('—');
    expect(fact('run-time')).toBe('1m 30s');

    const channel = (kind: string, name: string, field: string): string =>
      node.querySelector(
        `[data-channels="${kind}"] [data-channel="${name}"] [data-field="${field}"]`
      )?.textContent ?? '';
    expect(channel('input', 'raw', 'local-path')).toBe(
      '/opt/ml/processing/input/raw'
    );
    expect(channel('input', 'raw', 's3-uri')).toBe('s3://data/raw');
    expect(channel('input', 'code', 's3-uri')).toBe(
      's3://data/code/prepare.py'
    );
    expect(channel('output', 'train', 'local-path')).toBe(
      '/opt/ml/processing/output/train'
    );
    expect(channel('output', 'train', 's3-uri')).toBe(
      's3://data/prepared/train'
    );
    expect(channel('output', 'train', 'mode')).toBe('EndOfJob');

    // The exit message shows; a finished job has no Stop button and says Completed once
    expect(
      node.querySelector('.jp-mlstudio-processing-exit-message')?.textContent
    ).toBe('prepared 120 rows');
    expect(node.querySelector('.jp-mlstudio-failure')).toBeNull();
    expect(node.querySelector('.jp-mlstudio-stop')).toBeNull();
    expect(
      node
        .querySelector('.jp-mlstudio-job-header')
        ?.textContent?.match(/Completed/g)
    ).toHaveLength(1);
  });

  it("shows each host's log, and the other host's when it is chosen", async () => {
    const { node, model } = viewOf(processingDetail('prep', 'Completed'));
    await waitFor(() => (node.textContent ?? '').includes('hello from algo-1'));
    model.selectedHost = 'algo-2';
    await waitFor(() => (node.textContent ?? '').includes('hello from algo-2'));
  });

  it('shows why a job failed and what it said on exit', async () => {
    const { node } = viewOf(
      processingDetail('bad', 'Failed', {
        failure_reason: 'AlgorithmError: process.py exited with code 2',
        exit_message: 'no rows under /opt/ml/processing/input/raw'
      })
    );
    await waitFor(
      () => node.querySelector('.jp-mlstudio-failure-reason') !== null
    );
    expect(
      node.querySelector('.jp-mlstudio-failure-reason')?.textContent
    ).toContain('exited with code 2');
    expect(
      node.querySelector('.jp-mlstudio-processing-exit-message')?.textContent
    ).toContain('no rows');
  });

  it('says when a job has no outputs', async () => {
    const { node } = viewOf(
      processingDetail('bare', 'Completed', { processing_output_config: null })
    );
    await waitFor(
      () => node.querySelector('[data-channels="output"]') !== null
    );
    expect(
      node.querySelector('[data-channels="output"]')?.textContent
    ).toContain('No outputs');
    expect(node.querySelector('[data-channels="output"] table')).toBeNull();
  });

  it('asks before stopping, and stops only when the user agrees', async () => {
    const refused = viewOf(processingDetail('keep'), false);
    await waitFor(
      () => refused.node.querySelector('.jp-mlstudio-stop') !== null
    );
    click(refused.node.querySelector('.jp-mlstudio-stop')!);
    await waitFor(() => refused.asked.length === 1);
    expect(refused.asked).toEqual(['keep']);
    expect(refused.api.stops).toBe(0);

    const agreed = viewOf(processingDetail('stop-me'));
    await waitFor(
      () => agreed.node.querySelector('.jp-mlstudio-stop') !== null
    );
    click(agreed.node.querySelector('.jp-mlstudio-stop')!);
    await waitFor(() => agreed.api.stops === 1);
    await waitFor(
      () =>
        agreed.node.querySelector('.jp-mlstudio-stop')?.textContent ===
        'Stopping…'
    );
  });
});
