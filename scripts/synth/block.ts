/**
 * One city block (≈200 m between road centre lines): its buildings, and its grids and units
 * as rectangles. A block has four east–west bands (north→south) with two slots each (west and
 * east of the central north–south footway). A grid is a run of whole bands; a unit is a strip
 * of a band around one section (单元) of a slab. So units tile grids and grids tile the block.
 */
import type { Rng } from './rng.ts';
import { designSlab, slabCapacity, splitUnits, GRID_MIN, GRID_MAX } from './slab.ts';

export type SlotKind = 'res' | 'commercial' | 'office' | 'hotel' | 'school' | 'kindergarten' | 'public' | 'playground';
export type BuildingUse = 'residential' | 'commercial' | 'office' | 'hotel' | 'school' | 'public' | 'other';
/** 老旧 (old walk-ups), 商住 (commodity housing), 安置 (resettlement). */
export type Compound = 'old' | 'commodity' | 'resettlement';

/** West, south, east, north in local metres. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export const BANDS = 4;
export const SLOTS = BANDS * 2;
/** Building setback from the road centre line, and clearance from the central footways (m). */
export const ROAD_SETBACK_M = 15;
export const PATH_CLEARANCE_M = 6;
/** Bands next to the east–west footway (or river) keep their slabs this far from it (m). */
export const MID_CLEARANCE_M = 18;

export const COMPOUND_FLOORS: Record<Compound, [number, number]> = { old: [6, 7], commodity: [11, 18], resettlement: [8, 12] };

export interface BlockFrame {
  rect: Rect;
  midx: number;
  midy: number;
  /** Band boundaries north→south: [north edge, …, south edge], 5 values. */
  bandEdges: number[];
}

export interface BuildingPlan {
  kind: Exclude<SlotKind, 'playground'>;
  use: BuildingUse;
  band: number;
  /** 0 = west of the central footway, 1 = east. */
  side: 0 | 1;
  rect: Rect;
  floors: number;
  heightM: number;
  households: number;
  /** Households per unit, west→east; empty for non-residential buildings. */
  units: number[];
  /** Entrance on the end facing the central footway, [x, y] metres. */
  entrance: [number, number];
}

export interface UnitCell {
  rect: Rect;
  /** Index into the block's buildings, and the section (0 = westmost). */
  building: number;
  section: number;
  households: number;
}

export interface GridCell {
  rect: Rect;
  /** Units north→south, west→east. */
  units: UnitCell[];
  households: number;
}

export interface BlockLayout {
  frame: BlockFrame;
  compound: Compound;
  slots: SlotKind[];
  buildings: BuildingPlan[];
  grids: GridCell[];
}

export function blockFrame(rect: Rect): BlockFrame {
  const midx = (rect.x0 + rect.x1) / 2;
  const midy = (rect.y0 + rect.y1) / 2;
  const q = (rect.y1 - rect.y0) / 4;
  return { rect, midx, midy, bandEdges: [rect.y1, midy + q, midy, midy - q, rect.y0] };
}

/** Free length of a slot between the road setback and the footway clearance (m). */
export function slotLength(frame: BlockFrame): number {
  return frame.midx - PATH_CLEARANCE_M - (frame.rect.x0 + ROAD_SETBACK_M);
}

/** Rectangle of a slot (the ground a building of that slot may use), for drawing pitches. */
export function slotRect(frame: BlockFrame, band: number, side: 0 | 1): Rect {
  const { rect, midx, bandEdges } = frame;
  const y1 = band === 0 ? rect.y1 - ROAD_SETBACK_M : band === 2 ? frame.midy - MID_CLEARANCE_M : bandEdges[band] - 4;
  const y0 = band === 3 ? rect.y0 + ROAD_SETBACK_M : band === 1 ? frame.midy + MID_CLEARANCE_M : bandEdges[band + 1] + 4;
  return side === 0 ? { x0: rect.x0 + ROAD_SETBACK_M, y0, x1: midx - PATH_CLEARANCE_M, y1 } : { x0: midx + PATH_CLEARANCE_M, y0, x1: rect.x1 - ROAD_SETBACK_M, y1 };
}

/** Footprint of a building of `lengthM` × `depthM` in a slot, against the footway and its band's outer edge. */
function place(frame: BlockFrame, band: number, side: 0 | 1, lengthM: number, depthM: number): Rect {
  const { rect, midx, midy } = frame;
  const x0 = side === 0 ? midx - PATH_CLEARANCE_M - lengthM : midx + PATH_CLEARANCE_M;
  const x1 = side === 0 ? midx - PATH_CLEARANCE_M : midx + PATH_CLEARANCE_M + lengthM;
  let y0: number;
  if (band === 0) y0 = rect.y1 - ROAD_SETBACK_M - depthM;
  else if (band === 1) y0 = midy + MID_CLEARANCE_M;
  else if (band === 2) y0 = midy - MID_CLEARANCE_M - depthM;
  else y0 = rect.y0 + ROAD_SETBACK_M;
  return { x0, y0, x1, y1: y0 + depthM };
}

interface OtherDesign {
  use: BuildingUse;
  lengthM: number;
  depthM: number;
  floors: number;
  storeyM: number;
}

function designOther(kind: BuildingPlan['kind'], slotLen: number, rng: Rng): OtherDesign {
  const r1 = (v: number) => Math.round(v * 10) / 10;
  switch (kind) {
    case 'commercial':
      return { use: 'commercial', lengthM: r1(slotLen * rng.range(0.6, 0.95)), depthM: r1(rng.range(14, 20)), floors: rng.int(2, 4), storeyM: 4.5 };
    case 'office':
      return { use: 'office', lengthM: r1(Math.min(slotLen - 2, rng.range(35, 55))), depthM: r1(rng.range(18, 22)), floors: rng.int(12, 26), storeyM: 3.8 };
    case 'hotel':
      return { use: 'hotel', lengthM: r1(Math.min(slotLen - 2, rng.range(35, 60))), depthM: r1(rng.range(16, 18)), floors: rng.int(8, 16), storeyM: 3.3 };
    case 'school':
      return { use: 'school', lengthM: r1(slotLen * 0.9), depthM: r1(rng.range(18, 22)), floors: rng.int(4, 5), storeyM: 3.9 };
    case 'kindergarten':
      return { use: 'school', lengthM: r1(rng.range(30, 45)), depthM: r1(rng.range(16, 20)), floors: 3, storeyM: 3.6 };
    case 'public':
      return { use: 'public', lengthM: r1(rng.range(30, 45)), depthM: r1(rng.range(16, 20)), floors: rng.int(3, 5), storeyM: 4 };
    default:
      throw new Error(`slot kind ${kind} has no building design`);
  }
}

/** Every way to cut `n` bands (north→south) into runs of consecutive bands. */
export function bandGroupings(n: number): number[][][] {
  const out: number[][][] = [];
  for (let mask = 0; mask < 1 << (n - 1); mask++) {
    const groups: number[][] = [[0]];
    for (let k = 1; k < n; k++) {
      if (mask & (1 << (k - 1))) groups.push([k]);
      else groups[groups.length - 1].push(k);
    }
    out.push(groups);
  }
  return out;
}

/** Grid targets stay this far inside 200–400 so slab rounding and jitter cannot push them out. */
const GRID_AIM_MIN = GRID_MIN * 1.15;
const GRID_AIM_MAX = GRID_MAX * 0.9;

/**
 * Picks how the bands form grids: each run needs homes that can hold its share of
 * `targetHouseholds`; among fitting groupings one is drawn at random. Returns the groups
 * and the household target of each.
 */
export function chooseGrids(resSlotsPerBand: readonly number[], slabCap: number, targetHouseholds: number, rng: Rng): { groups: number[][]; targets: number[] } {
  let fallback: { groups: number[][]; cost: number } | null = null;
  const fitting: number[][][] = [];
  for (const groups of bandGroupings(resSlotsPerBand.length)) {
    const per = targetHouseholds / groups.length;
    const caps = groups.map((g) => g.reduce((s, k) => s + resSlotsPerBand[k], 0) * slabCap);
    if (caps.some((c) => c < GRID_AIM_MIN * 1.1)) continue;
    if (per >= GRID_AIM_MIN && per <= GRID_AIM_MAX && caps.every((c) => c >= per * 1.1)) fitting.push(groups);
    const cost = Math.abs(Math.log(per / ((GRID_MIN + GRID_MAX) / 2)));
    if (!fallback || cost < fallback.cost) fallback = { groups, cost };
  }
  if (!fallback) throw new Error(`block with homes ${resSlotsPerBand.join('/')} per band cannot hold a grid`);
  const groups = fitting.length ? rng.pick(fitting) : fallback.groups;
  const targets = groups.map((g) => {
    const cap = g.reduce((s, k) => s + resSlotsPerBand[k], 0) * slabCap;
    return Math.min(cap / 1.1, Math.max(GRID_AIM_MIN, Math.min(GRID_AIM_MAX, targetHouseholds / groups.length)));
  });
  return { groups, targets };
}

/** Grid and unit rectangles for bands grouped into runs (see `chooseGrids`). */
export function gridCells(frame: BlockFrame, buildings: readonly BuildingPlan[], groups: readonly number[][]): GridCell[] {
  const { rect, midx, bandEdges } = frame;
  return groups.map((group) => {
    // Each band with households keeps its own strip; empty bands join the nearest one above (else below).
    const strips: { band: number; y0: number; y1: number }[] = [];
    let pendingTop: number | null = null;
    for (const k of group) {
      const res = buildings.some((b) => b.band === k && b.households > 0);
      if (res) {
        strips.push({ band: k, y1: pendingTop ?? bandEdges[k], y0: bandEdges[k + 1] });
        pendingTop = null;
      } else if (strips.length) strips[strips.length - 1].y0 = bandEdges[k + 1];
      else pendingTop ??= bandEdges[k];
    }
    const units: UnitCell[] = [];
    for (const strip of strips) {
      const homes = buildings.map((b, i) => ({ b, i })).filter(({ b }) => b.band === strip.band && b.households > 0);
      for (const { b, i } of homes) {
        const xa = homes.length === 2 && b.side === 1 ? midx : rect.x0;
        const xb = homes.length === 2 && b.side === 0 ? midx : rect.x1;
        const n = b.units.length;
        const edges = [xa];
        for (let s = 1; s < n; s++) edges.push(b.rect.x0 + ((b.rect.x1 - b.rect.x0) * s) / n);
        edges.push(xb);
        for (let s = 0; s < n; s++) {
          units.push({ rect: { x0: edges[s], y0: strip.y0, x1: edges[s + 1], y1: strip.y1 }, building: i, section: s, households: b.units[s] });
        }
      }
    }
    units.sort((a, b) => b.rect.y1 - a.rect.y1 || a.rect.x0 - b.rect.x0);
    const first = group[0];
    const last = group[group.length - 1];
    return {
      rect: { x0: rect.x0, y0: bandEdges[last + 1], x1: rect.x1, y1: bandEdges[first] },
      units,
      households: units.reduce((s, u) => s + u.households, 0),
    };
  });
}

export interface BlockInput {
  frame: BlockFrame;
  slots: SlotKind[];
  compound: Compound;
  /** Households aimed at for the whole block. */
  targetHouseholds: number;
  /** Relative spread of slab sizes around the even share (0.2 = ±20 %). */
  jitter: number;
}

/** Lays out one block; null when a grid missed 200–400 households (the caller retries). */
export function layoutBlock(input: BlockInput, rng: Rng): BlockLayout | null {
  const { frame, slots, compound } = input;
  const len = slotLength(frame);
  const resPerBand = [0, 1, 2, 3].map((k) => (slots[2 * k] === 'res' ? 1 : 0) + (slots[2 * k + 1] === 'res' ? 1 : 0));
  const { groups, targets } = chooseGrids(resPerBand, slabCapacity(len - 2), input.targetHouseholds, rng);
  const slabTarget = (band: number) => {
    const g = groups.findIndex((gr) => gr.includes(band));
    return targets[g] / groups[g].reduce((s, k) => s + resPerBand[k], 0);
  };
  const buildings: BuildingPlan[] = [];
  slots.forEach((kind, s) => {
    if (kind === 'playground') return;
    const band = s >> 1;
    const side = (s & 1) as 0 | 1;
    let lengthM: number, depthM: number, floors: number, heightM: number, households: number, use: BuildingUse;
    if (kind === 'res') {
      const target = slabTarget(band) * rng.range(1 - input.jitter, 1 + input.jitter);
      const slab = designSlab(target, len - 2, COMPOUND_FLOORS[compound], rng);
      ({ lengthM, depthM, floors, households } = slab);
      heightM = Math.round(floors * 29) / 10;
      use = 'residential';
    } else {
      const d = designOther(kind, len, rng);
      ({ lengthM, depthM, floors, use } = d);
      heightM = Math.round(floors * d.storeyM * 10) / 10;
      households = 0;
    }
    const rect = place(frame, band, side, lengthM, depthM);
    const entrance: [number, number] = [side === 0 ? rect.x1 : rect.x0, (rect.y0 + rect.y1) / 2];
    buildings.push({ kind, use, band, side, rect, floors, heightM, households, units: households ? splitUnits(households) : [], entrance });
  });
  const grids = gridCells(frame, buildings, groups);
  if (grids.some((g) => g.households < GRID_MIN || g.households > GRID_MAX)) return null;
  return { frame, compound, slots, buildings, grids };
}
