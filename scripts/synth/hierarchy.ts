/**
 * Codes, names and rectangles of the four area levels, and the building records that refer
 * to them. Codes follow CJ/T 349-2010 as DATA-FORMAT.md asks: street (9 digits, real) +
 * community (3) + grid (2) + unit (3), each level numbered west→east, north→south.
 */
import type { CityLayout, PlacedBlock } from './layout.ts';
import type { BuildingPlan, Rect } from './block.ts';
import { BLOCKS_PER_COMMUNITY } from './plan.ts';

export type Level = 'street' | 'community' | 'grid' | 'unit';

export interface AreaRec {
  code: string;
  level: Level;
  name: string;
  parentCode: string | null;
  rect: Rect;
}

export interface UnitRec extends AreaRec {
  building: BuildingRec;
  section: number;
  households: number;
}

export interface GridRec extends AreaRec {
  block: PlacedBlock;
  units: UnitRec[];
}

export interface CommunityRec extends AreaRec {
  baseName: string;
  blocks: PlacedBlock[];
  grids: GridRec[];
}

export interface BuildingRec {
  ref: string;
  plan: BuildingPlan;
  block: PlacedBlock;
  name: string;
  address: string;
  /** Unit code per section (empty for non-residential buildings). */
  unitCodes: string[];
}

export interface Hierarchy {
  streets: AreaRec[];
  communities: CommunityRec[];
  grids: GridRec[];
  units: UnitRec[];
  /** All buildings, by ref order. */
  buildings: BuildingRec[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** North first, then west first: the reading order the codes number in. */
export function readingOrder(a: { rect: Rect }, b: { rect: Rect }): number {
  return b.rect.y1 - a.rect.y1 || a.rect.x0 - b.rect.x0;
}

function buildingName(block: PlacedBlock, plan: BuildingPlan, homeNumber: number, communityName: string): string {
  const compound = block.compoundName;
  switch (plan.kind) {
    case 'res':
      return `${compound}${homeNumber}号楼`;
    case 'commercial':
      return `${compound}商业楼`;
    case 'office':
      return `${compound.slice(0, 2)}大厦`;
    case 'hotel':
      return `${compound.slice(0, 2)}酒店`;
    case 'school':
      return `${communityName}小学`;
    case 'kindergarten':
      return `${compound}幼儿园`;
    case 'public':
      return `${communityName}社区党群服务中心`;
  }
}

function blockBuildings(layout: CityLayout, block: PlacedBlock): BuildingRec[] {
  let homes = 0;
  const community = layout.communityNames[block.community];
  const street = `${layout.plan.ewNames[block.row]}${block.col * 20 + 1}号`;
  return block.buildings.map((plan, i) => {
    const name = buildingName(block, plan, plan.kind === 'res' ? ++homes : 0, community);
    return { ref: block.refs[i], plan, block, name, address: street + name, unitCodes: [] };
  });
}

export function buildHierarchy(layout: CityLayout): Hierarchy {
  const { plan, blocks } = layout;
  const out: Hierarchy = { streets: [], communities: [], grids: [], units: [], buildings: [] };
  const byBlock = new Map<PlacedBlock, BuildingRec[]>();
  for (const block of blocks) {
    const recs = blockBuildings(layout, block);
    byBlock.set(block, recs);
    out.buildings.push(...recs);
  }
  const k = BLOCKS_PER_COMMUNITY;
  for (const s of plan.streets) {
    const street: AreaRec = {
      code: s.code,
      level: 'street',
      name: s.name,
      parentCode: null,
      rect: { x0: plan.colX[s.c0 * k], x1: plan.colX[s.c1 * k], y0: plan.rowY[s.r1 * k], y1: plan.rowY[s.r0 * k] },
    };
    out.streets.push(street);
    let cn = 0;
    for (let cr = s.r0; cr < s.r1; cr++) {
      for (let cc = s.c0; cc < s.c1; cc++) {
        const index = cr * plan.commCols + cc;
        const baseName = layout.communityNames[index];
        const code = street.code + pad(++cn, 3);
        const members = blocks.filter((b) => b.community === index);
        const community: CommunityRec = {
          code,
          level: 'community',
          name: `${baseName}社区`,
          parentCode: street.code,
          rect: { x0: plan.colX[cc * k], x1: plan.colX[(cc + 1) * k], y0: plan.rowY[(cr + 1) * k], y1: plan.rowY[cr * k] },
          baseName,
          blocks: members,
          grids: [],
        };
        out.communities.push(community);
        const cells = members.flatMap((block) => block.grids.map((cell) => ({ block, cell, rect: cell.rect }))).sort(readingOrder);
        if (cells.length > 99) throw new Error(`community ${code} has ${cells.length} grids, above the 99 a 2-digit code allows`);
        cells.forEach(({ block, cell }, gi) => {
          const gcode = code + pad(gi + 1, 2);
          const grid: GridRec = { code: gcode, level: 'grid', name: `${community.name}第${gi + 1}网格`, parentCode: code, rect: cell.rect, block, units: [] };
          community.grids.push(grid);
          out.grids.push(grid);
          const recs = byBlock.get(block)!;
          cell.units.forEach((u, ui) => {
            const building = recs[u.building];
            const ucode = gcode + pad(ui + 1, 3);
            building.unitCodes[u.section] = ucode;
            const unit: UnitRec = { code: ucode, level: 'unit', name: `${building.name}${u.section + 1}单元`, parentCode: gcode, rect: u.rect, building, section: u.section, households: u.households };
            grid.units.push(unit);
            out.units.push(unit);
          });
        });
      }
    }
  }
  return out;
}

/** Areas in file order: streets, communities, grids, units. */
export function allAreas(h: Hierarchy): AreaRec[] {
  return [...h.streets, ...h.communities, ...h.grids, ...h.units];
}
