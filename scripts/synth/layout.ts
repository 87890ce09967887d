/**
 * Lays out every block of the city: which slot holds what (homes, shops, a school, the
 * community centre), then the buildings, aiming block by block at the requested total.
 */
import { rngFor, type Rng } from './rng.ts';
import { lineClass, BLOCKS_PER_COMMUNITY, type CityPlan } from './plan.ts';
import { blockFrame, layoutBlock, slotLength, SLOTS, type BlockLayout, type Compound, type SlotKind } from './block.ts';
import { slabCapacity, GRID_MIN } from './slab.ts';
import { communityNames, compoundNames } from './names.ts';

export interface PlacedBlock extends BlockLayout {
  row: number;
  col: number;
  /** Index of the community (row-major over the community grid). */
  community: number;
  compoundName: string;
  /** Building refs (`syn:<n>`), parallel to `buildings`. */
  refs: string[];
}

export interface CityLayout {
  plan: CityPlan;
  /** Blocks row-major, north→south, west→east. */
  blocks: PlacedBlock[];
  /** Community base names, by community index. */
  communityNames: string[];
}

/** Fewest homes a block keeps so it can still form a grid. */
const MIN_RES_SLOTS = 3;
const MAX_ATTEMPTS = 80;

function isMain(i: number, count: number): boolean {
  return lineClass(i, count) !== 'residential';
}

/** Slot programmes for the four blocks of one community, row-major within it. */
export function communitySlots(plan: CityPlan, commRow: number, commCol: number, rng: Rng): { slots: SlotKind[]; compound: Compound }[] {
  const blocks = [0, 1, 2, 3].map((k) => {
    const row = commRow * BLOCKS_PER_COMMUNITY + (k >> 1);
    const col = commCol * BLOCKS_PER_COMMUNITY + (k & 1);
    const slots: SlotKind[] = Array(SLOTS).fill('res');
    const compound: Compound = (['old', 'commodity', 'resettlement'] as const)[rng.weighted([0.3, 0.45, 0.25])];
    const shops = (band: number, line: number) => {
      if (!isMain(line, plan.blockRows + 1)) return;
      for (const s of [band * 2, band * 2 + 1]) {
        if (!rng.chance(0.35)) continue;
        slots[s] = lineClass(line, plan.blockRows + 1) === 'primary' && rng.chance(0.3) ? rng.pick(['office', 'hotel'] as const) : 'commercial';
      }
    };
    shops(0, row);
    shops(3, row + 1);
    return { slots, compound };
  });
  if (rng.chance(0.5)) {
    const b = blocks[rng.int(0, 3)].slots;
    const band = rng.pick([0, 3]);
    b[band * 2] = 'school';
    b[band * 2 + 1] = 'playground';
  }
  for (const b of blocks) {
    if (rng.chance(0.08)) {
      const free = b.slots.map((s, i) => (s === 'res' ? i : -1)).filter((i) => i >= 0);
      b.slots[rng.pick(free)] = 'kindergarten';
    }
  }
  const centre = blocks[rng.int(0, 3)].slots;
  const free = centre.map((s, i) => (s === 'res' ? i : -1)).filter((i) => i >= 0);
  centre[rng.pick(free)] = 'public';
  for (const b of blocks) {
    // Give shops back to homes until the block can hold a grid again.
    for (let s = 0; s < SLOTS && b.slots.filter((k) => k === 'res').length < MIN_RES_SLOTS; s++) {
      if (b.slots[s] === 'commercial' || b.slots[s] === 'office' || b.slots[s] === 'hotel' || b.slots[s] === 'kindergarten') b.slots[s] = 'res';
    }
  }
  return blocks;
}

/**
 * Lays out all blocks. Each block aims at the households still missing, shared over the
 * blocks still to come by weight (blocks with fewer homes take less), so the city total
 * lands within a block's spread of the request.
 */
export function layoutCity(plan: CityPlan, seed: number): CityLayout {
  const { blockCols, blockRows, commCols } = plan;
  const programme: { slots: SlotKind[]; compound: Compound }[] = Array(blockCols * blockRows);
  for (let cr = 0; cr < plan.commRows; cr++) {
    for (let cc = 0; cc < commCols; cc++) {
      communitySlots(plan, cr, cc, rngFor(seed, 'programme', cr, cc)).forEach((p, k) => {
        const k2 = BLOCKS_PER_COMMUNITY;
        programme[(cr * k2 + (k >> 1)) * blockCols + cc * k2 + (k & 1)] = p;
      });
    }
  }
  const weight = programme.map((p) => 0.4 + (0.6 * p.slots.filter((s) => s === 'res').length) / SLOTS);
  let remainingW = weight.reduce((s, w) => s + w, 0);
  let remaining = plan.households;
  const names = compoundNames(rngFor(seed, 'compound-names'), programme.length);
  const blocks: PlacedBlock[] = [];
  let nextRef = 1;
  for (let i = 0; i < programme.length; i++) {
    const row = Math.floor(i / blockCols);
    const col = i % blockCols;
    const frame = blockFrame({ x0: plan.colX[col], x1: plan.colX[col + 1], y0: plan.rowY[row + 1], y1: plan.rowY[row] });
    const { slots, compound } = programme[i];
    const nRes = slots.filter((s) => s === 'res').length;
    const capacity = Math.floor(nRes * slabCapacity(slotLength(frame) - 2) * 0.8);
    const target = Math.min(capacity, Math.max(GRID_MIN * 1.15, (remaining * weight[i]) / remainingW));
    const rng = rngFor(seed, 'block', row, col);
    let layout: BlockLayout | null = null;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && !layout; attempt++) {
      const jitter = attempt < MAX_ATTEMPTS / 2 ? 0.2 : 0.05;
      layout = layoutBlock({ frame, slots, compound, targetHouseholds: target, jitter }, rng);
    }
    if (!layout) throw new Error(`block row ${row} col ${col}: no split into grids of 200–400 households near ${Math.round(target)}`);
    const got = layout.grids.reduce((s, g) => s + g.households, 0);
    remaining -= got;
    remainingW -= weight[i];
    const community = Math.floor(row / BLOCKS_PER_COMMUNITY) * commCols + Math.floor(col / BLOCKS_PER_COMMUNITY);
    const refs = layout.buildings.map(() => `syn:${nextRef++}`);
    blocks.push({ ...layout, row, col, community, compoundName: names[i], refs });
  }
  return { plan, blocks, communityNames: communityNames(rngFor(seed, 'community-names'), plan.commCols * plan.commRows) };
}
