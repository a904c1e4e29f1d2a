/*
 * Short names for the generated REST types in `schema.ts` (`jlpm api:types`), for the
 * aliases in `tokens.ts`, `kernel-types.ts`, `experiment-types.ts` and the clients.
 */

import type { components, paths } from './schema';

/** The shapes of the REST face, by their server-side names. */
export type Schemas = components['schemas'];

/** The query fields of `GET <path>`, as the OpenAPI document declares them. */
export type GetQuery<P extends keyof paths> = paths[P] extends {
  get: { parameters: { query?: infer Q } };
}
  ? NonNullable<Q>
  : never;
