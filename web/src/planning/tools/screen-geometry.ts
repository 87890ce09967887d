/** Pure screen-space geometry of the tools (pixels; y grows downwards). */

/** Even–odd ray casting: is (x, y) inside the ring (closed or not)? */
export function pointInRing(x: number, y: number, ring: readonly [number, number][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Side of a point against a polyline: the sign of the cross product with its nearest segment, the
 * end segments extended beyond the ends (negative = left of the drawing direction on screen).
 */
export function sideOf(x: number, y: number, pts: readonly [number, number][]): number {
  let best = Infinity, side = 0;
  for (let i = 0; i + 1 < pts.length; i++) {
    const [ax, ay] = pts[i], [bx, by] = pts[i + 1];
    const dx = bx - ax, dy = by - ay;
    const l2 = dx * dx + dy * dy || 1;
    let t = ((x - ax) * dx + (y - ay) * dy) / l2;
    if (i > 0) t = Math.max(0, t);
    if (i + 2 < pts.length) t = Math.min(1, t);
    const d = (ax + t * dx - x) ** 2 + (ay + t * dy - y) ** 2;
    if (d < best) {
      best = d;
      side = Math.sign(dx * (y - ay) - dy * (x - ax));
    }
  }
  return side;
}
