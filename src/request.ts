import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

import type { IApiErrorBody } from './tokens';

/** Path of the ML Studio REST API, relative to the Jupyter base URL. */
export const API_PATH = 'mlstudio/api/v1';

/**
 * A failed ML Studio request, carrying what the server said.
 *
 * `status` is the HTTP status, or 0 when the server could not be reached.
 */
export class MLStudioRequestError extends Error {
  constructor(options: MLStudioRequestError.IOptions) {
    super(options.message);
    this.name = 'MLStudioRequestError';
    this.error = options.error;
    this.field = options.field ?? null;
    this.status = options.status;
  }

  /** Machine-readable kind (`InvalidInput`, `NotFound`, `NetworkError`, ...). */
  readonly error: string;
  /** The request field at fault, if the server named one. */
  readonly field: string | null;
  /** HTTP status; 0 when no answer came back. */
  readonly status: number;
}

export namespace MLStudioRequestError {
  /** Constructor options. */
  export interface IOptions {
    error: string;
    message: string;
    field?: string | null;
    status: number;
  }
}

/** Kinds used when the answer does not name one (non-JSON bodies, proxies, old servers). */
const KIND_BY_STATUS: Record<number, string> = {
  400: 'InvalidInput',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  503: 'Unavailable'
};

/**
 * Turn an error answer into a {@link MLStudioRequestError}.
 *
 * The server answers `{"error", "message", "field"}`; Jupyter itself answers
 * `{"message", "reason"}`; a proxy may answer HTML. Each gives a readable message.
 */
export function parseErrorResponse(
  status: number,
  statusText: string,
  bodyText: string
): MLStudioRequestError {
  let body: Partial<IApiErrorBody> | null = null;
  try {
    const parsed: unknown = JSON.parse(bodyText);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      body = parsed as Partial<IApiErrorBody>;
    }
  } catch {
    body = null;
  }
  const error =
    typeof body?.error === 'string' && body.error
      ? body.error
      : (KIND_BY_STATUS[status] ??
        (status >= 500 ? 'ServerError' : 'HttpError'));
  let message: string;
  if (typeof body?.message === 'string' && body.message) {
    message = body.message;
  } else if (status === 404) {
    // Jupyter answers an HTML 404 for routes nobody serves.
    message =
      'The ML Studio API is not served here (404). ' +
      'Is the jupyterlab_mlstudio server extension enabled?';
  } else {
    message = `The server answered ${status} ${statusText}`.trim();
  }
  const field = typeof body?.field === 'string' ? body.field : null;
  return new MLStudioRequestError({ error, message, field, status });
}

/**
 * A query string of the given fields (`?a=1&b=x%20y`), leaving out those without a value.
 * An array repeats its key (`order_by=a&order_by=b`), as the API reads list fields.
 */
export function queryString(fields: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item !== undefined && item !== null && item !== '') {
        parts.push(`${key}=${encodeURIComponent(String(item))}`);
      }
    }
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * Send a request to the Jupyter server and return the answer when it is a success.
 *
 * @param path - path below the Jupyter base URL, query string included.
 * @throws {MLStudioRequestError} on a network failure or a non-2xx answer.
 */
export async function requestRaw(
  path: string,
  init: RequestInit = {},
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<Response> {
  const url = URLExt.join(settings.baseUrl, path);
  let response: Response;
  try {
    // `no-cache` rather than Jupyter's default `no-store`: the browser still asks the
    // server every time, but the URL is sent as written, without the bare timestamp
    // that `no-store` appends and that the API rejects as an unknown query field.
    response = await ServerConnection.makeRequest(
      url,
      { cache: 'no-cache', ...init },
      settings
    );
  } catch (reason) {
    const detail = reason instanceof Error ? reason.message : String(reason);
    throw new MLStudioRequestError({
      error: 'NetworkError',
      message: `Cannot reach the Jupyter server: ${detail}`,
      status: 0
    });
  }
  if (!response.ok) {
    const text = await response.text();
    throw parseErrorResponse(response.status, response.statusText, text);
  }
  return response;
}

/**
 * Call a JSON API of the Jupyter server (ML Studio's own, or its MLflow face).
 *
 * @param path - path below the Jupyter base URL, query string included.
 * @returns the decoded JSON answer, or `undefined` for an empty answer (204).
 * @throws {MLStudioRequestError} on a network failure or a non-2xx answer.
 */
export async function requestJSON<T>(
  path: string,
  init: RequestInit = {},
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<T> {
  const response = await requestRaw(path, init, settings);
  const text = await response.text();
  if (!text) {
    return undefined as T;
  }
  try {
    return parseJSON(text) as T;
  } catch {
    throw new MLStudioRequestError({
      error: 'InvalidResponse',
      message: `The server's answer to ${path} is not JSON`,
      status: response.status
    });
  }
}

/**
 * Call the ML Studio REST API.
 *
 * @param endpoint - path below `mlstudio/api/v1`, e.g. `status` or `instance-types/local`.
 * @param init - fetch options; a JSON body is the caller's to serialise.
 * @param settings - server connection settings; the page's by default.
 * @returns the decoded JSON answer, or `undefined` for an empty answer (204).
 * @throws {MLStudioRequestError} on a network failure or a non-2xx answer.
 */
export function requestAPI<T>(
  endpoint: string,
  init: RequestInit = {},
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<T> {
  return requestJSON<T>(URLExt.join(API_PATH, endpoint), init, settings);
}

/**
 * Parse a JSON answer, accepting the bare `NaN`, `Infinity` and `-Infinity` that Python's
 * `json` module writes for metric values that are not finite. They become the strings
 * `"NaN"`, `"Infinity"` and `"-Infinity"`, as the server's events carry them.
 */
export function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const quoted = quoteSpecialNumbers(text);
    if (quoted === text) {
      throw error;
    }
    return JSON.parse(quoted);
  }
}

const SPECIAL_NUMBERS = ['-Infinity', 'Infinity', 'NaN'];

/** Put quotes around the bare special numbers that stand outside JSON strings. */
function quoteSpecialNumbers(text: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') {
        i++;
      } else if (char === '"') {
        inString = false;
      }
      continue;
    }
    if (char === '"') {
      inString = true;
      continue;
    }
    if (char !== 'N' && char !== 'I' && char !== '-') {
      continue;
    }
    const token = SPECIAL_NUMBERS.find(name => text.startsWith(name, i));
    if (token) {
      parts.push(text.slice(copiedUpTo, i), `"${token}"`);
      i += token.length - 1;
      copiedUpTo = i + 1;
    }
  }
  if (copiedUpTo === 0) {
    return text;
  }
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

/**
 * Present any thrown value as a {@link MLStudioRequestError}, so views need one shape.
 */
export function asRequestError(reason: unknown): MLStudioRequestError {
  if (reason instanceof MLStudioRequestError) {
    return reason;
  }
  const message = reason instanceof Error ? reason.message : String(reason);
  return new MLStudioRequestError({ error: 'ClientError', message, status: 0 });
}

/**
 * The URL of a download from the Jupyter server (`path` below the base URL, query string
 * included), for a link the browser follows itself: the file streams to disk however large
 * it is. The browser's session cookie authenticates it, as JupyterLab's own downloads; the
 * `_xsrf` cookie goes along as JupyterLab's do.
 */
export function downloadUrl(
  path: string,
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): string {
  const url = new URL(URLExt.join(settings.baseUrl, path), location.href);
  let cookie = '';
  try {
    cookie = document.cookie;
  } catch {
    cookie = '';
  }
  const xsrf = /\b_xsrf=([^;]*)\b/.exec(cookie);
  if (xsrf) {
    url.searchParams.append('_xsrf', xsrf[1]);
  }
  return url.toString();
}

/** Make the browser download `url` (same origin) as a file called `name`. */
export function startDownload(url: string, name: string): void {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
}
