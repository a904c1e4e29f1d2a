import {
  cellText,
  columnId,
  compareByColumn,
  defaultColumns,
  mergeColumns,
  moveColumn,
  parseColumns,
  quoteKey,
  RunColumn,
  serverOrderBy,
  sortValue
} from '../models/run-columns';
import { KEYS, latest, makeRun } from './experiment-fixtures';

const NOW = 1_700_000_600_000;

describe('the columns of the runs table', () => {
  it('sorts metrics by their last value on the server, with the key quoted when needed', () => {
    const last: RunColumn = {
      kind: 'metric',
      key: 'accuracy',
      aggregate: 'last'
    };
    const spaced: RunColumn = {
      kind: 'metric',
      key: 'val acc',
      aggregate: 'last'
    };
    const slashed: RunColumn = {
      kind: 'metric',
      key: 'val/loss',
      aggregate: 'last'
    };

    expect(serverOrderBy(last, true)).toBe('metrics.accuracy DESC');
    expect(serverOrderBy(spaced, false)).toBe('metrics.`val acc` ASC');
    expect(serverOrderBy(slashed, true)).toBe('metrics.val/loss DESC');
  });

  it('leaves the min, the max and the duration to the loaded rows', () => {
    expect(
      serverOrderBy({ kind: 'metric', key: 'loss', aggregate: 'min' }, true)
    ).toBeNull();
    expect(
      serverOrderBy({ kind: 'metric', key: 'loss', aggregate: 'max' }, true)
    ).toBeNull();
    expect(
      serverOrderBy({ kind: 'attribute', key: 'duration' }, true)
    ).toBeNull();
  });

  it('sorts params, tags and attributes on the server', () => {
    expect(serverOrderBy({ kind: 'param', key: 'lr' }, false)).toBe(
      'params.lr ASC'
    );
    expect(serverOrderBy({ kind: 'tag', key: 'team' }, true)).toBe(
      'tags.team DESC'
    );
    expect(serverOrderBy({ kind: 'attribute', key: 'start_time' }, true)).toBe(
      'attributes.start_time DESC'
    );
    expect(serverOrderBy({ kind: 'attribute', key: 'name' }, false)).toBe(
      'attributes.run_name ASC'
    );
  });

  it('doubles backticks inside a quoted key', () => {
    expect(quoteKey('a`b c')).toBe('`a``b c`');
    expect(quoteKey('plain_key.1')).toBe('plain_key.1');
  });

  it('gives each column a stable id, the aggregate included', () => {
    expect(columnId({ kind: 'metric', key: 'loss', aggregate: 'min' })).toBe(
      'metric:loss:min'
    );
    expect(columnId({ kind: 'param', key: 'lr' })).toBe('param:lr');
  });

  it('reads the last, min or max of a metric, NaN as no value', () => {
    const run = makeRun({
      metrics: [
        latest('loss', [3, 1, 2]),
        { ...latest('bad', [1]), value: 'NaN' }
      ]
    });
    const column = (aggregate: 'last' | 'min' | 'max'): RunColumn => ({
      kind: 'metric',
      key: 'loss',
      aggregate
    });

    expect(sortValue(run, column('last'), NOW)).toBe(2);
    expect(sortValue(run, column('min'), NOW)).toBe(1);
    expect(sortValue(run, column('max'), NOW)).toBe(3);
    expect(
      sortValue(run, { kind: 'metric', key: 'bad', aggregate: 'last' }, NOW)
    ).toBeNull();
    expect(
      cellText(run, { kind: 'metric', key: 'bad', aggregate: 'last' }, NOW)
    ).toBe('NaN');
  });

  it('counts a running run up to now', () => {
    const run = makeRun({ start_time: NOW - 125_000, end_time: null });
    const duration: RunColumn = { kind: 'attribute', key: 'duration' };

    expect(sortValue(run, duration, NOW)).toBe(125_000);
    expect(cellText(run, duration, NOW)).toBe('2m 05s');
  });

  it('puts runs without a value last in both directions', () => {
    const column: RunColumn = { kind: 'metric', key: 'acc', aggregate: 'last' };
    const high = makeRun({ run_id: 'h', metrics: [latest('acc', [0.9])] });
    const low = makeRun({ run_id: 'l', metrics: [latest('acc', [0.1])] });
    const none = makeRun({ run_id: 'n' });
    const order = (descending: boolean): string[] =>
      [none, low, high]
        .sort((a, b) => compareByColumn(a, b, column, descending, NOW))
        .map(run => run.run_id);

    expect(order(true)).toEqual(['h', 'l', 'n']);
    expect(order(false)).toEqual(['l', 'h', 'n']);
  });

  it('compares text as people do: run-2 before run-10', () => {
    const column: RunColumn = { kind: 'attribute', key: 'name' };
    const two = makeRun({ name: 'run-2' });
    const ten = makeRun({ name: 'run-10' });

    expect(compareByColumn(two, ten, column, false, NOW)).toBeLessThan(0);
  });

  it('leads with Name and the first metrics, then the attributes and the first params', () => {
    const ids = defaultColumns(KEYS, 2, 2).map(columnId);

    expect(ids).toEqual([
      'attribute:name',
      'metric:accuracy:last',
      'metric:loss:last',
      'attribute:status',
      'attribute:start_time',
      'attribute:duration',
      'attribute:user_id',
      'param:batch_size',
      'param:lr'
    ]);
  });
});

describe('mergeColumns', () => {
  const shown = (columns: RunColumn[]): string[] => columns.map(columnId);

  it('keeps every shown column when a new param sorts before them', () => {
    // Given the default columns of an experiment with four params
    const keys = {
      params: ['b', 'c', 'd', 'e'],
      metrics: ['loss'],
      tags: []
    };
    const first = mergeColumns([], keys, false);
    // When a run brings a param that sorts first
    const again = mergeColumns(
      first,
      { ...keys, params: ['a', ...keys.params] },
      false
    );
    // Then no column went away and the new param did not push one out
    expect(shown(again)).toEqual(shown(first));
  });

  it('adds a new metric while the defaults have room, after the other metrics', () => {
    const keys = { params: ['lr'], metrics: ['loss'], tags: [] };
    const first = mergeColumns([], keys, false);
    const again = mergeColumns(
      first,
      { ...keys, metrics: ['acc', 'loss'] },
      false
    );
    expect(shown(again).slice(0, 3)).toEqual([
      'attribute:name',
      'metric:loss:last',
      'metric:acc:last'
    ]);
  });

  it('leaves chosen columns exactly as they are, Name first', () => {
    const chosen: RunColumn[] = [
      { kind: 'param', key: 'lr' },
      { kind: 'attribute', key: 'name' }
    ];
    const merged = mergeColumns(
      chosen,
      { params: ['lr', 'z'], metrics: ['acc'], tags: [] },
      true
    );
    expect(shown(merged)).toEqual(['attribute:name', 'param:lr']);
  });
});

describe('moveColumn', () => {
  const columns: RunColumn[] = [
    { kind: 'attribute', key: 'name' },
    { kind: 'metric', key: 'acc', aggregate: 'last' },
    { kind: 'attribute', key: 'status' },
    { kind: 'param', key: 'lr' }
  ];

  it('moves a column before another, or to the end', () => {
    expect(
      moveColumn(columns, 'param:lr', 'metric:acc:last').map(columnId)
    ).toEqual([
      'attribute:name',
      'param:lr',
      'metric:acc:last',
      'attribute:status'
    ]);
    expect(moveColumn(columns, 'metric:acc:last', null).map(columnId)).toEqual([
      'attribute:name',
      'attribute:status',
      'param:lr',
      'metric:acc:last'
    ]);
  });

  it('never moves Name, nor anything before it', () => {
    expect(moveColumn(columns, 'attribute:name', null)).toEqual(columns);
    expect(
      moveColumn(columns, 'param:lr', 'attribute:name').map(columnId)[0]
    ).toBe('attribute:name');
  });
});

describe('parseColumns', () => {
  it('reads back stored columns and refuses anything else', () => {
    const columns: RunColumn[] = [
      { kind: 'attribute', key: 'name' },
      { kind: 'param', key: 'lr' },
      { kind: 'metric', key: 'loss', aggregate: 'min' },
      { kind: 'tag', key: 'team' }
    ];
    expect(parseColumns(JSON.parse(JSON.stringify(columns)))).toEqual(columns);
    expect(parseColumns([])).toEqual([]);
    expect(parseColumns(null)).toBeNull();
    expect(parseColumns({ kind: 'param', key: 'lr' })).toBeNull();
    expect(parseColumns([{ kind: 'attribute', key: 'secret' }])).toBeNull();
    expect(
      parseColumns([{ kind: 'metric', key: 'loss', aggregate: 'mean' }])
    ).toBeNull();
    expect(parseColumns([{ kind: 'param', key: '' }])).toBeNull();
  });
});
