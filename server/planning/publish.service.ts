/**
 * Publish a draft version (checks, then every community of the scope replaced in ONE transaction)
 * and roll back (publish an old version again, with its codes, as a new version).
 */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import { authorize } from '../auth/authorize.ts';
import type { Actor } from '../auth/principal.ts';
import type { Config } from '../config.ts';
import type { DB } from '../db/types.ts';
import { conflict, notFound, unprocessable } from '../errors.ts';
import { cjtOrder, gridCodes, gridPoints } from './codes.ts';
import * as draftsRepo from './drafts.repository.ts';
import { bandsOf, draftFor, loadScope } from './drafts.service.ts';
import * as history from './history.repository.ts';
import { measurePlan } from './plan-input.ts';
import type { PublishBody } from './planning.schema.ts';
import { replaceGrids, type NewGrid } from './replace-grids.ts';
import * as scopeRepo from './scope.repository.ts';

/** What blocks a publish, as issues naming grids, households and units. */
function blockers(m: ReturnType<typeof measurePlan>, reasons: Record<string, string>) {
  const out = m.issues.filter((i) => !(i.reason === 'GRID_OUT_OF_BAND' && i.grid !== undefined && reasons[i.grid]));
  for (const x of m.crossCommunity) out.push({ reason: 'GRID_CROSSES_COMMUNITIES' as never, message: `grid ${x.grid} takes units of communities ${x.communities.join(' and ')}`, units: [], grid: x.grid });
  return out.map((i) => ({ ...i, households: i.grid !== undefined ? m.grids.find((g) => g.id === i.grid)?.households : undefined }));
}

export async function publishDraft(db: Kysely<DB>, config: Config, actor: Actor, id: number, body: PublishBody) {
  const d = await draftFor(db, actor.principal, id, 'planning.publish');
  const { input } = await loadScope(db, d.scope_area_id);
  const result = await db.transaction().execute(async (trx) => {
    const draft = (await draftsRepo.findDraft(trx, id, true))!;
    if (draft.status !== 'open') throw conflict(`plan draft ${id} is ${draft.status}`);
    if (body.version !== draft.head_version) throw conflict(`plan draft ${id} is at version ${draft.head_version}: publish the head version`, { headVersion: draft.head_version });
    const v = (await draftsRepo.findVersion(trx, id, body.version))!;
    const assignment = new Map(Object.entries(v.assignments));
    const m = measurePlan(input, assignment, bandsOf(config));
    const blocking = blockers(m, body.reasons);
    if (blocking.length) throw unprocessable('PLAN_NOT_PUBLISHABLE', `plan draft ${id} version ${v.version} cannot be published: ${blocking[0].message}${blocking.length > 1 ? ` (and ${blocking.length - 1} more)` : ''}`, { issues: blocking });
    const communities = await scopeRepo.communitiesOf(trx, d.scope_area_id);
    const out = [];
    for (const c of communities) {
      const units = input.units.filter((u) => input.rows.get(u.id)!.community_id === c.id);
      if (!units.length) continue;
      const sub = new Map(units.map((u) => [u.id, assignment.get(u.id)!]));
      const codes = gridCodes(c.code, gridPoints(units, sub));
      if (!codes.valid) throw unprocessable(codes.reason, codes.message);
      const grids: NewGrid[] = [...codes.codes].map(([key, code]) => {
        const members = units.filter((u) => sub.get(u.id) === key);
        const order = cjtOrder(members.map((u) => ({ id: u.id, centroid: u.centroid, areaM2: Math.max(u.areaM2, 1) })));
        return { key, code, name: `${c.name}第${code.slice(-2)}网格`, units: order.map(Number) };
      }).sort((a, b) => (a.code < b.code ? -1 : 1));
      const reasons = Object.fromEntries(grids.filter((g) => body.reasons[g.key]).map((g) => [g.code, body.reasons[g.key]]));
      const r = await replaceGrids(trx, { community: c, grids, kind: 'publish', draftId: id, draftVersion: v.version, reasons, by: actor.principal.user?.id ?? null, at: actor.at });
      out.push({ community: { id: c.id, code: c.code, name: c.name }, ...r, grids: r.grids.map((g) => ({ ...g, label: g.key, key: undefined })) });
    }
    await draftsRepo.setStatus(trx, id, 'published');
    await record(trx, actor, { action: 'planning.publish', targetType: 'plan_draft', targetId: id, areaId: d.scope_area_id, details: { version: v.version, communities: out.map((o) => ({ code: o.community.code, version: o.version, grids: o.grids.length, movedHouseholds: o.movedHouseholds })) } });
    return out;
  });
  return { draft: id, version: body.version, communities: result };
}

/** Publishes old version `version` of a community again, with its codes, names and unit codes. */
export async function rollback(db: Kysely<DB>, actor: Actor, communityId: number, version: number, reason?: string) {
  const c = await scopeRepo.findScope(db, communityId);
  if (!c || c.level !== 'community') throw notFound(`community ${communityId} does not exist`);
  await authorize(db, actor.principal, 'planning.publish', { areaId: communityId });
  return db.transaction().execute(async (trx) => {
    const p = await history.findPublication(trx, communityId, version);
    if (!p) throw notFound(`community ${c.code} has no published version ${version}`);
    if (p.valid_to === null) throw conflict(`version ${version} of community ${c.code} is the live one`);
    const old = await history.gridsOf(trx, p.id);
    const live = await scopeRepo.unitCodesOf(trx, communityId);
    const liveIds = new Set(live.map((u) => u.id));
    const inOld = new Set(old.flatMap((g) => g.unit_ids));
    const missing = [...inOld].filter((u) => !liveIds.has(u));
    const added = [...liveIds].filter((u) => !inOld.has(u));
    if (missing.length || added.length) throw unprocessable('UNITS_CHANGED', `the units of community ${c.code} changed since version ${version} (${missing.length} gone, ${added.length} new): roll back by opening a draft instead`, { missing, added });
    const grids: NewGrid[] = old.map((g) => ({ key: g.code, code: g.code, name: g.name, units: g.unit_ids, unitCodes: new Map(g.unit_ids.map((u, i) => [u, g.unit_codes[i]])) }));
    const r = await replaceGrids(trx, { community: c, grids, kind: 'rollback', rollbackOf: version, reasons: reason ? { '*': reason } : {}, by: actor.principal.user?.id ?? null, at: actor.at });
    await record(trx, actor, { action: 'planning.rollback', targetType: 'area', targetId: communityId, areaId: communityId, details: { to: version, version: r.version } });
    return { community: { id: c.id, code: c.code, name: c.name }, rolledBackTo: version, ...r, grids: r.grids.map(({ key: _k, ...g }) => g) };
  });
}
