/**
 * The inventory: compounds (小区) and spaces, their map layers and profiles (一档一册), registering
 * and editing with every change appended to the space's history.
 */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import { authorize } from '../auth/authorize.ts';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { conflict, notFound, unprocessable } from '../errors.ts';
import { toFeatureCollection } from '../geo-sql.ts';
import { walkDemand } from '../circle/circle.service.ts';
import { authorizeCompound, authorizeSpace } from './audits.access.ts';
import { compoundView, eventView, spaceView } from './audits.views.ts';
import * as compounds from './compounds.repository.ts';
import * as events from './events.repository.ts';
import * as files from './files.repository.ts';
import type { CompoundInput, SpaceInput, SpacePatch } from './inventory.schema.ts';
import * as spaces from './spaces.repository.ts';
import { claim } from './uploads.service.ts';

type Db = Kysely<DB>;
const actorName = (a: Actor) => a.principal.user?.displayName ?? a.principal.user?.username ?? null;

export async function listCompounds(db: Db, area: number) {
  return { compounds: (await compounds.listCompounds(db, area)).map(compoundView) };
}

export async function compoundLayer(db: Db, area: number) {
  const rows = await compounds.listCompounds(db, area, true);
  return toFeatureCollection(rows.map((r) => ({ ...r, geometry: r.geometry })), (r) => compoundView(r));
}

export async function createCompound(db: Db, actor: Actor, input: CompoundInput) {
  const geojson = JSON.stringify(input.geometry);
  const g = await compounds.placePolygon(db, geojson);
  if (!g.valid) throw unprocessable('GEOMETRY_INVALID', `compound ${input.name}: the outline is not a valid polygon (${g.reason})`);
  if (g.community_id === null) throw unprocessable('OUTSIDE_COMMUNITIES', `compound ${input.name} lies in no community we serve`);
  await authorize(db, actor.principal, 'audits.manage', { areaId: g.community_id });
  const id = await db.transaction().execute(async (trx) => {
    const id = await compounds.insertCompound(trx, { ...input, communityId: g.community_id!, geojson });
    await record(trx, actor, { action: 'audits.manage', targetType: 'compound', targetId: id, areaId: g.community_id, details: { name: input.name, op: 'create' } });
    return id;
  });
  return compoundView((await compounds.findCompound(db, id))!);
}

export async function patchCompound(db: Db, actor: Actor, id: number, patch: Partial<Omit<CompoundInput, 'geometry'>>) {
  const community = await authorizeCompound(db, actor.principal, 'audits.manage', id);
  await db.transaction().execute(async (trx) => {
    await compounds.updateCompound(trx, id, patch);
    await record(trx, actor, { action: 'audits.manage', targetType: 'compound', targetId: id, areaId: community, details: { op: 'update', fields: Object.keys(patch) } });
  });
  return compoundView((await compounds.findCompound(db, id))!);
}

export async function listSpaces(db: Db, f: spaces.SpaceFilter) {
  return { spaces: (await spaces.listSpaces(db, f)).map(spaceView) };
}

export async function spaceLayer(db: Db, f: spaces.SpaceFilter) {
  const rows = await spaces.listSpaces(db, f);
  return toFeatureCollection(rows.map((r) => ({ id: r.id, geometry: { type: 'Point', coordinates: [r.lon, r.lat] }, r })), ({ r }) => {
    const v = spaceView(r);
    return { id: v.id, name: v.name, kind: v.kind, kindZh: v.kindZh, status: v.status, statusZh: v.statusZh, colour: v.colour,
      compoundId: v.compoundId, areaM2: v.measuredAreaM2 ?? v.areaM2, auditStage: v.auditStage, sitingCandidate: v.sitingCandidate, placeId: v.placeId };
  });
}

async function checkPlacement(db: Db, compoundId: number, name: string, lon: number, lat: number, footprint: unknown) {
  const c = await compounds.findCompound(db, compoundId);
  if (!c) throw unprocessable('COMPOUND_NOT_FOUND', `compound ${compoundId} does not exist`);
  if (footprint) {
    const g = await compounds.placePolygon(db, JSON.stringify(footprint));
    if (!g.valid) throw unprocessable('GEOMETRY_INVALID', `space ${name}: the footprint is not a valid polygon (${g.reason})`);
  }
  if (!(await compounds.insideCompound(db, compoundId, lon, lat, footprint ? JSON.stringify(footprint) : null)))
    throw unprocessable('SPACE_OUTSIDE_COMPOUND', `space ${name} at ${lon.toFixed(6)},${lat.toFixed(6)} lies outside its compound ${c.name} (id ${compoundId})`);
  return c;
}

async function checkBuilding(db: Db, id: number | null | undefined) {
  if (id === null || id === undefined) return;
  const b = await db.selectFrom('buildings').select('id').where('id', '=', id).executeTakeFirst();
  if (!b) throw unprocessable('BUILDING_NOT_FOUND', `building ${id} does not exist`);
}

export async function createSpace(db: Db, actor: Actor, input: SpaceInput) {
  await authorizeCompound(db, actor.principal, 'audits.manage', input.compoundId);
  await checkPlacement(db, input.compoundId, input.name, input.lon, input.lat, input.footprint);
  await checkBuilding(db, input.buildingId);
  const id = await db.transaction().execute(async (trx) => {
    const id = await spaces.insertSpace(trx, { ...input, footprint: input.footprint ? JSON.stringify(input.footprint) : null });
    const evidence = await claim(trx, input.files, actor.at);
    await files.attachFiles(trx, evidence, { spaceId: id }, actor.at);
    const { files: _f, note, footprint: _fp, ...data } = input;
    await events.appendEvent(trx, { spaceId: id, campaignId: null, step: 'register', at: actor.at, actorId: actor.principal.user?.id ?? null,
      actorName: actorName(actor), statusFrom: null, statusTo: 'registered', data, evidence, corrects: null, note: note ?? null });
    await record(trx, actor, { action: 'audits.manage', targetType: 'space', targetId: id, details: { op: 'register', name: input.name } });
    return id;
  });
  return spaceView((await spaces.findSpace(db, id))!);
}

export async function patchSpace(db: Db, actor: Actor, id: number, patch: SpacePatch) {
  await authorizeSpace(db, actor.principal, 'audits.manage', id);
  const { version, note, ...fields } = patch;
  return db.transaction().execute(async (trx) => {
    const s = await spaces.findSpace(trx, id, true);
    if (!s) throw notFound(`space ${id} does not exist`);
    if (s.version !== version) throw conflict(`space ${id} is at version ${s.version}, not ${version}: reload it and apply your change again`, { version: s.version });
    const compoundId = fields.compoundId ?? s.compound_id;
    if (compoundId !== null && (fields.compoundId !== undefined || fields.lon !== undefined)) {
      await authorizeCompound(trx, actor.principal, 'audits.manage', compoundId);
      await checkPlacement(trx, compoundId, fields.name ?? s.name, fields.lon ?? s.lon, fields.lat ?? s.lat, s.footprint);
    }
    await checkBuilding(trx, fields.buildingId as number | null | undefined);
    if (!(await spaces.updateSpace(trx, id, version, fields))) throw conflict(`space ${id} changed meanwhile: reload it`);
    const before = Object.fromEntries(Object.keys(fields).map((k) => [k, (spaceView(s) as Record<string, unknown>)[k]]));
    await events.appendEvent(trx, { spaceId: id, campaignId: null, step: 'edit', at: actor.at, actorId: actor.principal.user?.id ?? null,
      actorName: actorName(actor), statusFrom: s.status, statusTo: s.status, data: { before, after: fields }, evidence: [], corrects: null, note: note ?? null });
    await record(trx, actor, { action: 'audits.manage', targetType: 'space', targetId: id, areaId: s.community_id, details: { op: 'edit', fields: Object.keys(fields) } });
    return spaceView((await spaces.findSpace(trx, id))!);
  });
}

export async function history(db: Db, id: number) {
  return { spaceId: id, entries: (await events.eventsOf(db, id)).map(eventView) };
}

export async function spaceProfile(db: Db, id: number) {
  const s = await spaces.findSpace(db, id);
  if (!s) throw notFound(`space ${id} does not exist`);
  const [compound, hist, fs, near] = [
    s.compound_id === null ? null : await compounds.findCompound(db, s.compound_id),
    await events.eventsOf(db, id),
    await files.filesOfSpace(db, id),
    await spaces.householdsNear(db, id, 500),
  ];
  const walk = await walkDemand(db, [s.lon, s.lat], 10);
  const place = s.place_id === null ? null : await db.selectFrom('places').select(['id', 'kind', 'name', 'opening_hours', 'services', 'capacity']).where('id', '=', s.place_id).executeTakeFirst();
  return {
    space: spaceView(s),
    compound: compound ? compoundView(compound) : null,
    resources: { areaM2: s.measured_area_m2 ?? s.area_m2, floor: s.floor, lift: s.lift, stepFree: s.step_free },
    place: place ? { id: place.id, kind: place.kind, name: place.name, openingHours: place.opening_hours, services: place.services, capacity: place.capacity } : null,
    /**
     * Households within a 10-minute walk on the network at 4.5 km/h (the service circle), and for
     * comparison those within GB 50180-2018's 500 m in a straight line.
     */
    demand: { householdsWithin500m: near, walk: { minutes: walk.minutes, thresholdM: walk.thresholdM, households: walk.households, population: walk.population, onNetwork: walk.onNetwork } },
    files: fs.map((f) => ({ id: f.id, kind: f.kind, mime: f.mime, width: f.width, height: f.height, bytes: f.bytes, uploadedAt: new Date(f.uploaded_at).toISOString(), href: `/api/audits/files/${f.id}` })),
    history: hist.map(eventView),
  };
}
