import { nullTranslator } from '@jupyterlab/translation';
import React from 'react';

import { InstanceTypesTable } from '../components/instance-types-table';
import { ModelState } from '../components/model-state';
import { describeGpu, StatusView } from '../components/status-view';
import { MLStudioRequestError } from '../request';
import { render, unmountAll } from './dom';
import { CATALOGUE, STATUS } from './fixtures';

const trans = nullTranslator.load('jupyterlab_mlstudio');

afterEach(unmountAll);

describe('InstanceTypesTable', () => {
  const table = (): HTMLElement =>
    render(<InstanceTypesTable catalogue={CATALOGUE} trans={trans} />);

  it('lists every type with vCPU, GiB and GPUs', () => {
    const row = table().querySelector('[data-instance-type="ml.g5.xlarge"]')!;
    const cells = Array.from(row.querySelectorAll('td')).map(
      cell => cell.textContent
    );

    expect(cells.slice(1)).toEqual(['4', '16', '1']);
  });

  it('dims the types this host cannot run and says why', () => {
    const root = table();
    const gpuRow = root.querySelector('[data-instance-type="ml.g5.xlarge"]')!;
    const cpuRow = root.querySelector('[data-instance-type="ml.m5.large"]')!;

    expect(gpuRow.classList).toContain('jp-mlstudio-is-unavailable');
    expect(gpuRow.querySelector('.jp-mlstudio-reason')?.textContent).toBe(
      'needs 1 GPU; this host has none'
    );
    expect(gpuRow.getAttribute('title')).toContain('needs 1 GPU');
    expect(cpuRow.classList).not.toContain('jp-mlstudio-is-unavailable');
    expect(cpuRow.querySelector('.jp-mlstudio-reason')).toBeNull();
  });

  it('tags the default type only', () => {
    const tags = table().querySelectorAll('.jp-mlstudio-default-tag');

    expect(tags).toHaveLength(1);
    expect(tags[0].closest('tr')?.getAttribute('data-instance-type')).toBe(
      'local'
    );
  });

  it('explains emulated vCPUs in a tooltip', () => {
    const cell = table().querySelector(
      '[data-instance-type="ml.g5.xlarge"] .jp-mlstudio-has-note'
    );

    expect(cell?.getAttribute('title')).toBe(
      "runs on this host's 2 CPUs instead of 4 vCPUs"
    );
  });

  it('counts what the host can run', () => {
    expect(table().querySelector('.jp-mlstudio-summary')?.textContent).toBe(
      '2 of 3 can run on this host'
    );
  });
});

describe('StatusView', () => {
  it('shows each backend with its badge and explanation', () => {
    const root = render(<StatusView status={STATUS} trans={trans} />);
    const docker = root.querySelector('[data-backend="docker"]')!;
    const process = root.querySelector('[data-backend="process"]')!;

    expect(process.querySelector('.jp-mlstudio-badge')?.textContent).toBe(
      'available'
    );
    expect(process.textContent).toContain('Python 3.11.7');
    expect(docker.querySelector('.jp-mlstudio-badge')?.textContent).toBe(
      'unavailable'
    );
    expect(docker.textContent).toContain('No Docker engine');
  });

  it('shows the warnings of a backend with the setting that fixes them', () => {
    const warning =
      'jobs have no private /opt/ml (scripts must use the SM_* paths): this host forbids ' +
      'unprivileged user namespaces; enable them with: sysctl -w kernel.unprivileged_userns_clone=1';
    const status = {
      ...STATUS,
      backends: [
        { ...STATUS.backends[0], warnings: [warning] },
        STATUS.backends[1]
      ]
    };
    const root = render(<StatusView status={status} trans={trans} />);
    const shown = root.querySelectorAll(
      '[data-backend="process"] .jp-mlstudio-backend-warning'
    );

    expect(shown).toHaveLength(1);
    expect(shown[0].getAttribute('role')).toBe('alert');
    expect(shown[0].textContent).toBe(`Warning: ${warning}`);
    expect(
      root.querySelectorAll(
        '[data-backend="docker"] .jp-mlstudio-backend-warning'
      )
    ).toHaveLength(0);
  });

  it('shows host resources in readable units', () => {
    const root = render(<StatusView status={STATUS} trans={trans} />);

    expect(root.querySelector('.jp-mlstudio-host-cpus')?.textContent).toBe('2');
    expect(root.querySelector('.jp-mlstudio-host-memory')?.textContent).toBe(
      '23.5 GiB'
    );
    expect(root.querySelector('.jp-mlstudio-host-gpus')?.textContent).toBe(
      'none'
    );
    expect(root.querySelector('.jp-mlstudio-store')?.textContent).toBe(
      'sqlite (revision 0001)'
    );
    expect(root.querySelector('.jp-mlstudio-object-store')?.textContent).toBe(
      'file:///tmp/mlstudio/objects'
    );
  });

  it('says when nothing is reserved', () => {
    const root = render(<StatusView status={STATUS} trans={trans} />);

    expect(
      root.querySelector('.jp-mlstudio-capacity-memory')?.textContent
    ).toBe('0 GiB of 21.5 GiB');
    expect(root.querySelector('.jp-mlstudio-capacity-empty')?.textContent).toBe(
      'Nothing is reserved.'
    );
  });

  it('shows who holds what of the host', () => {
    const status = {
      ...STATUS,
      host: {
        ...STATUS.host,
        gpus: [{ index: 0, name: 'T4', memory_bytes: null, uuid: null }]
      },
      capacity: {
        ...STATUS.capacity,
        memory_reserved_bytes: 4 * 1024 ** 3,
        gpus: [0],
        gpus_reserved: [0],
        vcpus_reserved: 3,
        reservations: [
          {
            kind: 'kernel',
            name: 'work/train.ipynb',
            owner: 'alice',
            instance_type: 'ml.g4dn.xlarge',
            memory_bytes: 4 * 1024 ** 3,
            gpus: [0],
            vcpus: 1,
            cpus: [1],
            since: 1
          },
          {
            kind: 'training-job',
            name: 'nightly',
            owner: 'bob',
            instance_type: 'local',
            memory_bytes: 0,
            gpus: [],
            vcpus: 2,
            cpus: [],
            since: 2
          }
        ]
      }
    };
    const root = render(<StatusView status={status} trans={trans} />);

    expect(
      root.querySelector('.jp-mlstudio-capacity-memory')?.textContent
    ).toBe('4 GiB of 21.5 GiB');
    expect(root.querySelector('.jp-mlstudio-capacity-gpus')?.textContent).toBe(
      '1 of 1'
    );
    expect(root.querySelector('.jp-mlstudio-capacity-cpus')?.textContent).toBe(
      '3 on 2 shared CPUs'
    );
    const rows = Array.from(
      root.querySelectorAll('.jp-mlstudio-reservation')
    ).map(row =>
      Array.from(row.querySelectorAll('td')).map(cell => cell.textContent)
    );
    expect(rows).toEqual([
      ['train.ipynbKernel · ml.g4dn.xlarge · alice', '4', '0', '1'],
      ['nightlyTraining job · local · bob', '–', '–', '2']
    ]);
  });

  it('lists GPUs when the host has some', () => {
    const gpu = {
      index: 0,
      name: 'NVIDIA A10G',
      memory_bytes: 24 * 1024 ** 3,
      uuid: 'GPU-1'
    };
    const status = { ...STATUS, host: { ...STATUS.host, gpus: [gpu] } };
    const root = render(<StatusView status={status} trans={trans} />);

    expect(root.querySelector('.jp-mlstudio-host-gpus')?.textContent).toBe(
      'NVIDIA A10G (24 GiB)'
    );
    expect(describeGpu({ ...gpu, memory_bytes: null })).toBe('NVIDIA A10G');
  });
});

describe('ModelState', () => {
  const error = new MLStudioRequestError({
    error: 'Unavailable',
    message: 'The record store is locked',
    status: 503
  });
  const body = (data: string): JSX.Element => <p className="data">{data}</p>;

  it('says it is loading before the first answer', () => {
    const root = render(
      <ModelState data={null} error={null} trans={trans}>
        {body}
      </ModelState>
    );

    expect(root.textContent).toBe('Loading…');
  });

  it("shows the server's message when there is nothing else to show", () => {
    const root = render(
      <ModelState data={null} error={error} trans={trans}>
        {body}
      </ModelState>
    );

    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'The record store is locked'
    );
    expect(root.textContent).toContain('Unavailable (HTTP 503)');
    expect(root.querySelector('.data')).toBeNull();
  });

  it('keeps the older data under the message after a failed refresh', () => {
    const root = render(
      <ModelState data="older" error={error} trans={trans}>
        {body}
      </ModelState>
    );

    expect(root.querySelector('[role="alert"]')?.textContent).toContain(
      'showing the last data'
    );
    expect(root.querySelector('.data')?.textContent).toBe('older');
  });
});
