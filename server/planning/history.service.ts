/**
 * History of a community's published grids (each version with its validity period, any version as
 * GeoJSON) and diffs: between two published versions, or a draft version against the live grids.
 * Households that move are counted for everyone who may read plans, and listed only for staff
 * whose jurisdiction covers their personal data (households.read).
 */
import type { Kysely } from 'kysely';
import { allows, authorize } from '../auth/authorize.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { crosswalk } from './codes.ts';
import { draftFor, versionOf } from './drafts.service.ts';
import * as repo from './history.repository.ts';
import * as scopeRepo from './scope.repository.ts';

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

export async function communityFor(db: Kysely<DB>, p: Principal, id: number) {
  const c = await scopeRepo.findScope(db, id);
  if (!c || c.level !== 'community') throw notFound(`community ${id} does not exist`);
  await authorize(db, p, 'planning.read', { areaId: id });
  return c;
}

export async function listVersions(db: Kysely<DB>, p: Principal, communityId: number) {
  const c = await communityFor(db, p, communityId);
  const rows = await repo.listPublications(db, communityId);
  return {
    community: { id: c.id, code: c.code, name: c.name },
    versions: rows.map((r) => ({ version: r.version, kind: r.kind, live: r.valid_to === null, validFrom: iso(r.valid_from), validTo: iso(r.valid_to), grids: r.grids, draftId: r.draft_id, draftVersion: r.draft_version, rollbackOf: r.rollback_of, reasons: r.reasons, publishedBy: r.author })),
  };
}

export async function publicationOr404(db: Kysely<DB>, c: { id: number; code: string }, version: number) {
  const p = await repo.findPublication(db, c.id, version);
  if (!p) throw notFound(`community ${c.code} has no published version ${version}`);
  return p;
}

export async function getVersion(db: Kysely<DB>, p: Principal, communityId: number, version: number) {
  const c = await communityFor(db, p, communityId);
  const pub = await publicationOr404(db, c, version);
  const grids = await repo.gridsOf(db, pub.id, true);
  return {
    type: 'FeatureCollection',
    community: { id: c.id, code: c.code, name: c.name },
    version: pub.version, kind: pub.kind, validFrom: iso(pub.valid_from), validTo: iso(pub.valid_to),
    features: grids.map((g) => ({ type: 'Feature', geometry: g.geometry, properties: { code: g.code, name: g.name, households: g.households, population: g.population, units: g.units, unitCodes: g.unit_codes } })),
  };
}

interface Side { assignment: Map<number, string>; geometry: Map<string, unknown> }

/** The diff of two plans over the same units. */
async function diffOf(db: Kysely<DB>, p: Principal, scopeId: number, before: Side, after: Side) {
  const setOf = (a: Map<number, string>) => {
    const m = new Map<string, number[]>();
    for (const [u, g] of a) m.set(g, [...(m.get(g) ?? []), u]);
    return new Map([...m].map(([g, us]) => [g, us.sort((x, y) => x - y).join(',')]));
  };
  const b = setOf(before.assignment), a = setOf(after.assignment);
  const afterSets = new Set(a.values()), beforeSets = new Set(b.values());
  const status = (sets: Set<string>, key: string, s: string, other: Map<string, string>) => (sets.has(s) ? 'unchanged' : other.has(key) ? 'changed' : 'replaced');
  const features = [
    ...[...b].map(([g, s]) => ({ type: 'Feature', geometry: before.geometry.get(g) ?? null, properties: { side: 'before', grid: g, status: status(afterSets, g, s, a) } })),
    ...[...a].map(([g, s]) => ({ type: 'Feature', geometry: after.geometry.get(g) ?? null, properties: { side: 'after', grid: g, status: status(beforeSets, g, s, b) } })),
  ];
  const unitRows = await scopeRepo.unitsOf(db, scopeId, false);
  const unitCodes = new Map(unitRows.map((u) => [u.id, u.code]));
  // The publish crosswalk's meaning of "moved" (codes.ts): a unit moves when it does not go to
  // the new grid that took most of its old grid's households.
  const str = (m: Map<number, string>) => new Map([...m].map(([u, g]) => [String(u), g]));
  const cw = crosswalk(str(before.assignment), str(after.assignment), new Map(unitRows.map((u) => [String(u.id), u.households])));
  const moved = cw.units.filter((u) => u.moved).map((u) => ({ unit: Number(u.unit), code: unitCodes.get(Number(u.unit)) ?? null, from: u.from, to: u.to }));
  const households = await repo.householdsOfUnits(db, moved.map((m) => m.unit));
  const byUnit = new Map(moved.map((m) => [m.unit, m]));
  const personal = await allows(db, p, 'households.read', { areaId: scopeId });
  const changedBefore = [...b].filter(([, s]) => !afterSets.has(s)).map(([g]) => g);
  const people = (await scopeRepo.gridPeopleOf(db, scopeId)).filter((x) => changedBefore.includes(x.grid_code) || x.needs_reassignment);
  return {
    grids: { before: b.size, after: a.size, changed: features.filter((f) => f.properties.status !== 'unchanged').length },
    boundaries: { type: 'FeatureCollection', features },
    units: moved,
    households: { count: households.length, list: personal ? households.map((h) => ({ code: h.code, unit: h.unit_code, from: byUnit.get(h.unit_id)!.from, to: byUnit.get(h.unit_id)!.to })) : null },
    peopleToReassign: people.map((x) => ({ id: x.id, role: x.role, name: x.name, grid: x.grid_code })),
  };
}

async function publishedSide(db: Kysely<DB>, c: { id: number; code: string }, version: number): Promise<Side> {
  const pub = await publicationOr404(db, c, version);
  const grids = await repo.gridsOf(db, pub.id, true);
  return { assignment: new Map(grids.flatMap((g) => g.unit_ids.map((u) => [u, g.code] as [number, string]))), geometry: new Map(grids.map((g) => [g.code, g.geometry])) };
}

async function liveSide(db: Kysely<DB>, scopeId: number): Promise<Side> {
  const grids = await scopeRepo.gridsOf(db, scopeId);
  const units = await scopeRepo.unitsOf(db, scopeId, false);
  return { assignment: new Map(units.map((u) => [u.id, u.grid_code])), geometry: new Map(grids.map((g) => [g.code, g.geometry])) };
}

export async function diffVersions(db: Kysely<DB>, p: Principal, communityId: number, q: { from?: number; to?: number }) {
  const c = await communityFor(db, p, communityId);
  const versions = await repo.listPublications(db, communityId);
  const live = versions.find((v) => v.valid_to === null)?.version;
  const to = q.to ?? live;
  const from = q.from ?? (to !== undefined ? versions.find((v) => v.version < to)?.version : undefined);
  const before = from === undefined ? await liveSide(db, communityId) : await publishedSide(db, c, from);
  const after = to === undefined ? await liveSide(db, communityId) : await publishedSide(db, c, to);
  return { community: { id: c.id, code: c.code, name: c.name }, from: from ?? null, to: to ?? null, ...(await diffOf(db, p, communityId, before, after)) };
}

export async function diffDraft(db: Kysely<DB>, p: Principal, draftId: number, version?: number) {
  const d = await draftFor(db, p, draftId, 'planning.read');
  const v = await versionOf(db, d, version);
  const assignment = new Map(Object.entries(v.assignments).map(([u, g]) => [Number(u), g] as [number, string]));
  const groups = new Map<string, number[]>();
  for (const [u, g] of assignment) groups.set(g, [...(groups.get(g) ?? []), u]);
  const unions = await repo.unionsOf(db, [...groups].map(([key, units]) => ({ key, units })));
  const after: Side = { assignment, geometry: new Map(unions.map((x) => [x.key, x.geometry])) };
  return { draft: d.id, version: v.version, ...(await diffOf(db, p, d.scope_area_id, await liveSide(db, d.scope_area_id), after)) };
}
