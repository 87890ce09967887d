/** One zod schema per places endpoint (finder, place page, create, edit, import). */
import { z } from 'zod';
import { CRS_NAMES } from '../geo/crs.ts';
import { idSchema } from '../http/validate.ts';
import { parseOpeningHours } from './opening-hours.ts';
import { isKind, PLACE_KINDS, unknownKinds, unknownServices, type PlaceKind, type Service } from './places.constants.ts';

const lon = z.coerce.number({ message: 'lon must be a number' }).refine(Number.isFinite, 'lon must be a finite number').refine((v) => Math.abs(v) <= 180, 'lon must be within -180…180 (WGS84 degrees)');
const lat = z.coerce.number({ message: 'lat must be a number' }).refine(Number.isFinite, 'lat must be a finite number').refine((v) => Math.abs(v) <= 90, 'lat must be within -90…90 (WGS84 degrees)');
const bool = z.enum(['true', 'false', '1', '0'], { message: 'must be true or false' }).transform((v) => v === 'true' || v === '1');
const isoTime = (name: string) => z.iso.datetime({ offset: true, message: `${name} must be an ISO 8601 time with offset, e.g. 2026-11-21T09:00:00+08:00` }).transform((s) => new Date(s));

/** `a,b,c` → validated list; unknown values are named in the message. */
function listOf<T extends string>(check: (v: string[]) => string | null) {
  return z.string().transform((s, ctx) => {
    const values = [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))];
    const bad = check(values);
    if (bad) {
      ctx.addIssue({ code: 'custom', message: bad });
      return z.NEVER;
    }
    return values as T[];
  });
}

const services = z.array(z.string().trim(), { message: 'services must be a list of service keys' }).max(40).superRefine((v, ctx) => {
  const bad = unknownServices(v);
  if (bad) ctx.addIssue({ code: 'custom', message: bad });
}).transform((v) => [...new Set(v)] as Service[]);

/** OSM opening_hours, checked by our parser: a malformed value names the token and why. */
export const openingHoursSchema = z.string().trim().max(500).nullable().superRefine((v, ctx) => {
  if (v === null || v === '') return;
  const r = parseOpeningHours(v);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(v)} is not valid opening_hours: ${r.reason}` });
}).transform((v) => (v === '' ? null : v));

export const nearestQuery = z.object({
  lon,
  lat,
  service: listOf<Service>(unknownServices).optional().meta({ description: 'comma-separated service keys; a place must offer all of them' }),
  kind: listOf<PlaceKind>(unknownKinds).optional().meta({ description: 'comma-separated kinds; any of them' }),
  open_at: z.union([z.literal('now'), isoTime('open_at')]).optional().meta({ description: '`now` or an ISO time: only places open then' }),
  step_free: bool.optional().meta({ description: 'only places with step-free access on the ground floor or with a lift' }),
  limit: z.coerce.number().int('limit must be an integer').min(1, 'limit must be at least 1').max(20, 'limit must be at most 20').default(5),
  routes: z.coerce.number().int('routes must be an integer').min(0).max(10, 'routes must be at most 10').default(3).meta({ description: 'how many of the first results carry their walking route' }),
  speed: z.coerce.number().min(1, 'speed must be at least 1 km/h').max(10, 'speed must be at most 10 km/h').default(4.5),
  links: bool.optional().meta({ description: 'add each result\'s navigation links (`navLinks`); the place page always has them, and the web client builds them from `place` with server/places/nav-links.ts' }),
});
export type NearestQuery = z.infer<typeof nearestQuery>;

export const placeParams = z.object({ id: idSchema });
export const photoParams = z.object({ id: idSchema, photoId: idSchema });
export const placeQuery = z.object({ at: isoTime('at').optional().meta({ description: 'evaluate opening hours at this time (default now)' }) });

const photo = z.url({ protocol: /^https?$/, message: 'photos must be http(s) URLs' }).max(500);
const fields = {
  kind: z.string().refine(isKind, { message: `kind must be one of ${PLACE_KINDS.join(', ')}` }).transform((k) => k as PlaceKind),
  name: z.string().trim().min(1, 'name must not be empty').max(200),
  lon: z.number().finite().min(-180).max(180),
  lat: z.number().finite().min(-90).max(90),
  crs: z.enum(CRS_NAMES, { message: `crs must be one of ${CRS_NAMES.join(', ')}` }).default('wgs84').meta({ description: 'coordinates as picked on Amap/Tencent (gcj02) or Baidu (bd09) are converted' }),
  openingHours: openingHoursSchema,
  floor: z.number().int().min(-5).max(200).refine((n) => n !== 0, 'floor must not be 0 (1 = ground floor, -1 = first basement)'),
  lift: z.boolean(),
  stepFree: z.boolean(),
  services,
  capacity: z.number().int().min(0).max(100000).nullable(),
  contact: z.string().trim().max(100).nullable(),
  photos: z.array(photo).max(20),
  areaId: idSchema,
  ref: z.string().trim().min(1).max(100),
};

export const createPlaceBody = z.object({
  ...fields,
  crs: fields.crs,
  openingHours: fields.openingHours.default(null),
  floor: fields.floor.default(1),
  lift: fields.lift.default(false),
  stepFree: fields.stepFree.default(false),
  services: fields.services.default([]),
  capacity: fields.capacity.default(null),
  contact: fields.contact.default(null),
  photos: fields.photos.default([]),
  areaId: fields.areaId.optional(),
  ref: fields.ref.optional(),
}).strict();
export type CreatePlace = z.infer<typeof createPlaceBody>;

export const patchPlaceBody = z.object({
  version: z.number({ message: 'version is required: the version you edited (optimistic concurrency)' }).int().min(1),
  kind: fields.kind.optional(),
  name: fields.name.optional(),
  lon: fields.lon.optional(),
  lat: fields.lat.optional(),
  crs: fields.crs,
  openingHours: fields.openingHours.optional(),
  floor: fields.floor.optional(),
  lift: fields.lift.optional(),
  stepFree: fields.stepFree.optional(),
  services: fields.services.optional(),
  capacity: fields.capacity.optional(),
  contact: fields.contact.optional(),
  photos: fields.photos.optional(),
  areaId: fields.areaId.optional(),
}).strict().refine((b) => (b.lon === undefined) === (b.lat === undefined), { message: 'give lon and lat together', path: ['lon'] });
export type PatchPlace = z.infer<typeof patchPlaceBody>;

/** The file travels inside JSON: base64 (XLSX or CSV) or plain text (CSV). */
export const importBody = z.object({
  file: z.object({
    name: z.string().trim().min(1).max(200).regex(/\.(csv|xlsx|tsv|txt)$/i, 'file name must end in .csv or .xlsx (it picks the reader)'),
    base64: z.string().max(4_000_000).optional(),
    text: z.string().max(3_000_000).optional(),
  }).refine((f) => (f.base64 === undefined) !== (f.text === undefined), { message: 'give the content as base64 or as text, one of them' }),
  crs: z.enum(CRS_NAMES, { message: `crs must be one of ${CRS_NAMES.join(', ')}` }),
  areaId: idSchema.meta({ description: 'the street, community or grid imported into: in your jurisdiction; every row must land in it' }),
}).strict();
export type ImportBody = z.infer<typeof importBody>;
