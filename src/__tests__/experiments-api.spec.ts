/**
 * @jest-environment node
 */
// Node's own fetch, Request and Response stand in for the browser's; only the
// network is faked, below ServerConnection.makeRequest.

import {
  getExperiment,
  getExperimentKeys,
  listExperiments
} from '../api/experiments';
import {
  getRegisteredModel,
  listModelVersionsOfRun,
  listRegisteredModels
} from '../api/models';
import {
  getMetricHistory,
  listArtifacts,
  readArtifact,
  searchRuns
} from '../api/runs';
import { MLStudioRequestError } from '../request';
import { fakeServer, json, requestBelow } from './fake-server';

/** Method and path below the base URL (these routes span two prefixes), query included. */
function where(request: Request): string {
  return requestBelow(request, '/lab-base/');
}

describe('experiment clients', () => {
  it('lists experiments with paging', async () => {
    const { settings, requests } = fakeServer(() =>
      json(200, { experiments: [], next_token: null })
    );

    await listExperiments({ max_items: 50, next_token: 'abc' }, settings);
    await getExperiment('7', settings);
    await getExperimentKeys('7', settings);

    expect(requests.map(where)).toEqual([
      'GET mlstudio/api/v1/experiments?max_items=50&next_token=abc',
      'GET mlstudio/api/v1/experiments/7',
      'GET mlstudio/api/v1/experiments/7/keys'
    ]);
  });

  it('searches runs with the filter escaped and every order_by repeated', async () => {
    const { settings, requests } = fakeServer(() =>
      json(200, { runs: [], next_token: null })
    );

    await searchRuns(
      {
        experiment_id: ['1', '2'],
        filter: "metrics.accuracy > 0.9 and params.optimizer = 'adam'",
        order_by: ['metrics.accuracy DESC', 'params.lr'],
        max_items: 500,
        next_token: null
      },
      settings
    );

    const url = new URL(requests[0].url);
    expect(url.pathname).toBe('/lab-base/mlstudio/api/v1/runs');
    expect(url.searchParams.getAll('experiment_id')).toEqual(['1', '2']);
    expect(url.searchParams.get('filter')).toBe(
      "metrics.accuracy > 0.9 and params.optimizer = 'adam'"
    );
    expect(url.searchParams.getAll('order_by')).toEqual([
      'metrics.accuracy DESC',
      'params.lr'
    ]);
    expect(url.search).toContain('order_by=metrics.accuracy%20DESC');
    expect(url.searchParams.has('next_token')).toBe(false);
  });

  it("surfaces the server's complaint about a filter", async () => {
    const { settings } = fakeServer(() =>
      json(400, {
        error: 'InvalidInput',
        message: "Error on parsing filter 'metrics.a >'",
        field: 'filter'
      })
    );

    await expect(
      searchRuns({ experiment_id: ['1'], filter: 'metrics.a >' }, settings)
    ).rejects.toMatchObject({
      status: 400,
      field: 'filter',
      message: "Error on parsing filter 'metrics.a >'"
    });
  });

  it('asks for a downsampled history, or all of it', async () => {
    const { settings, requests } = fakeServer(() =>
      json(200, { run_id: 'r', key: 'val/loss', points: [], total: 0 })
    );

    await getMetricHistory('r', 'val/loss', settings, { maxPoints: 1000 });
    await getMetricHistory('r', 'val/loss', settings, { maxPoints: null });

    expect(requests.map(where)).toEqual([
      'GET mlstudio/api/v1/runs/r/metrics/val%2Floss?max_points=1000',
      'GET mlstudio/api/v1/runs/r/metrics/val%2Floss'
    ]);
  });

  it('lists a folder of artifacts', async () => {
    const { settings, requests } = fakeServer(() =>
      json(200, { root: 'x', entries: [] })
    );

    await listArtifacts('r', 'model/data', settings);
    await listArtifacts('r', '', settings);

    expect(requests.map(where)).toEqual([
      'GET mlstudio/api/v1/runs/r/artifacts?path=model%2Fdata',
      'GET mlstudio/api/v1/runs/r/artifacts'
    ]);
  });
});

describe('readArtifact', () => {
  /** An answer that streams `total` bytes in chunks, counting the chunks pulled. */
  function streamed(
    total: number,
    chunk: number
  ): { response: Response; pulled: () => number } {
    let sent = 0;
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        if (sent >= total) {
          controller.close();
          return;
        }
        const size = Math.min(chunk, total - sent);
        controller.enqueue(new Uint8Array(size).fill(97));
        sent += size;
      }
    });
    return {
      response: new Response(body, {
        status: 200,
        headers: { 'Content-Type': 'text/plain' }
      }),
      pulled: () => pulls
    };
  }

  it('reads a small file whole', async () => {
    const { response } = streamed(10, 4);
    const { settings, requests } = fakeServer(() => response);

    const content = await readArtifact('r', 'notes.txt', 100, settings);

    expect(where(requests[0])).toBe(
      'GET mlstudio/api/v1/runs/r/artifact?path=notes.txt'
    );
    expect(content.data).toHaveLength(10);
    expect(content.truncated).toBe(false);
    expect(content.contentType).toBe('text/plain');
  });

  it('stops reading a large file at the limit', async () => {
    const { response, pulled } = streamed(10 * 1024 * 1024, 64 * 1024);
    const { settings } = fakeServer(() => response);

    const content = await readArtifact('r', 'big.log', 100 * 1024, settings);

    expect(content.data).toHaveLength(100 * 1024);
    expect(content.truncated).toBe(true);
    expect(pulled()).toBeLessThan(10);
  });

  it("fails with the server's error for a missing file", async () => {
    const { settings } = fakeServer(() =>
      json(404, { error: 'NotFound', message: 'No artifact notes.txt' })
    );

    await expect(
      readArtifact('r', 'notes.txt', 10, settings)
    ).rejects.toBeInstanceOf(MLStudioRequestError);
  });
});

describe('registry clients', () => {
  it('lists models, reads one, and finds the versions made from a run', async () => {
    const { settings, requests } = fakeServer(request =>
      request.url.includes('model-versions/search')
        ? json(200, { model_versions: [{ name: 'm', version: '2' }] })
        : json(200, { models: [], next_token: null })
    );

    await listRegisteredModels({ filter: "name ILIKE '%iris%'" }, settings);
    await getRegisteredModel('my model', settings);
    const versions = await listModelVersionsOfRun("ab'c", settings);

    const filterOf = (request: Request): string | null =>
      new URL(request.url).searchParams.get('filter');
    expect(requests.map(request => new URL(request.url).pathname)).toEqual([
      '/lab-base/mlstudio/api/v1/models',
      '/lab-base/mlstudio/api/v1/models/my%20model',
      '/lab-base/mlstudio/mlflow/api/2.0/mlflow/model-versions/search'
    ]);
    expect(filterOf(requests[0])).toBe("name ILIKE '%iris%'");
    expect(filterOf(requests[2])).toBe("run_id = 'ab\\'c'");
    expect(versions).toEqual([{ name: 'm', version: '2' }]);
  });
});
