/**
 * Bulk import of places from CSV/XLSX (issue 6), coordinates in WGS84, GCJ-02 (Amap, Tencent) or
 * BD-09 (Baidu). `preview` shows where every row lands in WGS84 (and how far the conversion moved
 * it), the area it would serve and every problem, and writes nothing; `commit` writes all rows in
 * one transaction, or nothing when any row has a problem.
 * Reading and conversion are the shared importer's (server/import); this adds the controlled
 * service list, opening-hours parsing, contact and capacity columns, refs and jurisdiction.
 */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import { authorize } from '../auth/authorize.ts';
import { selfAndAncestorIds } from '../auth/jurisdiction.repository.ts';
import type { Actor, Principal } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { badRequest, notFound, unprocessable } from '../errors.ts';
import { haversineM } from '../geo/distance.ts';
import { convertFeatures, parseBuffer, validateFeatures, type ImportFeature } from '../import/index.ts';
import { expectedBBox } from '../import/import.service.ts';
import { toList } from '../import/coerce.ts';
import { parseOpeningHours } from './opening-hours.ts';
import { kindKey, serviceKey, unknownServices } from './places.constants.ts';
import * as repo from './places.repository.ts';
import type { ImportBody } from './places.schema.ts';
import { placesChanged } from './places.cache.ts';

export const IMPORT_MAX_ROWS = 2000;
const CONTACT = ['contact', 'phone', '电话', '联系电话', '联系方式'];
const CAPACITY = ['capacity', '容量', '容纳人数'];
const KIND = ['kind', '类型'];
const SERVICES = ['services', '服务'];

const first = (p: Record<string, unknown>, names: string[]) => names.map((n) => p[n]).find((v) => v !== undefined && v !== null && v !== '');
const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

function bytesOf(file: ImportBody['file']): Uint8Array {
  if (file.text !== undefined) return new TextEncoder().encode(file.text);
  const b64 = file.base64!.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw badRequest('body parameter file.base64: not valid base64');
  return Buffer.from(b64, 'base64');
}

/** Chinese kind and service names → keys; a missing ref becomes `<file>:<row>` (re-importing a file is refused). */
function normalise(f: ImportFeature, file: string): ImportFeature {
  const p = { ...f.properties };
  for (const k of KIND) if (typeof p[k] === 'string') p[k] = kindKey(p[k] as string);
  for (const k of SERVICES) {
    const list = toList(p[k]);
    if (Array.isArray(list)) p[k] = list.map((s) => serviceKey(String(s))).join(';');
  }
  if (first(p, ['ref', 'osmId', 'osm_id', '@id']) === undefined) p.ref = `${file}:${/row (\d+)$/.exec(f.ref)?.[1] ?? f.ref}`;
  return { ...f, properties: p };
}

export interface PreviewRow {
  row: string;
  ref: string | null;
  name: string | null;
  kind: string | null;
  /** As given, in the declared CRS. */
  input: [number, number] | null;
  /** Where it lands (stored), WGS84. */
  wgs84: [number, number] | null;
  /** How far the conversion moved it, metres. */
  shiftM: number | null;
  area: { id: number; code: string; name: string; level: string } | null;
  errors: string[];
}

export async function preview(db: Kysely<DB>, p: Principal, body: ImportBody) {
  const target = await repo.areaBrief(db, body.areaId);
  if (!target) throw notFound(`area ${body.areaId} does not exist`);
  await authorize(db, p, 'places.manage', { areaId: body.areaId });
  const file = body.file.name;
  const raw = await parseBuffer(bytesOf(body.file), file, { kind: 'places', crs: 'wgs84' });
  if (raw.errors.length) return { valid: false, file, crs: body.crs, area: target, errors: raw.errors.map((e) => e.message), warnings: raw.warnings, rows: [] as PreviewRow[], writes: [] as repo.PlaceWrite[] };
  if (raw.features.length > IMPORT_MAX_ROWS) throw unprocessable('IMPORT_TOO_LARGE', `${file} has ${raw.features.length} rows; import at most ${IMPORT_MAX_ROWS} at a time`);
  const features = convertFeatures(raw.features.map((f) => normalise(f, file)), body.crs);
  const checked = validateFeatures(features, { kind: 'places', file, crs: body.crs, bbox: await expectedBBox(db), maxErrors: IMPORT_MAX_ROWS * 5 });
  const fileErrors = checked.errors.filter((e) => !features.some((f) => f.ref === e.ref)).map((e) => e.message);
  const points = features.map((f) => (f.geometry?.type === 'Point' ? (f.geometry.coordinates.slice(0, 2) as [number, number]) : null));
  const areas = await repo.areasAt(db, points.map((q) => q ?? [0, 0]));
  const existing = await repo.existingRefs(db, checked.records.map((r) => r.properties.ref));
  const inside = new Map<number, boolean>();
  const inTarget = async (areaId: number) => {
    if (!inside.has(areaId)) inside.set(areaId, ((await selfAndAncestorIds(db, areaId)) ?? []).includes(body.areaId));
    return inside.get(areaId)!;
  };
  const writes: repo.PlaceWrite[] = [];
  const rows: PreviewRow[] = [];
  for (const [i, f] of features.entries()) {
    const errors = checked.errors.filter((e) => e.ref === f.ref).map((e) => e.reason);
    const rec = checked.records.find((r) => r.ref === f.ref)?.properties;
    const rawP = raw.features[i].geometry?.type === 'Point' ? (raw.features[i].geometry!.coordinates.slice(0, 2) as [number, number]) : null;
    const area = points[i] ? areas[i] : null;
    const contact = first(f.properties, CONTACT);
    const capacityRaw = first(f.properties, CAPACITY);
    const capacity = capacityRaw === undefined ? null : Number(capacityRaw);
    if (rec) {
      const bad = unknownServices(rec.services);
      if (bad) errors.push(bad);
      const oh = rec.openingHours ? parseOpeningHours(rec.openingHours) : null;
      if (oh && !oh.ok) errors.push(`opening_hours ${JSON.stringify(rec.openingHours)}: ${oh.reason}`);
      if (existing.has(rec.ref)) errors.push(`ref ${JSON.stringify(rec.ref)} already exists (a file imported twice?)`);
      if (capacity !== null && !(Number.isInteger(capacity) && capacity >= 0 && capacity <= 100000)) errors.push(`capacity ${JSON.stringify(capacityRaw)} must be a whole number of people`);
      if (contact !== undefined && String(contact).length > 100) errors.push('contact is longer than 100 characters');
      if (!area || !(await inTarget(area.id))) errors.push(`it lands ${area ? `in ${area.name} (${area.code})` : 'outside every area'}, not in ${target.name} (${target.code}) that you import into`);
      if (!errors.length) {
        writes.push({
          ref: rec.ref, kind: rec.kind, name: rec.name, openingHours: rec.openingHours, floor: rec.floor, lift: rec.lift, stepFree: rec.stepFree,
          services: rec.services, capacity, contact: contact === undefined ? null : String(contact), photos: [], areaId: area?.id ?? null,
          lon: points[i]![0], lat: points[i]![1],
        });
      }
    }
    rows.push({
      row: f.ref, ref: rec?.ref ?? null, name: rec?.name ?? (typeof f.properties.name === 'string' ? f.properties.name : null), kind: rec?.kind ?? null,
      input: rawP, wgs84: points[i], shiftM: rawP && points[i] ? round(haversineM(rawP, points[i]!), 1) : null, area, errors,
    });
  }
  const valid = fileErrors.length === 0 && rows.length > 0 && rows.every((r) => r.errors.length === 0);
  return { valid, file, crs: body.crs, area: target, errors: rows.length ? fileErrors : [...fileErrors, `${file} has no rows`], warnings: checked.warnings, rows, writes };
}

export async function commit(db: Kysely<DB>, actor: Actor, body: ImportBody) {
  const { writes, ...p } = await preview(db, actor.principal, body);
  if (!p.valid) {
    const problems = [...p.errors, ...p.rows.flatMap((r) => r.errors.map((e) => `${r.row}: ${e}`))];
    throw unprocessable('IMPORT_REJECTED', `nothing imported: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { errors: problems.slice(0, 200), rows: p.rows });
  }
  const ids = await db.transaction().execute(async (trx) => {
    const inserted = await repo.insertPlaces(trx, writes, actor.principal.user?.id ?? null);
    await record(trx, actor, { action: 'places.import', targetType: 'file', targetId: p.file, areaId: body.areaId, details: { crs: p.crs, rows: inserted.length, ids: inserted.slice(0, 100) } });
    return inserted;
  });
  placesChanged();
  return { imported: ids.length, ids, rows: p.rows };
}
