import { ServerConnection } from '@jupyterlab/services';

/** The base URL the API tests' fake server answers under. */
export const BASE_URL = 'http://127.0.0.1:8912/lab-base/';

/** REST prefix of the extension below the base URL. */
export const API_PREFIX = '/lab-base/mlstudio/api/v1/';

/**
 * Server settings whose fetch records every request and answers with `respond`: the
 * network is faked below ServerConnection.makeRequest, so the API modules run whole.
 */
export function fakeServer(
  respond: (request: Request) => Response | Promise<Response>
): {
  settings: ServerConnection.ISettings;
  requests: Request[];
} {
  const requests: Request[] = [];
  const settings = ServerConnection.makeSettings({
    baseUrl: BASE_URL,
    token: 't',
    fetch: async (input: RequestInfo) => {
      requests.push(input as Request);
      return respond(input as Request);
    }
  });
  return { settings, requests };
}

/** A JSON answer. */
export function json(status: number, body: unknown, statusText = ''): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText,
    headers: { 'Content-Type': 'application/json' }
  });
}

/** Method and path below `prefix`, query included. */
export function requestBelow(request: Request, prefix: string): string {
  const url = new URL(request.url);
  return `${request.method} ${url.pathname.replace(prefix, '')}${url.search}`;
}

/** Method and path below the REST prefix, query included. */
export function where(request: Request): string {
  return requestBelow(request, API_PREFIX);
}
