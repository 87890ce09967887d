/**
 * The invariants of docs/DATA-FORMAT.md, checked on the geometry exactly as written (rounded to
 * 7 decimals). The build fails on any problem: a sample that breaks them must not ship.
 */
import { area, featureCollection, intersect } from '@turf/turf';
import type { Feature } from 'geojson';
import { bboxesOverlap, bboxOf } from './geo.ts';
import type { AreaRec, Level } from './areas.ts';
import { unionAll } from './areas.ts';
import { subtract } from './streets.ts';
import type { Area2D } from './types.ts';

const CHILD_DIGITS: Record<Level, number> = { street: 0, community: 3, grid: 2, unit: 3 };
const PARENT_LEVEL: Record<Level, Level | null> = { street: null, community: 'street', grid: 'community', unit: 'grid' };

const areaOf = (g: Area2D | null) => (g ? area(g) : 0);
const feat = (g: Area2D): Feature<Area2D> => ({ type: 'Feature', properties: {}, geometry: g });

function overlapM2(a: Area2D, b: Area2D): number {
  if (!bboxesOverlap(bboxOf(a), bboxOf(b))) return 0;
  const i = intersect(featureCollection([feat(a), feat(b)]));
  return i ? area(i) : 0;
}

/** Code rules: unique, 9-digit streets, each child = its parent's code + 3 / 2 / 3 digits. */
export function checkCodes(areas: AreaRec[]): string[] {
  const problems: string[] = [];
  const byCode = new Map<string, AreaRec>();
  for (const a of areas) {
    if (byCode.has(a.code)) problems.push(`duplicate code ${a.code}`);
    byCode.set(a.code, a);
    const parentLevel = PARENT_LEVEL[a.level];
    if (!parentLevel) {
      if (!/^\d{9}$/.test(a.code) || a.parentCode !== null) problems.push(`street ${a.code}: must be 9 digits without parent`);
      continue;
    }
    const parent = a.parentCode ? byCode.get(a.parentCode) : undefined;
    if (!parent || parent.level !== parentLevel) problems.push(`${a.level} ${a.code}: parent ${a.parentCode} is not a ${parentLevel} listed before it`);
    const re = new RegExp(`^${a.parentCode}\\d{${CHILD_DIGITS[a.level]}}$`);
    if (!re.test(a.code)) problems.push(`${a.level} ${a.code}: not ${a.parentCode} + ${CHILD_DIGITS[a.level]} digits`);
  }
  return problems;
}

/**
 * Geometry rules with tolerance tolM2 (m²): every child inside its parent, children of a parent
 * without gaps and without overlaps (pairwise), streets without overlaps.
 */
export function checkGeometry(areas: AreaRec[], tolM2: number): string[] {
  const problems: string[] = [];
  const children = new Map<string | null, AreaRec[]>();
  for (const a of areas) children.set(a.parentCode, [...(children.get(a.parentCode) ?? []), a]);
  const byCode = new Map(areas.map((a) => [a.code, a]));
  for (const [parentCode, kids] of children) {
    const parent = parentCode ? byCode.get(parentCode) : undefined;
    if (parent) {
      for (const k of kids) {
        const out = areaOf(subtract(k.geometry, parent.geometry));
        if (out >= tolM2) problems.push(`${k.level} ${k.code}: ${out.toFixed(2)} m² outside its parent ${parent.code}`);
      }
      const gap = areaOf(subtract(parent.geometry, unionAll(kids.map((k) => k.geometry))));
      if (gap >= tolM2) problems.push(`${parent.level} ${parent.code}: its children leave ${gap.toFixed(2)} m² uncovered`);
    }
    const sum = kids.reduce((s, k) => s + area(k.geometry), 0);
    const overlapTotal = sum - area(unionAll(kids.map((k) => k.geometry)));
    if (overlapTotal < tolM2) continue; // no pair can exceed the total
    for (let i = 0; i < kids.length; i++) {
      for (let j = i + 1; j < kids.length; j++) {
        const o = overlapM2(kids[i].geometry, kids[j].geometry);
        if (o >= tolM2) problems.push(`${kids[i].code} and ${kids[j].code} overlap by ${o.toFixed(2)} m²`);
      }
    }
  }
  return problems;
}
