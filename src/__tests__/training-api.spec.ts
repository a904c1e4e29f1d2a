/**
 * @jest-environment node
 */
// Node's own fetch, Request and Response stand in for the browser's; only the
// network is faked, below ServerConnection.makeRequest.

import { getMetricHistory, getRun } from '../api/runs';
import {
  createTrainingJob,
  getTrainingJob,
  getTrainingJobLogs,
  listTrainingJobs,
  previewMetricDefinitions,
  stopTrainingJob
} from '../api/training-jobs';
import { parseJSON } from '../request';
import { detail } from './training-fixtures';
import { fakeServer, json, where } from './fake-server';

describe('parseJSON', () => {
  it("reads the bare NaN and infinities of Python's json module", () => {
    const text =
      '{"metrics": [{"key": "loss", "value": NaN, "min": -Infinity, "max": Infinity}], ' +
      '"name": "NaN Infinity \\"NaN\\""}';

    expect(parseJSON(text)).toEqual({
      metrics: [
        { key: 'loss', value: 'NaN', min: '-Infinity', max: 'Infinity' }
      ],
      name: 'NaN Infinity "NaN"'
    });
  });

  it('still refuses what is not JSON', () => {
    expect(() => parseJSON('<html>NaN</html>')).toThrow();
    expect(() => parseJSON('{"a": Nope}')).toThrow();
  });
});

describe('training-job clients', () => {
  it('lists with the query the user gave, leaving out empty fields', async () => {
    const { settings, requests } = fakeServer(() =>
      json(200, { training_jobs: [], next_token: null })
    );

    await listTrainingJobs(
      {
        sort_by: 'CreationTime',
        sort_order: 'Descending',
        max_items: 50,
        next_token: null
      },
      settings
    );

    expect(where(requests[0])).toBe(
      'GET training-jobs?sort_by=CreationTime&sort_order=Descending&max_items=50'
    );
  });

  it('creates, describes and stops jobs at their paths', async () => {
    const { settings, requests } = fakeServer(() =>
      json(201, detail('my-job'))
    );
    const body = {
      training_job_name: 'my-job',
      algorithm_specification: { training_image: 'default' },
      hyper_parameters: {},
      input_data_config: [],
      output_data_config: { s3_output_path: 'file:///tmp/out' },
      resource_config: {
        instance_type: 'local',
        instance_count: 1,
        volume_size_in_gb: 30
      },
      stopping_condition: { max_runtime_in_seconds: 60 }
    };

    await createTrainingJob(body, settings);
    await getTrainingJob('my-job', settings);
    await stopTrainingJob('my-job', settings);

    expect(requests.map(where)).toEqual([
      'POST training-jobs',
      'GET training-jobs/my-job',
      'POST training-jobs/my-job/stop'
    ]);
    expect(JSON.parse(await requests[0].text())).toEqual(body);
  });

  it('reads a page of a host log after a position', async () => {
    const { settings, requests } = fakeServer(() =>
      json(200, { host: 'algo-2', stream: null, lines: [], total: 0 })
    );

    await getTrainingJobLogs(
      'my-job',
      { host: 'algo-2', after: -1, limit: 1000 },
      settings
    );

    expect(where(requests[0])).toBe(
      'GET training-jobs/my-job/logs?host=algo-2&after=-1&limit=1000'
    );
  });

  it('asks for a metric preview with the definitions and the sample', async () => {
    const { settings, requests } = fakeServer(() =>
      json(200, { previews: [] })
    );

    await previewMetricDefinitions(
      [{ name: 'loss', regex: 'loss=([0-9.]+)' }],
      'epoch=1 loss=0.5',
      settings
    );

    expect(where(requests[0])).toBe('POST training-jobs/metric-preview');
    expect(JSON.parse(await requests[0].text())).toEqual({
      metric_definitions: [{ name: 'loss', regex: 'loss=([0-9.]+)' }],
      sample: 'epoch=1 loss=0.5'
    });
  });

  it('reads runs and metric histories, escaping keys with slashes', async () => {
    const { settings, requests } = fakeServer(
      () =>
        new Response(
          '{"run_id": "r1", "key": "val/loss", "points": [{"value": NaN}]}',
          {
            status: 200
          }
        )
    );

    await getRun('r1', settings);
    const history = await getMetricHistory('r1', 'val/loss', settings);

    expect(requests.map(where)).toEqual([
      'GET runs/r1',
      'GET runs/r1/metrics/val%2Floss'
    ]);
    expect(history.points[0].value).toBe('NaN');
  });
});
