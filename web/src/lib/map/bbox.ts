/** Pure helpers on `[w, s, e, n]` boxes in degrees. */
import type { Bbox } from '../api/types';

/** The API refuses boxes spanning more than this many degrees (docs/API.md). */
export const MAX_BBOX_SPAN_DEG = 2;

/** Grows a box by `fraction` of its width and height on every side. */
export function padBbox([w, s, e, n]: Bbox, fraction: number): Bbox {
  const dx = (e - w) * fraction;
  const dy = (n - s) * fraction;
  return [w - dx, s - dy, e + dx, n + dy];
}

export function intersectBbox(a: Bbox, b: Bbox): Bbox | null {
  const w = Math.max(a[0], b[0]);
  const s = Math.max(a[1], b[1]);
  const e = Math.min(a[2], b[2]);
  const n = Math.min(a[3], b[3]);
  return w < e && s < n ? [w, s, e, n] : null;
}

export function containsBbox(outer: Bbox, inner: Bbox): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

/** Keeps a box inside ±180/±85 and no wider or taller than `maxSpan` degrees, around its centre. */
export function clampBbox([w, s, e, n]: Bbox, maxSpan = MAX_BBOX_SPAN_DEG): Bbox {
  const cx = (w + e) / 2;
  const cy = (s + n) / 2;
  const hx = Math.min(e - w, maxSpan) / 2;
  const hy = Math.min(n - s, maxSpan) / 2;
  return [Math.max(-180, cx - hx), Math.max(-85, cy - hy), Math.min(180, cx + hx), Math.min(85, cy + hy)];
}
