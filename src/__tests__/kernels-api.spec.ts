/**
 * @jest-environment node
 */
// Node's own fetch, Request and Response stand in for the browser's; only the
// network is faked, below ServerConnection.makeRequest.

import {
  checkKernelProfile,
  getIdleTimeouts,
  getKernelProfiles,
  getKernelUsage,
  setIdleTimeout
} from '../api/kernels';
import { MLStudioRequestError } from '../request';
import { checked, PROFILES, usage } from './kernel-fixtures';
import { fakeServer, json, where } from './fake-server';

async function refusal(
  promise: Promise<unknown>
): Promise<MLStudioRequestError> {
  try {
    await promise;
  } catch (reason) {
    return reason as MLStudioRequestError;
  }
  throw new Error('the request did not fail');
}

describe('kernel clients', () => {
  it('reads the profiles the pickers offer', async () => {
    const { settings, requests } = fakeServer(() => json(200, PROFILES));

    const profiles = await getKernelProfiles(settings);

    expect(requests.map(where)).toEqual(['GET kernels/profiles']);
    expect(profiles.default_instance_type).toBe('local');
    expect(profiles.instance_types[1].reason).toBe(
      'needs 1 GPU; this host has none'
    );
  });

  it('posts a profile check with image, instance type and spec', async () => {
    const { settings, requests } = fakeServer(() =>
      json(200, checked('sklearn', 'ml.t3.medium'))
    );

    const answer = await checkKernelProfile(
      { image: 'sklearn', instance_type: 'ml.t3.medium', spec: 'python3' },
      settings
    );

    expect(where(requests[0])).toBe('POST kernels/profile-check');
    expect(JSON.parse(await requests[0].text())).toEqual({
      image: 'sklearn',
      instance_type: 'ml.t3.medium',
      spec: 'python3'
    });
    expect(answer.kernel_name).toBe('mlstudio-sklearn-python3');
  });

  it("turns a refused check into an error carrying the server's reason", async () => {
    const { settings } = fakeServer(() =>
      json(400, {
        error: 'InvalidInput',
        message: 'ml.g5.xlarge needs 1 GPU; this host has none',
        field: 'instance_type'
      })
    );

    const error = await refusal(
      checkKernelProfile(
        { image: 'sklearn', instance_type: 'ml.g5.xlarge', spec: 'python3' },
        settings
      )
    );

    expect(error).toBeInstanceOf(MLStudioRequestError);
    expect(error.message).toBe('ml.g5.xlarge needs 1 GPU; this host has none');
    expect(error.error).toBe('InvalidInput');
    expect(error.field).toBe('instance_type');
    expect(error.status).toBe(400);
  });

  it("reads a kernel's usage at its escaped id", async () => {
    const { settings, requests } = fakeServer(() => json(200, usage()));

    const answer = await getKernelUsage('k 1/2', settings);

    expect(where(requests[0])).toBe('GET kernels/k%201%2F2');
    expect(answer.cpu_percent).toBe(35);
  });

  it('reports a kernel outside ML Studio images as a 404', async () => {
    const { settings } = fakeServer(() =>
      json(404, {
        error: 'NotFound',
        message: 'kernel k-9 does not run in an ML Studio image'
      })
    );

    const error = await refusal(getKernelUsage('k-9', settings));

    expect(error.status).toBe(404);
    expect(error.error).toBe('NotFound');
    expect(error.message).toBe('kernel k-9 does not run in an ML Studio image');
  });

  it('reads idle timeouts and puts one with its minutes, returning what was stored', async () => {
    const { settings, requests } = fakeServer(request =>
      request.method === 'GET'
        ? json(200, { timeouts: { local: 0, 'ml.t3.medium': 60 } })
        : json(200, { minutes: 90 })
    );

    const timeouts = await getIdleTimeouts(settings);
    const stored = await setIdleTimeout('ml.t3.medium', 90, settings);

    expect(requests.map(where)).toEqual([
      'GET kernels/idle-timeouts',
      'PUT kernels/idle-timeouts/ml.t3.medium'
    ]);
    expect(JSON.parse(await requests[1].text())).toEqual({ minutes: 90 });
    expect(timeouts.timeouts['ml.t3.medium']).toBe(60);
    expect(stored).toBe(90);
  });

  it('reads an error without a JSON body by its status', async () => {
    const { settings } = fakeServer(
      () =>
        new Response('<html>Service Unavailable</html>', {
          status: 503,
          statusText: 'Service Unavailable'
        })
    );

    const error = await refusal(setIdleTimeout('local', 5, settings));

    expect(error.error).toBe('Unavailable');
    expect(error.status).toBe(503);
    expect(error.message).toBe('The server answered 503 Service Unavailable');
  });
});
