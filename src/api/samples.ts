import type { ServerConnection } from '@jupyterlab/services';

import { requestAPI } from '../request';
import type { Schemas } from './schema-types';

/** A sample notebook as the server lists it. */
export type ISampleSummary = Schemas['SampleSummary'];
/** A sample with its notebook's content (nbformat 4 JSON). */
export type ISampleNotebook = Schemas['SampleNotebook'];

/** `GET mlstudio/api/v1/samples`: the sample notebooks the package ships. */
export async function listSamples(
  settings?: ServerConnection.ISettings
): Promise<ISampleSummary[]> {
  const answer = await requestAPI<Schemas['SampleList']>(
    'samples',
    { method: 'GET' },
    settings
  );
  return answer.samples;
}

/** `GET mlstudio/api/v1/samples/{name}`: one sample with its notebook. */
export function getSample(
  name: string,
  settings?: ServerConnection.ISettings
): Promise<ISampleNotebook> {
  return requestAPI<ISampleNotebook>(
    `samples/${encodeURIComponent(name)}`,
    { method: 'GET' },
    settings
  );
}
