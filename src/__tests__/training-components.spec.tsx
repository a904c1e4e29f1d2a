import { nullTranslator } from '@jupyterlab/translation';
import React, { act } from 'react';

import { completions, IJobFormProps, JobForm } from '../components/job-form';
import { JobStatusBadge } from '../components/job-status-badge';
import { rowWindow, VirtualList } from '../components/virtual-list';
import { MLStudioRequestError } from '../request';
import type { ICreateTrainingJobRequest } from '../tokens';
import { click, render, type, unmountAll } from './dom';
import { CATALOGUE, STATUS } from './fixtures';
import { detail } from './training-fixtures';

const trans = nullTranslator.load('jupyterlab_mlstudio');

afterEach(unmountAll);

describe('rowWindow', () => {
  it('renders the rows in view plus the overscan', () => {
    const view = rowWindow(18 * 1000, 360, 100_000, 18, 10);

    expect(view.first).toBe(990);
    expect(view.last).toBe(1030);
    expect(view.contentHeight).toBe(1_800_000);
    expect(view.top(1000)).toBe(18_000);
  });

  it('stays within the rows at both ends', () => {
    expect(rowWindow(0, 360, 5, 18, 10)).toMatchObject({ first: 0, last: 5 });
    const end = rowWindow(1e9, 360, 100, 18, 10);
    expect(end.last).toBe(100);
  });

  it('maps a too tall list onto the largest height a browser allows', () => {
    const rows = 2_000_000;
    const viewport = 360;
    const bottom = rowWindow(1e12, viewport, rows, 18, 0);

    expect(bottom.contentHeight).toBeLessThan(rows * 18);
    expect(bottom.last).toBe(rows);
    // The last row ends at the bottom of the viewport.
    const scrollTop = bottom.contentHeight - viewport;
    expect(bottom.top(rows - 1) + 18).toBeCloseTo(scrollTop + viewport, 5);
    expect(rowWindow(0, viewport, rows, 18, 0).first).toBe(0);
  });
});

describe('VirtualList', () => {
  it('renders a window of rows, not all of them', () => {
    const root = render(
      <VirtualList
        count={100_000}
        rowHeight={18}
        overscan={20}
        renderRow={index => <span className="row">{index}</span>}
      />
    );

    const rows = root.querySelectorAll('.row');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(40);
    expect(
      (root.querySelector('.jp-mlstudio-virtual-content') as HTMLElement).style
        .height
    ).toBe('1800000px');
  });
});

describe('JobStatusBadge', () => {
  it('colours each status', () => {
    const root = render(<JobStatusBadge status="InProgress" trans={trans} />);
    const badge = root.querySelector('.jp-mlstudio-job-status')!;

    expect(badge.textContent).toBe('In progress');
    expect(badge.classList).toContain('jp-mlstudio-job-status-inprogress');
  });
});

describe('completions', () => {
  it('offers scripts first, then folders, without hidden ones', () => {
    expect(
      completions([
        { path: 'mnist', type: 'directory' },
        { path: '.git', type: 'directory' },
        { path: 'train.py', type: 'file' },
        { path: 'notes.md', type: 'file' },
        { path: 'run.sh', type: 'file' }
      ])
    ).toEqual(['run.sh', 'train.py', 'mnist/']);
  });
});

describe('JobForm', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  function form(overrides: Partial<IJobFormProps> = {}): {
    root: HTMLElement;
    props: IJobFormProps;
  } {
    const props: IJobFormProps = {
      trans,
      status: STATUS,
      instanceTypes: CATALOGUE,
      listDirectory: jest.fn(async () => []),
      previewMetrics: jest.fn(async () => ({ previews: [] })),
      submit: jest.fn(async (request: ICreateTrainingJobRequest) =>
        detail(request.training_job_name)
      ),
      onCreated: jest.fn(),
      onCancel: jest.fn(),
      debounce: 300,
      ...overrides
    };
    return { root: render(<JobForm {...props} />), props };
  }

  function input(root: HTMLElement, field: string): HTMLInputElement {
    return root.querySelector(
      `[data-field="${field}"] input`
    ) as HTMLInputElement;
  }

  function errorOf(root: HTMLElement, field: string): string | null {
    return (
      root.querySelector(`[data-field="${field}"] .jp-mlstudio-field-error`)
        ?.textContent ?? null
    );
  }

  async function submit(root: HTMLElement): Promise<void> {
    await act(async () => {
      (root.querySelector('.jp-mlstudio-submit') as HTMLButtonElement).click();
    });
  }

  it('opens with a valid name, the default instance type and the default image as a hint', () => {
    const { root } = form();

    expect(input(root, 'name').value).toMatch(/^training-job-\d{8}-\d{6}$/);
    expect(
      (
        root.querySelector(
          '[data-field="instanceType"] select'
        ) as HTMLSelectElement
      ).value
    ).toBe('local');
    expect(input(root, 'image').placeholder).toBe('default');
    const gpu = root.querySelector(
      'option[value="ml.g5.xlarge"]'
    ) as HTMLOptionElement;
    expect(gpu.disabled).toBe(true);
    expect(gpu.textContent).toContain('needs 1 GPU');
  });

  it('names the job after the entry script until the user names it', () => {
    const { root } = form();

    type(input(root, 'entryScript'), 'mnist/train_cnn.py');
    expect(input(root, 'name').value).toMatch(/^train-cnn-\d{8}-\d{6}$/);

    type(input(root, 'name'), 'my-job');
    type(input(root, 'entryScript'), 'mnist/other.py');
    expect(input(root, 'name').value).toBe('my-job');
  });

  it('shows what is wrong and sends nothing', async () => {
    const { root, props } = form();
    type(input(root, 'name'), 'bad_name');

    await submit(root);

    expect(errorOf(root, 'name')).toMatch(/hyphens/);
    expect(errorOf(root, 'entryScript')).toMatch(/Choose the script/);
    expect(errorOf(root, 'outputPath')).toBeNull();
    expect(props.submit).not.toHaveBeenCalled();
  });

  it('sends the job and hands over the created one', async () => {
    const { root, props } = form();
    type(input(root, 'name'), 'mnist-1');
    type(input(root, 'entryScript'), 'mnist/train.py');
    type(input(root, 'outputPath'), 'file:///home/jovyan/work/out');

    await submit(root);

    expect(props.submit).toHaveBeenCalledTimes(1);
    const request = (props.submit as jest.Mock).mock
      .calls[0][0] as ICreateTrainingJobRequest;
    expect(request.training_job_name).toBe('mnist-1');
    expect(request.hyper_parameters).toEqual({
      sagemaker_program: 'train.py',
      sagemaker_submit_directory: 'file:///home/jovyan/work/mnist'
    });
    expect(props.onCreated).toHaveBeenCalledWith(
      expect.objectContaining({ training_job_name: 'mnist-1' })
    );
  });

  it("shows the server's message next to the field it names, until that field changes", async () => {
    const { root } = form({
      submit: jest.fn(async () => {
        throw new MLStudioRequestError({
          error: 'LimitExceeded',
          message: '20 x local exceeds what this host can ever run',
          field: 'ResourceConfig.InstanceCount',
          status: 409
        });
      })
    });
    type(input(root, 'entryScript'), 'train.py');
    type(input(root, 'outputPath'), 's3://bucket/out');

    await submit(root);
    expect(errorOf(root, 'instanceCount')).toBe(
      '20 x local exceeds what this host can ever run. Change what it names and submit again.'
    );
    expect(errorOf(root, 'name')).toBeNull();

    type(input(root, 'instanceCount'), '2');
    expect(errorOf(root, 'instanceCount')).toBeNull();
  });

  it('puts a name conflict on the name', async () => {
    const { root } = form({
      submit: jest.fn(async () => {
        throw new MLStudioRequestError({
          error: 'Conflict',
          message: 'a training job with this name already exists',
          status: 409
        });
      })
    });
    type(input(root, 'entryScript'), 'train.py');
    type(input(root, 'outputPath'), 's3://bucket/out');

    await submit(root);

    // The server's sentence, then what to do next.
    expect(errorOf(root, 'name')).toBe(
      'a training job with this name already exists. Choose another name, or open the one that exists.'
    );
  });

  it('previews each metric definition on the sample, once typing has paused', async () => {
    const previewMetrics = jest.fn(async () => ({
      previews: [
        {
          name: 'loss',
          error: null,
          matches: [
            { line: 0, value: 0.5, text: '0.5' },
            { line: 1, value: 0.25, text: '0.25' }
          ]
        },
        {
          name: 'acc',
          error: 'missing ), unterminated subpattern at position 0',
          matches: []
        }
      ]
    }));
    const { root } = form({ previewMetrics });
    click(
      root.querySelector(
        '[data-field="metricDefinitions"] .jp-mlstudio-add-row'
      )!
    );
    click(
      root.querySelector(
        '[data-field="metricDefinitions"] .jp-mlstudio-add-row'
      )!
    );
    const cells = root.querySelectorAll<HTMLInputElement>(
      '[data-field="metricDefinitions"] input'
    );
    type(cells[0], 'loss');
    type(cells[1], 'loss=([0-9.]+)');
    type(cells[2], 'acc');
    type(cells[3], '(');
    type(
      root.querySelector('textarea')!,
      'epoch=1 loss=0.5\nepoch=2 loss=0.25'
    );

    expect(previewMetrics).not.toHaveBeenCalled();
    await act(async () => {
      jest.advanceTimersByTime(300);
    });

    expect(previewMetrics).toHaveBeenCalledTimes(1);
    expect(previewMetrics).toHaveBeenCalledWith(
      [
        { name: 'loss', regex: 'loss=([0-9.]+)' },
        { name: 'acc', regex: '(' }
      ],
      'epoch=1 loss=0.5\nepoch=2 loss=0.25'
    );
    const loss = root.querySelector(
      '.jp-mlstudio-metric-preview[data-metric="loss"]'
    )!;
    expect(
      Array.from(loss.querySelectorAll('.jp-mlstudio-preview-value')).map(
        v => v.textContent
      )
    ).toEqual(['0.5', '0.25']);
    expect(
      root.querySelector('.jp-mlstudio-metric-preview[data-metric="acc"]')
        ?.textContent
    ).toMatch(/Invalid regular expression: missing \)/);
  });
});
