/**
 * Reporting: photo uploads, a new case (category fields checked, location → grid and community by
 * the insert trigger, follow-up token shown once), "me too", flags, and the reporter's follow view.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { badRequest, conflict, notFound, payloadTooLarge, unprocessable } from '../errors.ts';
import { toWgs84, type Crs } from '../geo/crs.ts';
import { parse } from '../http/validate.ts';
import * as cases from './hazard-cases.repository.ts';
import * as abuse from './hazard-abuse.repository.ts';
import * as config from './hazard-config.repository.ts';
import { enforceLimit } from './hazard-limits.ts';
import * as log from './hazard-log.repository.ts';
import * as photos from './hazard-photos.repository.ts';
import { detailsSchema, fieldList } from './hazard.fields.ts';
import { sanitizeImage } from './hazard.images.ts';
import { caseView, isPubliclyVisible } from './hazard.views.ts';
import { OPEN_STATES } from './hazard.workflow.ts';
import type { ReportInput } from './hazards.schema.ts';

/** Uploads must be attached within a day, then they are dropped. */
export const UPLOAD_TTL_MS = 86_400_000;
export const sha256 = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('hex');
const newToken = () => crypto.randomBytes(24).toString('base64url');

/** Who is submitting: anonymous callers are rate-limited by IP and device. */
export interface Submitter {
  actor: Actor;
  device: string;
}
const anonymous = (s: Submitter) => s.actor.principal.user === null;
const limited = async (db: Kysely<DB>, s: Submitter, kind: Parameters<typeof enforceLimit>[1]) => {
  if (anonymous(s)) await enforceLimit(db, kind, { ip: s.actor.origin.ip, device: s.device }, s.actor.at);
};

export async function upload(db: Kysely<DB>, s: Submitter, buf: Buffer) {
  const r = await sanitizeImage(buf);
  if (!r.valid) throw r.reason === 'TOO_LARGE' ? payloadTooLarge(r.message) : unprocessable(`IMAGE_${r.reason}`, r.message);
  const token = newToken();
  const at = s.actor.at;
  await db.transaction().execute(async (trx) => {
    await limited(trx, s, 'upload');
    await photos.pruneLoose(trx, new Date(at.getTime() - UPLOAD_TTL_MS));
    const { data, mime, width, height } = r.image;
    await photos.insertUpload(trx, { hash: sha256(token), mime, width, height, data, sha256: sha256(data), at, uploaderId: s.actor.principal.user?.id ?? null });
  });
  const { mime, width, height, data, removed } = r.image;
  return { upload: token, mime, width, height, bytes: data.length, removed, expiresAt: new Date(at.getTime() + UPLOAD_TTL_MS).toISOString() };
}

/** Links and web addresses in an anonymous report hold it for moderation (spam). */
const LINKY = /(https?:\/\/|www\.|\b[a-z0-9-]+\.(com|cn|net|org|top|xyz)\b)/i;

/** `streetId`: the case must fall in this street (Open311 jurisdiction_id), else nothing is filed. */
export async function submit(db: Kysely<DB>, s: Submitter, input: ReportInput, opts: { source: 'web' | 'open311'; streetId?: number } = { source: 'web' }) {
  const source = opts.source;
  const cat = await config.findCategory(db, input.category);
  if (!cat || !cat.active) throw badRequest(`category ${input.category} does not exist or is not in use`);
  const details = parse(detailsSchema(fieldList.parse(cat.fields)), input.details, 'details');
  let lon: number;
  let lat: number;
  let buildingId: number | null = null;
  if ('buildingId' in input.location) {
    const b = await cases.buildingPoint(db, input.location.buildingId);
    if (!b) throw badRequest(`building ${input.location.buildingId} does not exist`);
    ({ lon, lat } = b);
    buildingId = input.location.buildingId;
  } else {
    [lon, lat] = toWgs84([input.location.lon, input.location.lat], input.location.crs as Crs);
  }
  const token = newToken();
  const actor = s.actor;
  const held = anonymous(s) && LINKY.test(input.description);
  const id = await db.transaction().execute(async (trx) => {
    await limited(trx, s, 'report');
    const row = await cases.insertCase(trx, {
      category: cat.code, description: input.description, lon, lat, buildingId, details,
      priority: input.emergency ? 'emergency' : null, source,
      reporterId: actor.principal.user?.id ?? null, contactName: input.contact?.name ?? null, contactPhone: input.contact?.phone ?? null,
      followHash: sha256(token), hidden: held, at: actor.at,
    });
    if (row.grid_id === null) throw unprocessable('OUTSIDE_SERVICE_AREA', `location ${lon.toFixed(6)},${lat.toFixed(6)} is not in (or within 30 m of) any grid we serve`);
    if (opts.streetId !== undefined && row.street_id !== opts.streetId) throw badRequest(`location ${lon.toFixed(6)},${lat.toFixed(6)} is outside jurisdiction_id (street ${opts.streetId})`);
    const n = await photos.attach(trx, { hashes: input.photos.map(sha256), hazardId: row.id, kind: 'report', eventId: null, at: actor.at, since: new Date(actor.at.getTime() - UPLOAD_TTL_MS) });
    if (n !== new Set(input.photos).size) throw unprocessable('UPLOAD_NOT_FOUND', `${input.photos.length - n} of the photo tokens are unknown, used or older than a day: upload them again`);
    await record(trx, actor, { action: 'hazards.report', targetType: 'hazard', targetId: row.id, areaId: row.grid_id, details: { category: cat.code, source, anonymous: anonymous(s), held } });
    return row.id;
  });
  const view = await loadView(db, id, 'reporter', actor.at);
  return { id, followToken: token, followPath: `/hazards/follow/${token}`, held, case: view };
}

export async function loadView(db: Kysely<DB>, id: number, view: 'public' | 'reporter' | 'staff', now: Date) {
  const row = await cases.findCase(db, id);
  if (!row) throw notFound(`hazard case ${id} does not exist`);
  const [events, ph] = [await log.eventsOf(db, id), await photos.photosOf(db, id)];
  return caseView(row, events, ph, view, now);
}

export async function follow(db: Kysely<DB>, token: string, now: Date) {
  const row = await cases.findByFollowHash(db, sha256(token));
  if (!row) throw notFound('no case has this follow-up link');
  return loadView(db, row.id, 'reporter', now);
}

async function visibleCase(db: Kysely<DB>, id: number) {
  const row = await cases.findCase(db, id);
  if (!row || !isPubliclyVisible(row)) throw notFound(`hazard case ${id} does not exist`);
  return row;
}

/** "Me too": one more person sees this open case, instead of a duplicate report. */
export async function meToo(db: Kysely<DB>, s: Submitter, id: number) {
  const row = await visibleCase(db, id);
  if (!OPEN_STATES.includes(row.status)) throw conflict(`case ${id} is ${row.status}: "me too" is for open cases; report it again if the problem is back`);
  const added = await db.transaction().execute(async (trx) => {
    await limited(trx, s, 'me_too');
    return abuse.addSupporter(trx, { hazardId: id, at: s.actor.at, userId: s.actor.principal.user?.id ?? null, device: s.device });
  });
  return { id, added, meToo: row.me_too + (added ? 1 : 0) };
}

/** Anyone may flag a visible case (abuse, personal data, spam); it enters the moderation queue. */
export async function flag(db: Kysely<DB>, s: Submitter, id: number, reason: string) {
  await visibleCase(db, id);
  await db.transaction().execute(async (trx) => {
    await limited(trx, s, 'flag');
    await abuse.addFlag(trx, { hazardId: id, at: s.actor.at, reason, userId: s.actor.principal.user?.id ?? null, device: s.device });
  });
  return { id, flagged: true };
}
