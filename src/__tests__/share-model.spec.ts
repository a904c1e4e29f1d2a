import {
  snapshotIdFrom,
  snapshotLink,
  snapshotRequest,
  WHOLE_DOMAIN
} from '../models/share-model';
import { cellSource, fencedCode } from '../widgets/snapshot-view';

const NOTEBOOK = {
  cells: [],
  metadata: { mlstudio: { image: 'sklearn-1', instance_type: 'ml.m5.large' } },
  nbformat: 4,
  nbformat_minor: 5
};

describe('snapshotRequest', () => {
  it('shares with one member', () => {
    expect(
      snapshotRequest('work/a.ipynb', NOTEBOOK, { audience: 'bo' })
    ).toEqual({
      path: 'work/a.ipynb',
      content: NOTEBOOK,
      audience: 'members',
      recipients: ['bo']
    });
  });

  it('shares with the whole domain', () => {
    const request = snapshotRequest('a.ipynb', NOTEBOOK, {
      audience: WHOLE_DOMAIN
    });
    expect(request.audience).toBe('domain');
    expect(request.recipients).toEqual([]);
  });

  it('refuses a choice that names nobody, with a sentence', () => {
    expect(() =>
      snapshotRequest('a.ipynb', NOTEBOOK, { audience: ' ' })
    ).toThrow('Choose a member to share with, or the whole domain.');
  });

  it('refuses a notebook without content', () => {
    expect(() =>
      snapshotRequest('a.ipynb', undefined, { audience: 'bo' })
    ).toThrow('The notebook has no content to share yet.');
  });
});

describe('snapshot links', () => {
  const id = '0123456789abcdef0123456789abcdef';

  it('round-trip through the lab address', () => {
    const link = snapshotLink('http://127.0.0.1:8888/user/ana/lab', id);
    expect(link).toBe(
      `http://127.0.0.1:8888/user/ana/lab?mlstudio-snapshot=${id}`
    );
    expect(snapshotIdFrom(new URL(link).search)).toBe(id);
  });

  it('ignore anything that is not a snapshot id', () => {
    expect(snapshotIdFrom('?mlstudio-snapshot=../../etc')).toBeNull();
    expect(snapshotIdFrom('?reset')).toBeNull();
  });
});

describe('the read-only view', () => {
  it('joins a source given as lines', () => {
    expect(cellSource({ source: ['a = 1\n', 'a'] })).toBe('a = 1\na');
  });

  it('fences code with more backticks than it holds', () => {
    expect(fencedCode('x = "```"', 'python')).toBe(
      '````python\nx = "```"\n````'
    );
    expect(fencedCode('x = 1', 'python')).toBe('```python\nx = 1\n```');
  });
});
