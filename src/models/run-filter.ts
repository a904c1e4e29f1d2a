/*
 * The filter box of the runs table: what is typed, what the rows were read with, and
 * the server's complaint about a filter it cannot parse. Pure transitions, so the rules
 * are easy to test: a refused filter leaves the rows (and the applied filter) as they
 * were, and the complaint stays until the text changes or a filter is accepted.
 */

import type { MLStudioRequestError } from '../request';

/** The filter box's state. */
export interface IRunFilterState {
  /** The text in the box. */
  draft: string;
  /** The filter the rows shown were read with ('' for none). */
  applied: string;
  /** A filter sent to the server and not answered yet. */
  pending: string | null;
  /** Why the server refused the last filter sent; null when it did not. */
  error: string | null;
}

/** No filter. */
export const EMPTY_FILTER: IRunFilterState = {
  draft: '',
  applied: '',
  pending: null,
  error: null
};

/** A filter as it is sent: without surrounding space (inner text is left as typed). */
export function normalizeFilter(text: string): string {
  return text.trim();
}

/** The text changed. */
export function editFilter(
  state: IRunFilterState,
  draft: string
): IRunFilterState {
  return { ...state, draft };
}

/** Whether the text differs from the filter the rows were read with. */
export function isFilterDirty(state: IRunFilterState): boolean {
  return normalizeFilter(state.draft) !== state.applied;
}

/** The text is sent to the server: it is pending until the answer. */
export function submitFilter(state: IRunFilterState): IRunFilterState {
  return { ...state, pending: normalizeFilter(state.draft) };
}

/** The server answered rows for `filter`: it is the applied filter now. */
export function acceptFilter(
  state: IRunFilterState,
  filter: string
): IRunFilterState {
  return {
    ...state,
    applied: filter,
    pending: state.pending === filter ? null : state.pending,
    error: null
  };
}

/**
 * Whether a failed search was the filter's fault: the server answers 400 and names the
 * `filter` field (or names no field; order_by mistakes name `order_by`).
 */
export function isFilterError(error: MLStudioRequestError): boolean {
  return error.status === 400 && (error.field === 'filter' || !error.field);
}

/** The server refused `filter`: the rows and the applied filter stay as they were. */
export function rejectFilter(
  state: IRunFilterState,
  filter: string,
  error: MLStudioRequestError
): IRunFilterState {
  return {
    ...state,
    pending: state.pending === filter ? null : state.pending,
    error: error.message
  };
}
