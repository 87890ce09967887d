/**
 * Plan drafts: open one for a community or street from the live grids, read it with its unit cells
 * and live measures, save versions (a stale base version is a 409 naming the units that moved since),
 * validate a version. Drafts never touch the live grids.
 */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import { authorize } from '../auth/authorize.ts';
import type { Actor, Principal } from '../auth/principal.ts';
import type { Action } from '../auth/permissions.ts';
import type { Config } from '../config.ts';
import type { DB } from '../db/types.ts';
import { conflict, notFound, unprocessable } from '../errors.ts';
import * as repo from './drafts.repository.ts';
import { liveAssignment, measurePlan, scopeInput, type Bands } from './plan-input.ts';
import type { PatchDraft, SaveDraft } from './planning.schema.ts';
import * as scopeRepo from './scope.repository.ts';

export type Assignment = Record<string, string>;

export const bandsOf = (config: Config, band?: [number, number]): Bands => ({ band: band ?? config.gridBand, unitBand: config.unitBand });

/** The draft, authorised for `action` on its scope (404 when it does not exist). */
export async function draftFor(db: Kysely<DB>, p: Principal, id: number, action: Action, forUpdate = false): Promise<repo.DraftRow> {
  const d = await repo.findDraft(db, id, forUpdate);
  if (!d) throw notFound(`plan draft ${id} does not exist`);
  await authorize(db, p, action, { areaId: d.scope_area_id });
  return d;
}

export async function versionOf(db: Kysely<DB>, d: repo.DraftRow, version?: number): Promise<repo.VersionRow> {
  const v = await repo.findVersion(db, d.id, version ?? d.head_version);
  if (!v) throw notFound(`plan draft ${d.id} has no version ${version}`);
  return v;
}

/** Scope rows and the core's input, cached per scope. */
export async function loadScope(db: Kysely<DB>, scopeId: number) {
  const rows = await scopeRepo.unitsOf(db, scopeId);
  return { rows, input: scopeInput(`${scopeId}`, rows) };
}

export function draftView(d: repo.DraftRow) {
  return {
    id: d.id, name: d.name, status: d.status, headVersion: d.head_version, createdBy: d.created_by, createdAt: new Date(d.created_at).toISOString(),
    scope: { id: d.scope_area_id, level: d.scope_level, code: d.scope_code, name: d.scope_name },
  };
}

export async function openDraft(db: Kysely<DB>, actor: Actor, body: { areaId: number; name?: string }) {
  const scope = await scopeRepo.findScope(db, body.areaId);
  if (!scope) throw notFound(`area ${body.areaId} does not exist`);
  await authorize(db, actor.principal, 'planning.edit', { areaId: body.areaId });
  if (scope.level !== 'community' && scope.level !== 'street') throw unprocessable('BAD_SCOPE', `area ${scope.code} is a ${scope.level}: plans cover a community or a street`);
  const rows = await scopeRepo.unitsOf(db, body.areaId, false);
  if (!rows.length) throw unprocessable('NO_UNITS', `area ${scope.code} has no units to plan`);
  const by = actor.principal.user?.id ?? null;
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertDraft(trx, { scopeId: body.areaId, name: body.name ?? `${scope.name} 网格调整`, by });
    await repo.insertVersion(trx, { draftId: id, version: 1, assignments: Object.fromEntries(liveAssignment(rows)), locked: [], source: 'init', by });
    await record(trx, actor, { action: 'planning.draft.create', targetType: 'plan_draft', targetId: id, areaId: body.areaId, details: { units: rows.length } });
    return id;
  });
  return draftView((await repo.findDraft(db, id))!);
}

export async function listDrafts(db: Kysely<DB>, p: Principal, areaId: number) {
  await authorize(db, p, 'planning.read', { areaId });
  return { drafts: (await repo.listDrafts(db, areaId)).map(draftView) };
}

/** The draft version with unit cells, assignment and per-grid measures (the map workspace). */
export async function getDraft(db: Kysely<DB>, config: Config, p: Principal, id: number, q: { version?: number; band?: [number, number]; geometry: boolean }) {
  const d = await draftFor(db, p, id, 'planning.read');
  const v = await versionOf(db, d, q.version);
  const { rows, input } = await loadScope(db, d.scope_area_id);
  const bands = bandsOf(config, q.band);
  const assignment = new Map(Object.entries(v.assignments));
  const m = measurePlan(input, assignment, bands);
  return {
    draft: draftView(d),
    version: { version: v.version, source: v.source, note: v.note, authorId: v.author_id, createdAt: new Date(v.created_at).toISOString(), locked: v.locked },
    band: bands.band,
    unitBand: bands.unitBand,
    units: {
      type: 'FeatureCollection',
      features: rows.map((r) => ({
        type: 'Feature', id: r.id, geometry: q.geometry ? r.geometry : null,
        properties: { id: r.id, code: r.code, grid: assignment.get(String(r.id)) ?? null, liveGrid: r.grid_code, community: r.community_code, households: r.households, population: r.population },
      })),
    },
    assignments: v.assignments,
    ...measuresView(m),
  };
}

export function measuresView(m: ReturnType<typeof measurePlan>) {
  return { valid: m.valid && !m.crossCommunity.length, reason: m.reason, issues: m.issues, grids: m.grids, summary: m.summary, crossCommunity: m.crossCommunity };
}

export async function validateVersion(db: Kysely<DB>, config: Config, p: Principal, id: number, version: number, band?: [number, number]) {
  const d = await draftFor(db, p, id, 'planning.read');
  const v = await versionOf(db, d, version);
  const { input } = await loadScope(db, d.scope_area_id);
  return { draft: d.id, version: v.version, band: bandsOf(config, band).band, ...measuresView(measurePlan(input, new Map(Object.entries(v.assignments)), bandsOf(config, band))) };
}

export async function listVersions(db: Kysely<DB>, p: Principal, id: number) {
  const d = await draftFor(db, p, id, 'planning.read');
  return { draft: draftView(d), versions: (await repo.listVersions(db, d.id)).map((v) => ({ ...v, created_at: undefined, createdAt: new Date(v.created_at).toISOString() })) };
}

/** Units whose label differs between two assignments. */
export function changedUnits(a: Assignment, b: Assignment, codes: Map<string, string>) {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((u) => (a[u] ?? null) !== (b[u] ?? null)).sort((x, y) => Number(x) - Number(y))
    .map((u) => ({ unit: Number(u), code: codes.get(u) ?? null, from: a[u] ?? null, to: b[u] ?? null }));
}

/** Unknown units (not in the scope) → 422 naming them. */
export function checkUnits(assignment: Assignment, known: Set<string>) {
  const bad = Object.keys(assignment).filter((u) => !known.has(u));
  if (bad.length) throw unprocessable('UNKNOWN_UNIT', `unit ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''} is not a unit of this draft's area`, { units: bad.map(Number) });
}

/**
 * Appends a version on top of `baseVersion` in one transaction (the draft row locked): a base
 * that is not the head is a 409 with the units that moved between the base and the head.
 */
export async function appendVersion(db: Kysely<DB>, actor: Actor, id: number, baseVersion: number, build: (base: repo.VersionRow) => { assignments: Assignment; locked: string[]; source: string; note?: string | null }, action: Action = 'planning.edit') {
  const d0 = await draftFor(db, actor.principal, id, action);
  const rows = await scopeRepo.unitCodesOf(db, d0.scope_area_id);
  const codes = new Map(rows.map((r) => [String(r.id), r.code]));
  return db.transaction().execute(async (trx) => {
    const d = (await repo.findDraft(trx, id, true))!;
    if (d.status !== 'open') throw conflict(`plan draft ${id} is ${d.status}: open a new draft to change it`);
    const base = await repo.findVersion(trx, id, baseVersion);
    if (!base) throw notFound(`plan draft ${id} has no version ${baseVersion}`);
    if (baseVersion !== d.head_version) {
      const head = (await repo.findVersion(trx, id, d.head_version))!;
      const changed = changedUnits(base.assignments, head.assignments, codes);
      throw conflict(`plan draft ${id} is at version ${d.head_version}, your edit started from version ${baseVersion}: ${changed.length} units moved since`, { headVersion: d.head_version, baseVersion, changedUnits: changed });
    }
    const next = build(base);
    checkUnits(next.assignments, new Set(codes.keys()));
    const version = d.head_version + 1;
    await repo.insertVersion(trx, { draftId: id, version, assignments: next.assignments, locked: next.locked, source: next.source, note: next.note, by: actor.principal.user?.id ?? null });
    await record(trx, actor, { action: `planning.draft.${next.source}`, targetType: 'plan_draft', targetId: id, areaId: d.scope_area_id, details: { version, moved: changedUnits(base.assignments, next.assignments, codes).length } });
    return { draft: id, version, baseVersion, changed: changedUnits(base.assignments, next.assignments, codes).length };
  });
}

const clean = (a: Record<string, string | null>): Assignment => Object.fromEntries(Object.entries(a).filter((e): e is [string, string] => e[1] !== null));

export function saveDraft(db: Kysely<DB>, actor: Actor, id: number, body: SaveDraft) {
  return appendVersion(db, actor, id, body.baseVersion, () => ({ assignments: clean(body.assignments), locked: body.locked, source: 'save', note: body.note }));
}

export function patchDraft(db: Kysely<DB>, actor: Actor, id: number, body: PatchDraft) {
  return appendVersion(db, actor, id, body.baseVersion, (base) => {
    const next: Record<string, string | null> = { ...base.assignments, ...body.changes };
    return { assignments: clean(next), locked: body.locked ?? base.locked, source: 'save', note: body.note };
  });
}
