/**
 * PostGIS keeps bounding boxes as float4 rounded outwards (`next_float_down` / `next_float_up`),
 * so its `&&` passes a point a hair outside a double-precision box. Code that must answer as `&&`
 * does (the finder's in-memory cut, the walking graphs matching road changes to the boxes their
 * edges were read with) rounds the same way.
 */
const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);

/** The largest float4 ≤ x. */
export function floatDown(x: number): number {
  f32[0] = x;
  if (f32[0] > x) i32[0] += f32[0] > 0 ? -1 : f32[0] < 0 ? 1 : -(2 ** 31) + 1;
  return f32[0];
}

/** The smallest float4 ≥ x. */
export function floatUp(x: number): number {
  f32[0] = x;
  if (f32[0] < x) i32[0] += f32[0] > 0 ? 1 : f32[0] < 0 ? -1 : 1;
  return f32[0];
}

/** [west, south, east, north] rounded outwards to float4, as PostGIS stores it. */
export function float4Box([w, s, e, n]: readonly [number, number, number, number]): [number, number, number, number] {
  return [floatDown(w), floatDown(s), floatUp(e), floatUp(n)];
}
