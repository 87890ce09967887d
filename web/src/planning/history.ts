/**
 * Undo/redo of plan edits: each step is one user action (a brush stroke, a lasso, a split, a
 * merge, a new or deleted grid, a lock) with the units it moved and the grid list and locks
 * before and after, so undo restores exactly what the action changed.
 */

/** [unit id, grid before (null: unassigned), grid after] */
export type Move = [string, string | null, string | null];

export interface Step {
  moves: Move[];
  gridsBefore: readonly string[];
  gridsAfter: readonly string[];
  lockedBefore: readonly string[];
  lockedAfter: readonly string[];
}

/** Bounded undo and redo stacks; a new step clears the redo stack. */
export class EditHistory {
  #undo: Step[] = [];
  #redo: Step[] = [];
  constructor(private readonly limit = 200) {}

  push(step: Step): void {
    this.#undo.push(step);
    if (this.#undo.length > this.limit) this.#undo.shift();
    this.#redo = [];
  }
  popUndo(): Step | undefined {
    const s = this.#undo.pop();
    if (s) this.#redo.push(s);
    return s;
  }
  popRedo(): Step | undefined {
    const s = this.#redo.pop();
    if (s) this.#undo.push(s);
    return s;
  }
  clear(): void {
    this.#undo = [];
    this.#redo = [];
  }
  get undoCount(): number {
    return this.#undo.length;
  }
  get redoCount(): number {
    return this.#redo.length;
  }
}

/** Colours of grids by label, distinct for the first dozen and stable while the workspace is open. */
export const GRID_PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd', '#e6550d', '#31a354'];
