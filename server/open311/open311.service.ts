/**
 * GeoReport v2 over the hazard cases: services from the categories, requests from the visible
 * cases, new requests through the same submission as the web (rate limits, fields, grid).
 * Open311 clients cannot log in here: every request is anonymous. Not supported: `address_string`
 * (no geocoder; give lat/long or a building id as address_id), `media_url` (we do not fetch remote
 * files; upload photos through /api/hazards/uploads), `email` (not stored).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { badRequest, notFound } from '../errors.ts';
import { categories, category } from '../hazards/hazard-config.service.ts';
import { submit, type Submitter } from '../hazards/hazard-report.service.ts';
import { redactText } from '../hazards/hazard.views.ts';
import type { State } from '../hazards/hazard.workflow.ts';
import { phoneSchema } from '../users/users.schema.ts';
import { STATES_FOR, toRequest, toService, toServiceDefinition } from './open311.format.ts';
import * as repo from './open311.repository.ts';
import type { PostRequestBody } from './open311.schema.ts';

/** GeoReport v2: without dates, the last 90 days; at most 1000 requests. */
const DEFAULT_DAYS = 90;
const MAX_REQUESTS = 1000;

export async function checkJurisdiction(db: Kysely<DB>, code: string | undefined) {
  if (code === undefined) return null;
  const street = await repo.streetByCode(db, code);
  if (!street) throw notFound(`jurisdiction_id ${code} is not a street served here`);
  return street;
}

export async function services(db: Kysely<DB>) {
  return (await categories(db)).map(toService);
}

export async function serviceDefinition(db: Kysely<DB>, code: string) {
  const c = await category(db, code);
  if (!c || !c.active) throw notFound(`service_code ${code} does not exist`);
  return toServiceDefinition(c);
}

export async function listRequests(
  db: Kysely<DB>,
  q: { streetId?: number; ids?: number[]; codes?: string[]; statuses?: ('open' | 'closed')[]; from?: Date; to?: Date },
  now: Date,
  baseUrl: string,
) {
  const states = q.statuses ? [...new Set(q.statuses.flatMap((s) => STATES_FOR[s]))] : undefined;
  // service_request_id wins over every other filter (GeoReport v2).
  const filter: repo.RequestFilter = q.ids
    ? { ids: q.ids, limit: MAX_REQUESTS }
    : { codes: q.codes, states: states as State[] | undefined, from: q.from ?? (q.to ? undefined : new Date(now.getTime() - DEFAULT_DAYS * 86_400_000)), to: q.to, streetId: q.streetId, limit: MAX_REQUESTS };
  if (q.ids && q.streetId !== undefined) filter.streetId = q.streetId;
  const rows = await repo.listRequests(db, filter);
  return rows.map((r) => toRequest({ ...r, description: redactText(r.description) }, baseUrl));
}

export async function getRequest(db: Kysely<DB>, id: number, streetId: number | undefined, baseUrl: string) {
  const rows = await repo.listRequests(db, { ids: [id], streetId, limit: 1 });
  if (!rows.length) throw notFound(`service_request_id ${id} does not exist`);
  return rows.map((r) => toRequest({ ...r, description: redactText(r.description) }, baseUrl));
}

export async function postRequest(db: Kysely<DB>, s: Submitter, b: PostRequestBody, attributes: Record<string, unknown>, streetId: number | undefined) {
  const cat = await category(db, b.service_code);
  if (!cat || !cat.active) throw notFound(`service_code ${b.service_code} does not exist`);
  let location: { lon: number; lat: number; crs: 'wgs84' } | { buildingId: number };
  if (b.lat !== undefined && b.long !== undefined) location = { lon: b.long, lat: b.lat, crs: 'wgs84' };
  else if (b.address_id !== undefined) location = { buildingId: b.address_id };
  else throw badRequest(b.address_string ? 'address_string is not supported here (no geocoder): send lat and long, or a building id as address_id' : 'lat and long (or address_id) are required');
  const name = [b.last_name, b.first_name].filter(Boolean).join('') || undefined;
  const phone = b.phone ? phoneSchema.safeParse(b.phone.replace(/[\s-]/g, '')) : null;
  if (phone && !phone.success) throw badRequest(`phone ${b.phone} must be 5–20 digits`);
  const description = b.description && b.description.length >= 2 ? b.description : cat.name;
  const out = await submit(db, s, {
    category: cat.code, description, location, details: attributes, emergency: false,
    contact: name || phone ? { name, phone: phone?.data } : undefined, photos: [],
  }, { source: 'open311', streetId });
  return [{ service_request_id: String(out.id), service_notice: `received; follow at /hazards/${out.id}`, account_id: null }];
}
