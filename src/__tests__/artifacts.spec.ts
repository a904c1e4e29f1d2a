/**
 * @jest-environment node
 */
// Node has the TextEncoder and TextDecoder that browsers have and jsdom lacks.
import {
  baseName,
  decodeTextPreview,
  extensionOf,
  formatBytes,
  imageType,
  looksBinary,
  previewKind
} from '../models/artifact-preview';
import { ArtifactTreeModel } from '../models/artifact-tree';
import { MLStudioRequestError } from '../request';
import type { IArtifactEntry, IArtifactList } from '../tokens';

describe('preview kinds', () => {
  it.each([
    ['notes.txt', 'text'],
    ['metrics/summary.JSON', 'text'],
    ['conda.yaml', 'text'],
    ['env.yml', 'text'],
    ['table.csv', 'text'],
    ['logs/train.log', 'text'],
    ['train.py', 'text'],
    ['README.md', 'text'],
    ['model/MLmodel', 'text'],
    ['plots/loss.png', 'image'],
    ['photo.JPG', 'image'],
    ['photo.jpeg', 'image'],
    ['anim.gif', 'image'],
    ['diagram.svg', 'image'],
    ['model/model.pkl', 'none'],
    ['weights.bin', 'none'],
    ['.hidden', 'none'],
    ['archive.tar.gz', 'none']
  ])('%s previews as %s', (path, kind) => {
    expect(previewKind(path)).toBe(kind);
  });

  it('names the image types for blobs', () => {
    expect(imageType('a/b.svg')).toBe('image/svg+xml');
    expect(imageType('a.jpg')).toBe('image/jpeg');
  });

  it('takes names and extensions of paths', () => {
    expect(baseName('a/b/c.txt')).toBe('c.txt');
    expect(baseName('dir/')).toBe('dir');
    expect(extensionOf('a.b/c')).toBe('');
    expect(extensionOf('.bashrc')).toBe('');
  });
});

describe('text previews', () => {
  it('tells binary bytes from text by a NUL', () => {
    expect(looksBinary(new Uint8Array([104, 105, 0, 1]))).toBe(true);
    expect(looksBinary(new TextEncoder().encode('héllo'))).toBe(false);
  });

  it('drops a character the cut split, rather than showing a replacement mark', () => {
    const bytes = new TextEncoder().encode('ab€');
    const cut = bytes.slice(0, 4); // '€' is three bytes; two of them are cut off

    expect(decodeTextPreview(cut, true)).toBe('ab');
    expect(decodeTextPreview(bytes, false)).toBe('ab€');
  });

  it('writes byte counts for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(100 * 1024)).toBe('100 KiB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MiB');
    expect(formatBytes(null)).toBe('');
  });
});

/** Folders of a fake artifact store, by path ('' is the root). */
class FakeStore {
  reads: string[] = [];
  folders: Record<string, IArtifactEntry[]> = {
    '': [
      { path: 'notes.txt', is_dir: false, file_size: 12 },
      { path: 'model', is_dir: true, file_size: null },
      { path: 'Plots', is_dir: true, file_size: null }
    ],
    model: [
      { path: 'model/MLmodel', is_dir: false, file_size: 40 },
      { path: 'model/data', is_dir: true, file_size: null }
    ],
    'model/data': [
      { path: 'model/data/weights.bin', is_dir: false, file_size: 9 }
    ]
  };

  list = async (path: string): Promise<IArtifactList> => {
    this.reads.push(path);
    const entries = this.folders[path];
    if (!entries) {
      throw new MLStudioRequestError({
        error: 'NotFound',
        message: `No artifact folder ${path}`,
        status: 404
      });
    }
    return { root: 'mlflow-artifacts:/1/r/artifacts', entries };
  };
}

function lines(model: ArtifactTreeModel): string[] {
  return model.rows.map(
    row => `${'  '.repeat(row.depth)}${row.name}${row.entry.is_dir ? '/' : ''}`
  );
}

describe('ArtifactTreeModel', () => {
  it('lists the root with folders first, each by name', async () => {
    const store = new FakeStore();
    const model = new ArtifactTreeModel({ list: store.list });

    await model.load();

    expect(lines(model)).toEqual(['model/', 'Plots/', 'notes.txt']);
  });

  it('reads a folder when first expanded, and not again after collapsing', async () => {
    const store = new FakeStore();
    const model = new ArtifactTreeModel({ list: store.list });
    await model.load();

    await model.toggle('model');
    await model.toggle('model/data');
    expect(lines(model)).toEqual([
      'model/',
      '  data/',
      '    weights.bin',
      '  MLmodel',
      'Plots/',
      'notes.txt'
    ]);

    await model.toggle('model');
    expect(lines(model)).toEqual(['model/', 'Plots/', 'notes.txt']);
    await model.toggle('model');
    expect(lines(model)).toHaveLength(6);
    expect(store.reads).toEqual(['', 'model', 'model/data']);
  });

  it("shows a folder's read failure on its line", async () => {
    const store = new FakeStore();
    const model = new ArtifactTreeModel({ list: store.list });
    await model.load();

    await model.toggle('Plots');

    const plots = model.rows.find(row => row.entry.path === 'Plots')!;
    expect(plots.expanded).toBe(true);
    expect(plots.error?.message).toBe('No artifact folder Plots');
    expect(plots.loading).toBe(false);
  });

  it('keeps the selected file and tells when it changes', async () => {
    const model = new ArtifactTreeModel({ list: new FakeStore().list });
    const changed = jest.fn();
    model.changed.connect(changed);

    model.select('notes.txt');
    model.select('notes.txt');

    expect(model.selected).toBe('notes.txt');
    expect(changed).toHaveBeenCalledTimes(1);
  });
});
