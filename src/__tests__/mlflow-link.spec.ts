import {
  mlflowLinkOf,
  parseMlflowLink,
  withoutMlflowLink
} from '../models/mlflow-link';

describe('parseMlflowLink', () => {
  it('reads the run link the mlflow client prints after a run', () => {
    expect(parseMlflowLink('/experiments/0/runs/4f1c2a')).toEqual({
      kind: 'run',
      experimentId: '0',
      runId: '4f1c2a'
    });
  });

  it('reads an experiment link, with or without a query part', () => {
    expect(parseMlflowLink('#/experiments/7')).toEqual({
      kind: 'experiment',
      experimentId: '7'
    });
    expect(parseMlflowLink('/experiments/7?searchFilter=metrics.a>1')).toEqual({
      kind: 'experiment',
      experimentId: '7'
    });
  });

  it('opens the run for the sub-pages of a run', () => {
    expect(parseMlflowLink('/experiments/3/runs/abc/artifacts')).toEqual({
      kind: 'run',
      experimentId: '3',
      runId: 'abc'
    });
  });

  it('reads a registered model link, decoding its name', () => {
    expect(parseMlflowLink('/models/iris%20classifier/versions/2')).toEqual({
      kind: 'model',
      name: 'iris classifier'
    });
  });

  it('names no view for other links, empty ones and broken escapes', () => {
    expect(parseMlflowLink('/compare-runs')).toBeNull();
    expect(parseMlflowLink('/experiments')).toBeNull();
    expect(parseMlflowLink('')).toBeNull();
    expect(parseMlflowLink(null)).toBeNull();
    expect(parseMlflowLink('/models/%E0%A4%A')).toBeNull();
  });
});

describe('the address of an MLflow link', () => {
  it('carries the fragment in its query string', () => {
    const search = `?mlflow-link=${encodeURIComponent('/experiments/1/runs/r')}`;
    expect(mlflowLinkOf(search)).toBe('/experiments/1/runs/r');
    expect(mlflowLinkOf('?reset')).toBeNull();
  });

  it('loses only the link parameter once opened', () => {
    expect(
      withoutMlflowLink('http://h/lab?x=1&mlflow-link=%2Fexperiments%2F1#top')
    ).toBe('http://h/lab?x=1#top');
  });
});
