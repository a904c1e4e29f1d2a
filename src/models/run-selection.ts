import { ISignal, Signal } from '@lumino/signaling';

import type { IRun } from '../tokens';

/**
 * The runs ticked in a runs table, in the order they were ticked (which is the order a
 * comparison lists them). Selected runs stay selected when a filter hides them, so a
 * comparison can gather runs from several filters.
 */
export class RunSelection {
  /** Emitted when runs are ticked or unticked. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Ids of the selected runs, in the order they were ticked. */
  get ids(): readonly string[] {
    return [...this._runs.keys()];
  }

  /** The selected runs as they were when ticked (or last seen). */
  get runs(): readonly IRun[] {
    return [...this._runs.values()];
  }

  get size(): number {
    return this._runs.size;
  }

  has(runId: string): boolean {
    return this._runs.has(runId);
  }

  /** Tick or untick a run. */
  toggle(run: IRun): void {
    if (!this._runs.delete(run.run_id)) {
      this._runs.set(run.run_id, run);
    }
    this._changed.emit();
  }

  /** Tick every given run (the header's checkbox), or untick them all if all are ticked. */
  toggleAll(runs: readonly IRun[]): void {
    const allTicked =
      runs.length > 0 && runs.every(run => this.has(run.run_id));
    for (const run of runs) {
      if (allTicked) {
        this._runs.delete(run.run_id);
      } else if (!this._runs.has(run.run_id)) {
        this._runs.set(run.run_id, run);
      }
    }
    this._changed.emit();
  }

  /** Keep the newest copy of selected runs that were read again. */
  update(runs: readonly IRun[]): void {
    for (const run of runs) {
      if (this._runs.has(run.run_id)) {
        this._runs.set(run.run_id, run);
      }
    }
  }

  clear(): void {
    if (this._runs.size) {
      this._runs.clear();
      this._changed.emit();
    }
  }

  private _changed = new Signal<this, void>(this);
  private _runs = new Map<string, IRun>();
}
