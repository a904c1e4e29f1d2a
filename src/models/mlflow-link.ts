/**
 * MLflow's links, as the `mlflow` client prints them, read as the ML Studio view they name.
 *
 * The client prints `<tracking URI>/#/experiments/<id>/runs/<id>` after a run and
 * `<tracking URI>/#/experiments/<id>` for an experiment; the server's page at the tracking
 * URI hands the part after `#` to JupyterLab as `?mlflow-link=<fragment>`.
 */

/** The query parameter that carries an MLflow link's fragment into JupyterLab. */
export const MLFLOW_LINK_PARAMETER = 'mlflow-link';

/** The view an MLflow link names. */
export type MlflowLinkTarget =
  | { kind: 'run'; experimentId: string; runId: string }
  | { kind: 'experiment'; experimentId: string }
  | { kind: 'model'; name: string };

/**
 * The view that the fragment of an MLflow link names, or null for a fragment this
 * extension has no view for. Query parts (`?searchFilter=...`) and sub-pages of a run
 * (`/artifacts`, `/model-metrics`) are ignored.
 */
export function parseMlflowLink(
  fragment: string | null | undefined
): MlflowLinkTarget | null {
  const route = (fragment ?? '').replace(/^#/, '').split(/[?#]/, 1)[0];
  let parts: string[];
  try {
    parts = route
      .split('/')
      .filter(part => part !== '')
      .map(part => decodeURIComponent(part));
  } catch {
    return null; // malformed %-escapes
  }
  const [head, first, sub, second] = parts;
  if (head === 'experiments' && first) {
    return sub === 'runs' && second
      ? { kind: 'run', experimentId: first, runId: second }
      : { kind: 'experiment', experimentId: first };
  }
  if (head === 'models' && first) {
    return { kind: 'model', name: first };
  }
  return null;
}

/** The MLflow link carried by a URL's query string (`?mlflow-link=...`), if any. */
export function mlflowLinkOf(search: string): string | null {
  return new URLSearchParams(search).get(MLFLOW_LINK_PARAMETER);
}

/** `href` without the MLflow link parameter (what the address bar shows once it is opened). */
export function withoutMlflowLink(href: string): string {
  const url = new URL(href);
  url.searchParams.delete(MLFLOW_LINK_PARAMETER);
  return url.toString();
}
