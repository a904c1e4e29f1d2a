import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useState } from 'react';

import type { Schemas } from '../api/schema-types';
import { requestAPI } from '../request';

/** `GET mlstudio/api/v1/runs/{run_id}/traces`: a run's traces with their spans. */
export type IRunTraceList = Schemas['RunTraceList'];
/** One trace of a run. */
export type ITraceView = Schemas['TraceView'];
/** One span of a trace, timed from the trace's start. */
export type ISpanView = Schemas['SpanView'];

/** Read a run's traces (newest first) from the server. */
export function getRunTraces(runId: string): Promise<IRunTraceList> {
  return requestAPI<IRunTraceList>(`runs/${encodeURIComponent(runId)}/traces`, {
    method: 'GET'
  });
}

/** Props of {@link RunTraces}. */
export interface IRunTracesProps {
  runId: string;
  trans: TranslationBundle;
  /** Where the traces come from (the server by default). */
  load?: (runId: string) => Promise<IRunTraceList>;
}

/** A span's duration: microseconds as µs, ms or s. */
export function formatMicros(micros: number | null | undefined): string {
  if (micros === null || micros === undefined) {
    return '…';
  }
  if (micros < 1000) {
    return `${micros} µs`;
  }
  if (micros < 1_000_000) {
    return `${(micros / 1000).toFixed(1)} ms`;
  }
  return `${(micros / 1_000_000).toFixed(2)} s`;
}

function preview(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

/** The spans in tree order: each after its parent, with its depth. */
export function spanTree(spans: ISpanView[]): [ISpanView, number][] {
  const ids = new Set(spans.map(span => span.span_id));
  const children = new Map<string | null, ISpanView[]>();
  for (const span of spans) {
    const parent =
      span.parent_span_id && ids.has(span.parent_span_id)
        ? span.parent_span_id
        : null;
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const out: [ISpanView, number][] = [];
  const visit = (parent: string | null, depth: number): void => {
    for (const span of children.get(parent) ?? []) {
      out.push([span, depth]);
      visit(span.span_id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

/** Pixels a child span's name (and its inputs and outputs) sit right of its parent's. */
const INDENT = 16;

function SpanRow(props: {
  span: ISpanView;
  depth: number;
  total: number;
  trans: TranslationBundle;
}): JSX.Element {
  const { span, depth, total, trans } = props;
  const [open, setOpen] = useState(false);
  const left = total > 0 ? (100 * span.start_offset_us) / total : 0;
  const width =
    total > 0 ? Math.max(0.5, (100 * (span.duration_us ?? 0)) / total) : 100;
  return (
    <li
      className="jp-mlstudio-span"
      data-span-id={span.span_id}
      data-status={span.status}
    >
      <button
        type="button"
        className="jp-mlstudio-span-row"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {/* The depth indents the name alone, so every bar shares one time axis. */}
        <span
          className="jp-mlstudio-span-name"
          style={{ paddingLeft: `${depth * INDENT}px` }}
          title={span.name}
        >
          {span.name}
        </span>
        {/* Always there (empty without a type), so each part keeps its column. */}
        <span className="jp-mlstudio-span-type">{span.span_type ?? ''}</span>
        <span className="jp-mlstudio-span-duration">
          {formatMicros(span.duration_us)}
        </span>
        <span className="jp-mlstudio-span-bar" aria-hidden="true">
          <span style={{ marginLeft: `${left}%`, width: `${width}%` }} />
        </span>
      </button>
      {open ? (
        <dl
          className="jp-mlstudio-span-io"
          style={{ marginLeft: `${(depth + 1) * INDENT}px` }}
        >
          <dt>{trans.__('Inputs')}</dt>
          <dd>
            <pre>{preview(span.inputs)}</pre>
          </dd>
          <dt>{trans.__('Outputs')}</dt>
          <dd>
            <pre>{preview(span.outputs)}</pre>
          </dd>
        </dl>
      ) : null}
    </li>
  );
}

function TraceTree(props: {
  trace: ITraceView;
  trans: TranslationBundle;
}): JSX.Element {
  const { trace, trans } = props;
  const total =
    trace.execution_duration !== null && trace.execution_duration !== undefined
      ? trace.execution_duration * 1000
      : Math.max(
          0,
          ...trace.spans.map(s => s.start_offset_us + (s.duration_us ?? 0))
        );
  // Without a name of its own, a trace is called by its root span, not by a hex id.
  const root = trace.spans.find(
    span =>
      !span.parent_span_id ||
      !trace.spans.some(other => other.span_id === span.parent_span_id)
  );
  return (
    <div
      className="jp-mlstudio-trace"
      data-trace-id={trace.trace_id}
      data-state={trace.state}
    >
      <div className="jp-mlstudio-trace-title" title={trace.trace_id}>
        {trace.name ?? root?.name ?? trace.trace_id} · {trace.state} ·{' '}
        {formatMicros(total)}
      </div>
      <ul className="jp-mlstudio-span-tree">
        {spanTree(trace.spans).map(([span, depth]) => (
          <SpanRow
            key={span.span_id}
            span={span}
            depth={depth}
            total={total}
            trans={trans}
          />
        ))}
      </ul>
    </div>
  );
}

/**
 * The traces made inside a run (mlflow's `@mlflow.trace`, `mlflow.start_span`), each as
 * its span tree with timings; a span opens to show its inputs and outputs. Nothing shows
 * for a run without traces.
 */
export function RunTraces(props: IRunTracesProps): JSX.Element | null {
  const { runId, trans } = props;
  const load = props.load ?? getRunTraces;
  const [traces, setTraces] = useState<ITraceView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    load(runId).then(
      list => live && setTraces(list.traces),
      (reason: unknown) => live && setError(String(reason))
    );
    return () => {
      live = false;
    };
  }, [runId]);
  // A run without traces (or not yet read) shows no section at all.
  if (!error && (traces === null || traces.length === 0)) {
    return null;
  }
  return (
    <section className="jp-mlstudio-job-section jp-mlstudio-run-traces">
      <h3 className="jp-mlstudio-subheading">{trans.__('Traces')}</h3>
      {error ? (
        <p className="jp-mlstudio-error">{error}</p>
      ) : (
        (traces ?? []).map(trace => (
          <TraceTree key={trace.trace_id} trace={trace} trans={trans} />
        ))
      )}
    </section>
  );
}
