import { nullTranslator } from '@jupyterlab/translation';
import React from 'react';

import { JobsList } from '../components/jobs-list';
import { TransformView } from '../components/transform-view';
import { JobKinds } from '../models/job-kinds';
import { JobListModel } from '../models/job-list-model';
import {
  TransformJobListModel,
  TransformJobModel
} from '../models/transform-job-models';
import type { ITransformJobDetail } from '../transform-types';
import { afterTest, click, renderLive, unmountAll, waitFor } from './dom';
import { summary } from './training-fixtures';
import { transformDetail, transformSummary } from './transform-fixtures';

const trans = nullTranslator.load('jupyterlab_mlstudio');

afterEach(unmountAll);

function jobKinds(): JobKinds {
  const training = new JobListModel({
    fetchPage: async () => ({
      training_jobs: [summary('digits', 1, 'Completed')],
      next_token: null
    }),
    interval: 60_000,
    standby: 'never'
  });
  const transform = new TransformJobListModel({
    fetchPage: async () => ({
      transform_jobs: [transformSummary('batch', 2, 'InProgress')],
      next_token: null
    }),
    interval: 60_000,
    standby: 'never'
  });
  const kinds = new JobKinds();
  kinds.add({
    id: 'training',
    label: 'Training',
    list: training,
    open: () => undefined
  });
  kinds.add({
    id: 'transform',
    label: 'Transform',
    list: transform,
    open: () => undefined
  });
  afterTest(() => {
    training.dispose();
    transform.dispose();
    kinds.dispose();
  });
  return kinds;
}

describe('JobsList', () => {
  it('shows each job once with its kind, and a finished job says Completed once', async () => {
    const kinds = jobKinds();
    const node = renderLive(
      () => <JobsList model={kinds} trans={trans} onNew={() => undefined} />,
      kinds.changed
    );
    void kinds.refresh();
    await waitFor(
      () => node.querySelectorAll('.jp-mlstudio-job-row').length === 2
    );

    const rows = [
      ...node.querySelectorAll<HTMLElement>('.jp-mlstudio-job-row')
    ];
    expect(rows.map(row => [row.dataset.jobName, row.dataset.jobKind])).toEqual(
      [
        ['batch', 'transform'],
        ['digits', 'training']
      ]
    );
    expect(rows[0].querySelector('.jp-mlstudio-job-kind')?.textContent).toBe(
      'Transform'
    );
    const finished = rows[1].textContent ?? '';
    expect(finished.match(/Completed/g)).toHaveLength(1);
  });
});

function viewOf(job: ITransformJobDetail, confirm = true) {
  const api = {
    job,
    stops: 0,
    getJob: async () => api.job,
    stopJob: async () => {
      api.stops++;
      api.job = { ...api.job, transform_job_status: 'Stopping' as const };
      return api.job;
    },
    getLogs: async (_: string, host: string) => ({
      host,
      stream: 's',
      lines: [{ seq: 0, timestamp: 0, message: 'serving on port 8080' }],
      total: 1
    })
  };
  const model = new TransformJobModel({
    name: job.transform_job_name,
    api,
    interval: 60_000,
    standby: () => false
  });
  const asked: string[] = [];
  const opened: string[] = [];
  const node = renderLive(
    () => (
      <TransformView
        model={model}
        trans={trans}
        confirmStop={async name => {
          asked.push(name);
          return confirm;
        }}
        endpointsServing={async name => (name === 'lr' ? ['lr-endpoint'] : [])}
        onOpenEndpoint={name => opened.push(name)}
      />
    ),
    model.changed
  );
  afterTest(() => model.dispose());
  void model.refresh();
  return { node, api, asked, opened, model };
}

describe('TransformView', () => {
  it('shows the job: timeline, model, input and output, strategy, instances, endpoints', async () => {
    const { node, opened } = viewOf(transformDetail('batch', 'Completed'));
    await waitFor(
      () => node.querySelector('[data-fact="endpoints"] button') !== null
    );

    const fact = (name: string): string =>
      node.querySelector(`[data-fact="${name}"]`)?.textContent ?? '';
    expect(fact('model')).toBe('lr');
    expect(fact('model-artifact')).toBe('s3://models/lr/model.tar.gz');
    expect(fact('input')).toBe('s3://data/in');
    expect(fact('output')).toBe('s3://data/out');
    expect(fact('strategy')).toBe('Split Line, MultiRecord');
    expect(fact('instances')).toBe('2 × ml.m5.large');
    expect(fact('progress')).toBe('1/4 objects, 120 records');
    const steps = [
      ...node.querySelectorAll<HTMLElement>('.jp-mlstudio-timeline-step')
    ];
    expect(steps.map(step => step.dataset.status)).toEqual([
      'InProgress',
      'Completed'
    ]);
    // A finished job has no Stop button, and its status shows once
    expect(node.querySelector('.jp-mlstudio-stop')).toBeNull();
    expect(
      node
        .querySelector('.jp-mlstudio-job-header')
        ?.textContent?.match(/Completed/g)
    ).toHaveLength(1);

    click(node.querySelector('[data-fact="endpoints"] button')!);
    expect(opened).toEqual(['lr-endpoint']);
  });

  it('shows why a job failed', async () => {
    const { node } = viewOf(
      transformDetail('bad', 'Failed', {
        failure_reason: 'ClientError: no input under s3://data/in'
      })
    );
    await waitFor(
      () => node.querySelector('.jp-mlstudio-failure-reason') !== null
    );
    expect(
      node.querySelector('.jp-mlstudio-failure-reason')?.textContent
    ).toContain('no input');
  });

  it('asks before stopping, and stops only when the user agrees', async () => {
    const refused = viewOf(transformDetail('keep'), false);
    await waitFor(
      () => refused.node.querySelector('.jp-mlstudio-stop') !== null
    );
    click(refused.node.querySelector('.jp-mlstudio-stop')!);
    await waitFor(() => refused.asked.length === 1);
    expect(refused.api.stops).toBe(0);

    const agreed = viewOf(transformDetail('stop-me'));
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
