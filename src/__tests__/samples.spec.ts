/**
 * @jest-environment node
 */
// The sample clients run whole over Node's fetch (only the network is faked); copying runs
// against an in-memory contents manager that keeps what was saved.

import type { Contents } from '@jupyterlab/services';

import { getSample, listSamples, type ISampleNotebook } from '../api/samples';
import { MLStudioRequestError } from '../request';
import { copySample, freeName } from '../samples';
import { fakeServer, json, where } from './fake-server';

const NOTEBOOK = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [{ cell_type: 'markdown', metadata: {}, source: '# k-means' }]
};

function sample(name = 'kmeans_digits.ipynb'): ISampleNotebook {
  return {
    name,
    title: 'k-means on handwritten digits',
    description: 'Built-in k-means.',
    content: NOTEBOOK
  };
}

/** A folder tree of file names, and the saves made into it. */
function memoryContents(files: Record<string, string[]>) {
  const saved: { path: string; options: Partial<Contents.IModel> }[] = [];
  const contents = {
    get: async (path: string) =>
      ({
        path,
        type: 'directory',
        content: (files[path] ?? []).map(name => ({ name, type: 'file' }))
      }) as unknown as Contents.IModel,
    save: async (path: string, options?: Partial<Contents.IModel>) => {
      saved.push({ path, options: options ?? {} });
      return { path } as Contents.IModel;
    }
  };
  return { contents, saved };
}

describe('freeName', () => {
  it('keeps a name no file has', () => {
    expect(freeName('kmeans.ipynb', new Set(['other.ipynb']))).toBe(
      'kmeans.ipynb'
    );
  });

  it('numbers a name that is taken, skipping numbers taken too', () => {
    const taken = new Set(['kmeans.ipynb', 'kmeans-1.ipynb']);
    expect(freeName('kmeans.ipynb', taken)).toBe('kmeans-2.ipynb');
  });

  it('numbers a name without an extension', () => {
    expect(freeName('notes', new Set(['notes']))).toBe('notes-1');
  });
});

describe('copySample', () => {
  it('saves the sample under its own name in the folder', async () => {
    const { contents, saved } = memoryContents({ work: ['data.csv'] });

    const path = await copySample({
      name: 'kmeans_digits.ipynb',
      cwd: 'work',
      contents,
      fetchSample: async name => sample(name)
    });

    expect(path).toBe('work/kmeans_digits.ipynb');
    expect(saved).toEqual([
      {
        path: 'work/kmeans_digits.ipynb',
        options: { type: 'notebook', format: 'json', content: NOTEBOOK }
      }
    ]);
  });

  it('never overwrites a file of the workspace: a copy gets a free name', async () => {
    const { contents, saved } = memoryContents({
      '': ['kmeans_digits.ipynb', 'kmeans_digits-1.ipynb']
    });

    const path = await copySample({
      name: 'kmeans_digits.ipynb',
      cwd: '',
      contents,
      fetchSample: async name => sample(name)
    });

    expect(path).toBe('kmeans_digits-2.ipynb');
    expect(saved.map(item => item.path)).toEqual(['kmeans_digits-2.ipynb']);
  });

  it('saves nothing when the server has no such sample', async () => {
    const { contents, saved } = memoryContents({ '': [] });
    const { settings } = fakeServer(() =>
      json(404, { error: 'NotFound', message: 'No sample named x' })
    );

    await expect(
      copySample({
        name: 'x',
        cwd: '',
        contents,
        fetchSample: name => getSample(name, settings)
      })
    ).rejects.toBeInstanceOf(MLStudioRequestError);
    expect(saved).toEqual([]);
  });
});

describe('sample clients', () => {
  it('lists the samples', async () => {
    const { settings, requests } = fakeServer(() =>
      json(200, { samples: [{ ...sample(), content: undefined }] })
    );

    const samples = await listSamples(settings);

    expect(requests.map(where)).toEqual(['GET samples']);
    expect(samples.map(item => item.name)).toEqual(['kmeans_digits.ipynb']);
  });

  it('reads one sample by its escaped name', async () => {
    const { settings, requests } = fakeServer(() => json(200, sample()));

    const answer = await getSample('kmeans digits.ipynb', settings);

    expect(requests.map(where)).toEqual(['GET samples/kmeans%20digits.ipynb']);
    expect(answer.content).toEqual(NOTEBOOK);
  });
});
