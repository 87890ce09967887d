/**
 * Replaces one community's live grids by a new plan, inside the caller's transaction:
 *  1. the live plan is kept in history (a baseline version the first time) and closed (valid_to);
 *  2. grids that continue keep their row (an old grid continues as the new grid that took most of
 *     its households, one to one), the others are inserted or deleted;
 *  3. units move with CJ/T 349 codes (grid code + 3 digits, west → east, north → south), households
 *     follow (unit code + their own suffix); totals follow by the database triggers;
 *  4. responsible people, role grants and places of retired grids go to the successor; people of
 *     changed grids are flagged for reassignment; hazard cases follow their unit;
 *  5. the crosswalk (grids, units, households, people, hazards) and the new version are stored.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { conflict } from '../errors.ts';
import { crosswalk } from './codes.ts';
import * as pub from './publish.repository.ts';
import * as scopeRepo from './scope.repository.ts';

export interface NewGrid {
  key: string;
  code: string;
  name: string;
  /** Unit ids, in the order their codes are numbered. */
  units: number[];
  /** Unit id → code, when given (rollback); else grid code + 001, 002, … in `units` order. */
  unitCodes?: Map<number, string>;
}

export interface ReplaceInput {
  community: { id: number; code: string; name: string };
  grids: NewGrid[];
  kind: 'publish' | 'rollback';
  draftId?: number;
  draftVersion?: number;
  rollbackOf?: number;
  reasons?: Record<string, string>;
  by: number | null;
  at: Date;
}

export interface ReplaceResult {
  publicationId: number;
  version: number;
  grids: { id: number; code: string; key: string }[];
  movedHouseholds: number;
  peopleToReassign: number;
  hazardsRemapped: number;
}

export async function replaceGrids(db: Kysely<DB>, r: ReplaceInput): Promise<ReplaceResult> {
  const c = r.community;
  const units = await scopeRepo.unitsOf(db, c.id, false);
  const households = await scopeRepo.householdsOf(db, c.id);
  const people = await scopeRepo.gridPeopleOf(db, c.id);
  const oldCode = new Map(units.map((u) => [u.grid_id, u.grid_code]));
  const unitRow = new Map(units.map((u) => [u.id, u]));

  // 1. history
  let live = await pub.livePublication(db, c.id);
  if (!live) {
    const id = await pub.insertPublication(db, { communityId: c.id, version: 1, kind: 'baseline', by: null, validFrom: await pub.earliestCreated(db, c.id) });
    await pub.snapshotGrids(db, id, c.id);
    live = (await pub.livePublication(db, c.id))!;
  }
  await pub.closePublication(db, live.id, r.at);

  // 2. which old grid each new grid continues
  const before = new Map(units.map((u) => [String(u.id), String(u.grid_id)]));
  const after = new Map(r.grids.flatMap((g) => g.units.map((u) => [String(u), g.key] as [string, string])));
  const hh = new Map(units.map((u) => [String(u.id), u.households]));
  const cw = crosswalk(before, after, hh);
  // Grids that role grants are bound to continue first: grants cannot be moved, only revoked.
  const granted = new Set((await pub.grantedGrids(db, [...new Set(units.map((u) => u.grid_id))])).map(String));
  const pairs = cw.grids.filter((p) => p.from !== null && p.to !== null)
    .sort((a, b) => Number(granted.has(b.from!)) - Number(granted.has(a.from!)) || b.households - a.households || b.units - a.units || (a.to! < b.to! ? -1 : 1));
  const keep = new Map<string, number>();
  const used = new Set<string>();
  for (const p of pairs) if (!keep.has(p.to!) && !used.has(p.from!)) { keep.set(p.to!, Number(p.from)); used.add(p.from!); }
  const oldIds = [...new Set(units.map((u) => u.grid_id))];
  const allOld = new Set([...oldIds, ...(await scopeRepo.gridsOf(db, c.id)).map((g) => g.id)]);
  const retired = [...allOld].filter((id) => !used.has(String(id)));
  const blocked = retired.filter((id) => granted.has(String(id)));
  if (blocked.length) throw conflict(`community ${c.code}: the plan retires grid ${blocked.map((id) => oldCode.get(id)).join(', ')}, to which role grants are bound (grants are never moved): keep that grid in the plan`, { grids: blocked.map((id) => oldCode.get(id)) });

  // 3. rewrite grids and units
  await pub.parkCodes(db, c.id);
  const plans = r.grids.map((g) => ({ id: keep.get(g.key) ?? null, key: g.key, code: g.code, name: g.name, units: g.units }));
  const inserted = await pub.insertGrids(db, c.id, plans.filter((g) => g.id === null));
  await pub.updateGrids(db, plans.filter((g) => g.id !== null));
  const gridId = new Map(plans.map((g) => [g.key, g.id ?? inserted.get(g.key)!]));
  const unitMoves: { id: number; grid: number; code: string }[] = [];
  for (const g of r.grids) g.units.forEach((u, i) => unitMoves.push({ id: u, grid: gridId.get(g.key)!, code: g.unitCodes?.get(u) ?? g.code + String(i + 1).padStart(3, '0') }));
  const newUnit = new Map(unitMoves.map((m) => [m.id, m]));
  const hhCodes = households.map((h) => {
    const old = unitRow.get(h.unit_id)!;
    return { id: h.id, code: newUnit.get(h.unit_id)!.code + h.code.slice(old.code.length) };
  });
  await pub.moveUnits(db, unitMoves, hhCodes);

  // 4. references
  const codeOfKey = new Map(r.grids.map((g) => [g.key, g.code]));
  const successor = [...allOld].map((id) => {
    const key = cw.successor.get(String(id)) ?? r.grids[0].key;
    return { from: id, to: gridId.get(key)! };
  });
  await pub.moveReferences(db, successor.filter((s) => retired.includes(s.from)));
  const changedOld = new Set(cw.units.filter((u) => u.moved).map((u) => Number(u.from)));
  const changed = [...gridId.values()].filter((id) => changedOld.has(id) || !used.has(String(id)));
  await pub.flagPeople(db, changed);
  const hazards = await pub.remapHazards(db, c.id, successor);
  await pub.deleteGrids(db, retired);

  // 5. crosswalk and the new version
  const version = live.version + 1;
  const publicationId = await pub.insertPublication(db, { communityId: c.id, version, kind: r.kind, draftId: r.draftId, draftVersion: r.draftVersion, rollbackOf: r.rollbackOf, reasons: r.reasons, by: r.by, validFrom: r.at });
  await pub.snapshotGrids(db, publicationId, c.id);
  const keyOfUnit = after;
  const newCode = (unit: number) => codeOfKey.get(keyOfUnit.get(String(unit))!)!;
  const movedUnit = new Map(cw.units.map((u) => [Number(u.unit), u.moved]));
  const succ = new Map(successor.map((s) => [s.from, s.to]));
  const codeOfId = new Map([...gridId].map(([k, id]) => [id, codeOfKey.get(k)!]));
  const rows: pub.CrosswalkRow[] = [
    ...[...allOld].map((id) => ({ subject: 'grid', subject_id: id, old_code: oldCode.get(id) ?? null, new_code: codeOfId.get(succ.get(id)!) ?? null, old_grid_id: id, old_grid_code: oldCode.get(id) ?? null, new_grid_id: succ.get(id) ?? null, new_grid_code: codeOfId.get(succ.get(id)!) ?? null, moved: retired.includes(id), needs_reassignment: false })),
    ...units.map((u) => ({ subject: 'unit', subject_id: u.id, old_code: u.code, new_code: newUnit.get(u.id)!.code, old_grid_id: u.grid_id, old_grid_code: u.grid_code, new_grid_id: newUnit.get(u.id)!.grid, new_grid_code: newCode(u.id), moved: movedUnit.get(u.id) ?? false, needs_reassignment: false })),
    ...households.map((h, i) => {
      const u = unitRow.get(h.unit_id)!;
      return { subject: 'household', subject_id: h.id, old_code: h.code, new_code: hhCodes[i].code, old_grid_id: u.grid_id, old_grid_code: u.grid_code, new_grid_id: newUnit.get(u.id)!.grid, new_grid_code: newCode(u.id), moved: movedUnit.get(u.id) ?? false, needs_reassignment: false };
    }),
    ...people.map((p) => {
      const to = retired.includes(p.area_id) ? succ.get(p.area_id)! : p.area_id;
      return { subject: 'responsible_person', subject_id: p.id, old_code: null, new_code: null, old_grid_id: p.area_id, old_grid_code: p.grid_code, new_grid_id: to, new_grid_code: codeOfId.get(to) ?? null, moved: to !== p.area_id, needs_reassignment: changed.includes(to) };
    }),
    ...hazards.map((h) => ({ subject: 'hazard', subject_id: h.id, old_code: null, new_code: null, old_grid_id: h.old_grid, old_grid_code: h.old_grid === null ? null : oldCode.get(h.old_grid) ?? null, new_grid_id: h.new_grid, new_grid_code: h.new_grid === null ? null : codeOfId.get(h.new_grid) ?? null, moved: h.old_grid !== h.new_grid, needs_reassignment: false })),
  ];
  await pub.insertCrosswalk(db, publicationId, rows);
  return {
    publicationId, version,
    grids: r.grids.map((g) => ({ id: gridId.get(g.key)!, code: g.code, key: g.key })),
    movedHouseholds: rows.filter((x) => x.subject === 'household' && x.moved).length,
    peopleToReassign: rows.filter((x) => x.subject === 'responsible_person' && x.needs_reassignment).length,
    hazardsRemapped: rows.filter((x) => x.subject === 'hazard' && x.moved).length,
  };
}
