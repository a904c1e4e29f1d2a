import type { Contents } from '@jupyterlab/services';

import type { ISampleNotebook } from './api/samples';

/**
 * `name`, or the first of `stem-1.ext`, `stem-2.ext`, ... that is not `taken`: a copied
 * sample never overwrites a file of the workspace.
 */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) {
    return name;
  }
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const extension = dot > 0 ? name.slice(dot) : '';
  for (let index = 1; ; index++) {
    const candidate = `${stem}-${index}${extension}`;
    if (!taken.has(candidate)) {
      return candidate;
    }
  }
}

/** What copying a sample needs of Jupyter's contents manager. */
export type ISampleContents = Pick<Contents.IManager, 'get' | 'save'>;

/**
 * Copy sample `name` into folder `cwd` of the workspace under a name no file there has;
 * the new notebook's path.
 */
export async function copySample(options: {
  name: string;
  cwd: string;
  contents: ISampleContents;
  fetchSample: (name: string) => Promise<ISampleNotebook>;
}): Promise<string> {
  const { contents, cwd } = options;
  const [sample, folder] = await Promise.all([
    options.fetchSample(options.name),
    contents.get(cwd, { content: true })
  ]);
  const entries = Array.isArray(folder.content)
    ? (folder.content as Contents.IModel[])
    : [];
  const file = freeName(sample.name, new Set(entries.map(item => item.name)));
  const path = cwd ? `${cwd.replace(/\/+$/, '')}/${file}` : file;
  await contents.save(path, {
    type: 'notebook',
    format: 'json',
    content: sample.content
  });
  return path;
}
