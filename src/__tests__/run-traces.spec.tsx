import { nullTranslator } from '@jupyterlab/translation';
import React, { act } from 'react';

import {
  formatMicros,
  RunTraces,
  spanTree,
  type IRunTraceList,
  type ISpanView
} from '../components/run-traces';
import { render, unmountAll } from './dom';

const trans = nullTranslator.load('jupyterlab_mlstudio');

afterEach(unmountAll);

function span(
  id: string,
  parent: string | null,
  start: number,
  duration: number,
  extra: Partial<ISpanView> = {}
): ISpanView {
  return {
    span_id: id,
    parent_span_id: parent,
    name: id,
    status: 'OK',
    start_offset_us: start,
    duration_us: duration,
    span_type: null,
    inputs: null,
    outputs: null,
    ...extra
  };
}

const LIST: IRunTraceList = {
  traces: [
    {
      trace_id: 'tr-1',
      name: 'answer',
      state: 'OK',
      request_time: 1_700_000_000_000,
      execution_duration: 4,
      spans: [
        span('generate', 'answer', 1500, 2000, {
          span_type: 'LLM',
          inputs: { documents: ['doc'] },
          outputs: { reply: 'hi' }
        }),
        span('answer', null, 0, 4000),
        span('retrieve', 'answer', 100, 1000, { status: 'ERROR' })
      ]
    }
  ]
};

describe('spanTree', () => {
  it('puts each span after its parent, children in the given order, with depths', () => {
    const order = spanTree(LIST.traces[0].spans).map(
      ([item, depth]) => `${item.span_id}:${depth}`
    );
    expect(order).toEqual(['answer:0', 'generate:1', 'retrieve:1']);
  });

  it('shows a span whose parent is missing as a root rather than dropping it', () => {
    const order = spanTree([span('orphan', 'gone', 0, 1)]).map(
      ([s]) => s.span_id
    );
    expect(order).toEqual(['orphan']);
  });
});

describe('RunTraces', () => {
  it("renders the run's traces as span trees with timings, inputs and outputs", async () => {
    const asked: string[] = [];
    const root = render(
      <RunTraces
        runId="run-1"
        trans={trans}
        load={async runId => {
          asked.push(runId);
          return LIST;
        }}
      />
    );
    await act(async () => undefined);
    expect(asked).toEqual(['run-1']);
    const rows = [...root.querySelectorAll('.jp-mlstudio-span')];
    expect(rows.map(row => row.getAttribute('data-span-id'))).toEqual([
      'answer',
      'generate',
      'retrieve'
    ]);
    expect(rows[2].getAttribute('data-status')).toBe('ERROR');
    expect(rows[1].textContent).toContain('2.0 ms');
    expect(rows[1].textContent).toContain('LLM');
    // Inputs and outputs show when a span is opened
    expect(root.textContent).not.toContain('"reply"');
    const button = rows[1].querySelector('button') as HTMLButtonElement;
    await act(async () => button.click());
    expect(root.textContent).toContain('"reply": "hi"');
    expect(root.textContent).toContain('"documents"');
  });

  it('shows nothing for a run without traces, and a failed read as an error', async () => {
    const empty = render(
      <RunTraces runId="r" trans={trans} load={async () => ({ traces: [] })} />
    );
    await act(async () => undefined);
    expect(empty.textContent).toBe('');
    const failed = render(
      <RunTraces
        runId="r"
        trans={trans}
        load={async () => {
          throw new Error('Run r not found');
        }}
      />
    );
    await act(async () => undefined);
    expect(failed.textContent).toContain('Run r not found');
  });
});

describe('formatMicros', () => {
  it('picks µs, ms or s by size', () => {
    expect([
      formatMicros(12),
      formatMicros(2500),
      formatMicros(3_200_000)
    ]).toEqual(['12 µs', '2.5 ms', '3.20 s']);
  });
});
