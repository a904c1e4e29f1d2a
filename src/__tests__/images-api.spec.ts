/**
 * @jest-environment node
 */
// Node's own fetch, Request and Response stand in for the browser's; only the
// network is faked, below ServerConnection.makeRequest.

import {
  createImage,
  createImageVersion,
  deleteImage,
  deleteImageVersion,
  getImageBuildLogs,
  listImages,
  putImageConfig
} from '../api/images';
import { MLStudioRequestError } from '../request';
import type { ICreateImageRequest } from '../tokens';
import { imageEntry, imageVersion } from './kernel-fixtures';
import { fakeServer, json, where } from './fake-server';

describe('image clients', () => {
  it('lists the images', async () => {
    const { settings, requests } = fakeServer(() =>
      json(200, {
        images: [imageEntry('default', [imageVersion('default', 1)])]
      })
    );

    const answer = await listImages(settings);

    expect(requests.map(where)).toEqual(['GET images']);
    expect(answer.images[0].versions[0].version).toBe(1);
  });

  it('registers an image with the body the form built', async () => {
    const { settings, requests } = fakeServer(() =>
      json(201, imageEntry('sklearn'))
    );
    const body: ICreateImageRequest = {
      name: 'sklearn',
      base_image: 'mlstudio/sklearn:latest',
      kernel_specs: [{ name: 'python3', display_name: 'Python 3' }],
      mount_path: '/home/sagemaker-user',
      uid: 1000 as const,
      gid: 100 as const
    };

    const entry = await createImage(body, settings);

    expect(where(requests[0])).toBe('POST images');
    expect(JSON.parse(await requests[0].text())).toEqual(body);
    expect(entry.image.image_name).toBe('sklearn');
  });

  it('adds, deletes and configures at the paths of the image', async () => {
    const { settings, requests } = fakeServer(request => {
      if (request.method === 'DELETE') {
        return new Response(null, { status: 204 });
      }
      if (request.method === 'PUT') {
        return json(200, imageEntry('my.env').config);
      }
      return json(201, imageVersion('my.env', 2, 'CREATING'));
    });

    await createImageVersion(
      'my.env',
      { base_image: 'file:///opt/envs/ml', aliases: ['stable'] },
      settings
    );
    await putImageConfig(
      'my.env',
      { kernel_specs: [], mount_path: '', uid: 0, gid: 0 },
      settings
    );
    await deleteImageVersion('my.env', 2, settings);
    await deleteImage('my.env', settings);

    expect(requests.map(where)).toEqual([
      'POST images/my.env/versions',
      'PUT images/my.env/config',
      'DELETE images/my.env/versions/2',
      'DELETE images/my.env'
    ]);
    expect(JSON.parse(await requests[0].text())).toEqual({
      base_image: 'file:///opt/envs/ml',
      aliases: ['stable']
    });
    expect(JSON.parse(await requests[1].text())).toEqual({
      kernel_specs: [],
      mount_path: '',
      uid: 0,
      gid: 0
    });
  });

  it('reads build log lines after a sequence number', async () => {
    const { settings, requests } = fakeServer(() =>
      json(200, { lines: [{ seq: 8, timestamp: 0, message: 'Step 2/5' }] })
    );

    const answer = await getImageBuildLogs('torch', 4, 7, settings);

    expect(where(requests[0])).toBe(
      'GET images/torch/versions/4/build-logs?after=7'
    );
    expect(answer.lines[0].message).toBe('Step 2/5');
  });

  it("rejects with the server's conflict message", async () => {
    const { settings } = fakeServer(() =>
      json(409, {
        error: 'Conflict',
        message: 'image sklearn already exists',
        field: 'name'
      })
    );

    const failure = createImage({ name: 'sklearn' }, settings);

    await expect(failure).rejects.toBeInstanceOf(MLStudioRequestError);
    await expect(failure).rejects.toMatchObject({
      message: 'image sklearn already exists',
      error: 'Conflict',
      field: 'name',
      status: 409
    });
  });

  it('explains a 404 without a JSON body as the extension not being served', async () => {
    const { settings } = fakeServer(
      () => new Response('<html>404</html>', { status: 404 })
    );

    await expect(listImages(settings)).rejects.toMatchObject({
      error: 'NotFound',
      status: 404,
      message: expect.stringMatching(/server extension enabled/)
    });
  });
});
