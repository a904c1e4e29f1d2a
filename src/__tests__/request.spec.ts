/**
 * @jest-environment node
 */
// Node's own fetch, Request and Response stand in for the browser's; only the
// network is faked, below ServerConnection.makeRequest.
import { getInstanceType, listInstanceTypes } from '../api/instance-types';
import { getStatus } from '../api/status';
import {
  MLStudioRequestError,
  parseErrorResponse,
  queryString,
  requestAPI
} from '../request';
import { fakeServer, json } from './fake-server';

/** The error a request fails with; fails the test if the request succeeds. */
async function failureOf(
  request: Promise<unknown>
): Promise<MLStudioRequestError> {
  try {
    await request;
  } catch (reason) {
    expect(reason).toBeInstanceOf(MLStudioRequestError);
    return reason as MLStudioRequestError;
  }
  throw new Error('The request was expected to fail');
}

describe('requestAPI', () => {
  it('calls the ML Studio API below the base URL with the Jupyter token', async () => {
    const { settings, requests } = fakeServer(() =>
      json(200, { version: '0.1.0' })
    );

    const body = await requestAPI<{ version: string }>('status', {}, settings);

    expect(body).toEqual({ version: '0.1.0' });
    expect(requests).toHaveLength(1);
    const url = new URL(requests[0].url);
    expect(url.origin + url.pathname).toBe(
      'http://127.0.0.1:8912/lab-base/mlstudio/api/v1/status'
    );
    // No cache-busting parameter: the API rejects query fields it does not know.
    expect(url.search).toBe('');
    expect(requests[0].cache).toBe('no-cache');
    expect(requests[0].headers.get('Authorization')).toBe('token t');
  });

  it('turns the server error body into a typed error', async () => {
    const { settings } = fakeServer(() =>
      json(
        400,
        {
          error: 'InvalidInput',
          message: 'max_items must be at least 1',
          field: 'max_items'
        },
        'Bad Request'
      )
    );

    const failure = requestAPI('training-jobs?max_items=0', {}, settings);

    await expect(failure).rejects.toBeInstanceOf(MLStudioRequestError);
    await expect(failure).rejects.toMatchObject({
      error: 'InvalidInput',
      message: 'max_items must be at least 1',
      field: 'max_items',
      status: 400
    });
  });

  it('says the API is missing when Jupyter answers an HTML 404', async () => {
    const { settings } = fakeServer(
      () =>
        new Response('<html><body>404 : Not Found</body></html>', {
          status: 404
        })
    );

    const error = await failureOf(requestAPI('status', {}, settings));

    expect(error.status).toBe(404);
    expect(error.error).toBe('NotFound');
    expect(error.message).toMatch(/server extension/);
  });

  it('reports an unreachable server with status 0', async () => {
    const { settings } = fakeServer(() => {
      throw new TypeError('Failed to fetch');
    });

    const error = await failureOf(requestAPI('status', {}, settings));

    expect(error).toBeInstanceOf(MLStudioRequestError);
    expect(error.status).toBe(0);
    expect(error.error).toBe('NetworkError');
    expect(error.message).toContain('Failed to fetch');
  });

  it('answers undefined for an empty 204', async () => {
    const { settings } = fakeServer(() => new Response(null, { status: 204 }));

    await expect(
      requestAPI('training-jobs/x', { method: 'DELETE' }, settings)
    ).resolves.toBe(undefined);
  });

  it('rejects a 200 whose body is not JSON', async () => {
    const { settings } = fakeServer(
      () => new Response('<html></html>', { status: 200 })
    );

    await expect(requestAPI('status', {}, settings)).rejects.toMatchObject({
      error: 'InvalidResponse'
    });
  });
});

describe('parseErrorResponse', () => {
  it("keeps Jupyter's own message when the body has no error kind", () => {
    const error = parseErrorResponse(
      403,
      'Forbidden',
      JSON.stringify({
        message: "'_xsrf' argument missing from POST",
        reason: null
      })
    );

    expect(error.error).toBe('Forbidden');
    expect(error.message).toBe("'_xsrf' argument missing from POST");
    expect(error.field).toBeNull();
  });

  it('names the status when the body says nothing useful', () => {
    const error = parseErrorResponse(502, 'Bad Gateway', 'upstream timed out');

    expect(error.error).toBe('ServerError');
    expect(error.message).toBe('The server answered 502 Bad Gateway');
  });

  it('ignores JSON that is not an object', () => {
    const error = parseErrorResponse(503, 'Service Unavailable', '["docker"]');

    expect(error.error).toBe('Unavailable');
    expect(error.message).toBe('The server answered 503 Service Unavailable');
  });
});

describe('typed clients', () => {
  const catalogue = { instance_types: [], default: 'local' };

  it('getStatus reads the status resource', async () => {
    const { settings, requests } = fakeServer(() =>
      json(200, { version: '0.1.0' })
    );

    await getStatus(settings);

    expect(new URL(requests[0].url).pathname).toBe(
      '/lab-base/mlstudio/api/v1/status'
    );
  });

  it('listInstanceTypes passes the availability filter as a query parameter', async () => {
    const { settings, requests } = fakeServer(() => json(200, catalogue));

    await expect(
      listInstanceTypes({ available: true }, settings)
    ).resolves.toEqual(catalogue);
    await listInstanceTypes({}, settings);
    await listInstanceTypes({ available: false }, settings);

    const filtered = new URL(requests[0].url);
    expect(filtered.pathname).toBe('/lab-base/mlstudio/api/v1/instance-types');
    expect(filtered.search).toBe('?available=true');
    expect(new URL(requests[1].url).search).toBe('');
    expect(new URL(requests[2].url).search).toBe('?available=false');
  });

  it('getInstanceType escapes the name and surfaces NotFound', async () => {
    const { settings, requests } = fakeServer(() =>
      json(404, { error: 'NotFound', message: "No instance type named 'a b'" })
    );

    const error = await failureOf(getInstanceType('a b', settings));

    expect(new URL(requests[0].url).pathname).toBe(
      '/lab-base/mlstudio/api/v1/instance-types/a%20b'
    );
    expect(error).toMatchObject({ error: 'NotFound', status: 404 });
    expect(error.message).toBe("No instance type named 'a b'");
  });
});

describe('queryString', () => {
  it('repeats the key of a list and leaves out empty fields', () => {
    expect(
      queryString({ a: ['x y', 'z'], b: '', c: null, d: undefined, e: 0 })
    ).toBe('?a=x%20y&a=z&e=0');
    expect(queryString({})).toBe('');
  });

  it('writes booleans and numbers as text, and escapes values', () => {
    expect(queryString({ available: false, after: -1 })).toBe(
      '?available=false&after=-1'
    );
    expect(queryString({ filter: "run_id = 'a&b'" })).toBe(
      "?filter=run_id%20%3D%20'a%26b'"
    );
  });
});
