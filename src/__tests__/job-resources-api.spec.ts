/**
 * @jest-environment node
 */
// Node's own fetch, Request and Response stand in for the browser's; only the
// network is faked, below ServerConnection.makeRequest.

import { processingJobsApi } from '../api/processing-jobs';
import { transformJobsApi } from '../api/transform-jobs';
import { MLStudioRequestError } from '../request';
import { fakeServer, json, where } from './fake-server';
import { processingDetail } from './processing-fixtures';

describe('job resource clients', () => {
  it('list, describe, stop and read logs of processing jobs at their paths', async () => {
    // Given a server that answers every call
    const { settings, requests } = fakeServer(request =>
      request.url.includes('/logs')
        ? json(200, { host: 'algo-2', stream: null, lines: [], total: 0 })
        : json(200, processingDetail('my job'))
    );
    const api = processingJobsApi(settings);

    // When each call is made (with a name that needs escaping, and empty filters)
    await api.list({
      status: 'InProgress',
      sort_by: 'CreationTime',
      sort_order: 'Descending',
      name_contains: '',
      max_items: 20,
      next_token: null
    });
    const described = await api.getJob('my job');
    await api.stopJob('my job');
    await api.getLogs('my job', 'algo-2', -1, 500);

    // Then each goes to its route, with the query the caller gave, leaving out empty fields
    expect(requests.map(where)).toEqual([
      'GET processing-jobs?status=InProgress&sort_by=CreationTime&sort_order=Descending&max_items=20',
      'GET processing-jobs/my%20job',
      'POST processing-jobs/my%20job/stop',
      'GET processing-jobs/my%20job/logs?host=algo-2&after=-1&limit=500'
    ]);
    expect(described.processing_job_name).toBe('my job');
  });

  it("reads transform jobs under their own collection, and turns a refusal into the server's error", async () => {
    const { settings, requests } = fakeServer(() =>
      json(409, {
        message: 'Transform job batch is Completed',
        error: 'IllegalTransition'
      })
    );
    const api = transformJobsApi(settings);

    const refusal = await api.stopJob('batch').catch(reason => reason);

    expect(where(requests[0])).toBe('POST transform-jobs/batch/stop');
    expect(refusal).toBeInstanceOf(MLStudioRequestError);
    expect((refusal as MLStudioRequestError).status).toBe(409);
    expect((refusal as MLStudioRequestError).message).toContain('Completed');
  });
});
