/** Pure parts of the workspace: undo/redo stacks, the lasso's point-in-ring, the split line's sides. */
import { describe, expect, it } from 'vitest';
import { EditHistory, type Step } from '../../../web/src/planning/history.ts';
import { pointInRing, sideOf } from '../../../web/src/planning/tools/screen-geometry.ts';

const step = (u: string): Step => ({ moves: [[u, 'a', 'b']], gridsBefore: ['a', 'b'], gridsAfter: ['a', 'b'], lockedBefore: [], lockedAfter: [] });

describe('EditHistory', () => {
  it('undoes last-first, redoes, and a new step clears the redo stack', () => {
    const h = new EditHistory();
    h.push(step('1'));
    h.push(step('2'));
    expect(h.popUndo()!.moves[0][0]).toBe('2');
    expect([h.undoCount, h.redoCount]).toEqual([1, 1]);
    expect(h.popRedo()!.moves[0][0]).toBe('2');
    h.popUndo();
    h.push(step('3'));
    expect(h.redoCount).toBe(0);
    expect(h.popRedo()).toBeUndefined();
  });

  it('keeps at most `limit` steps', () => {
    const h = new EditHistory(3);
    for (let i = 0; i < 5; i++) h.push(step(String(i)));
    expect(h.undoCount).toBe(3);
    expect(h.popUndo()!.moves[0][0]).toBe('4');
  });
});

describe('screen geometry', () => {
  const square: [number, number][] = [[0, 0], [10, 0], [10, 10], [0, 10]];
  it('finds points inside a lasso ring, open or closed', () => {
    expect(pointInRing(5, 5, square)).toBe(true);
    expect(pointInRing(15, 5, square)).toBe(false);
    expect(pointInRing(5, 5, [...square, [0, 0]])).toBe(true);
  });

  it('puts points left or right of a drawn line, ends extended (y grows downwards)', () => {
    const line: [number, number][] = [[0, 50], [50, 50], [100, 60]];
    expect(sideOf(25, 10, line)).toBe(-1); // above a rightward line: its left
    expect(sideOf(25, 90, line)).toBe(1);
    expect(sideOf(-200, 40, line)).toBe(-1); // beyond the start, on the extension
    expect(sideOf(300, 150, line)).toBe(1); // below the extended last segment
  });
});
