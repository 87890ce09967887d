import { z } from 'zod';
import { idSchema } from '../http/validate.ts';

/** The party-mass service positions (党群服务阵地, five levels) counted by default. */
export const STATION_KINDS = ['party_center', 'regional_center', 'community_center', 'grid_station', 'outdoor_station', 'building_corner', 'neighbourhood_post'] as const;
export const ALL_PLACE_KINDS = [...STATION_KINDS, 'outdoor_worker_station', 'new_employment_station', 'elder_canteen', 'rider_shop'] as const;

const kinds = z
  .string()
  .transform((s) => s.split(',').map((k) => k.trim()).filter(Boolean))
  .pipe(z.array(z.enum(ALL_PLACE_KINDS, { message: `kinds must be among ${ALL_PLACE_KINDS.join(', ')}` })).min(1, 'give at least one kind'));

const speed = z.coerce.number().min(1, 'speed must be at least 1 km/h').max(10, 'speed must be at most 10 km/h');
const at = z.iso.datetime({ offset: true, message: 'at must be an ISO 8601 time with offset, e.g. 2026-11-21T23:00:00+08:00' }).transform((s) => new Date(s));
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const minutes = z.coerce.number().min(1, 'minutes must be at least 1').max(60, 'minutes must be at most 60');

/** `lon,lat;lon,lat` hypothetical stations for "what if". */
const points = z.string().transform((s, ctx) => {
  const out: [number, number][] = [];
  for (const part of s.split(';').filter(Boolean)) {
    const p = part.split(',').map(Number);
    if (p.length !== 2 || !p.every(Number.isFinite) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
      ctx.addIssue({ code: 'custom', message: `add: "${part}" must be lon,lat in degrees` });
      return z.NEVER;
    }
    out.push(p as [number, number]);
  }
  if (out.length > 50) {
    ctx.addIssue({ code: 'custom', message: 'add: at most 50 hypothetical stations' });
    return z.NEVER;
  }
  return out;
});
const ids = z.string().transform((s) => s.split(',').filter(Boolean).map(Number)).pipe(z.array(z.number().int().positive('remove: ids must be positive integers')).max(200));

export const coverageQuery = z.object({
  area: idSchema,
  minutes: minutes.default(10),
  speed: speed.default(4.5),
  /** GB 50180-2018 distance presets instead of a time budget. */
  preset: z.enum(['5min', '10min', '15min']).optional(),
  kinds: kinds.optional(),
  at: at.optional(),
  accessible: bool.default(false),
  /** What if: hypothetical stations added at these points … */
  add: points.optional(),
  /** … and these existing stations removed. */
  remove: ids.optional(),
});

export const isochroneQuery = z.object({
  station: idSchema,
  minutes: z
    .string()
    .transform((s) => s.split(',').map(Number))
    .pipe(z.array(z.number().min(1).max(60)).min(1).max(5))
    .default([5, 10, 15]),
  speed: speed.default(4.5),
  at: at.optional(),
});

const lonLat = z.string().transform((s, ctx) => {
  const p = s.split(',').map(Number);
  if (p.length !== 2 || !p.every(Number.isFinite) || Math.abs(p[0]) > 180 || Math.abs(p[1]) > 90) {
    ctx.addIssue({ code: 'custom', message: `"${s}" must be lon,lat in degrees` });
    return z.NEVER;
  }
  return p as [number, number];
});

export const walkQuery = z.object({ from: lonLat, to: idSchema, speed: speed.default(4.5), at: at.optional() });

export const sitingBody = z.object({
  area: z.number().int().positive(),
  k: z.number().int().min(1, 'k must be at least 1').max(20, 'k must be at most 20'),
  minutes: z.number().min(1).max(60).default(10),
  speed: z.number().min(1).max(10).default(4.5),
  kinds: z.array(z.enum(ALL_PLACE_KINDS)).min(1).optional(),
  /** Extra candidates: points clicked on the map or POIs chosen by the planner. */
  candidates: z.array(z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90), name: z.string().max(100).optional() })).max(500).optional(),
  /** Use the audit inventory's idle and reclaimed spaces in the area (default true). */
  inventory: z.boolean().default(true),
  /** Existing POIs the planner chose as candidates (ids from GET /api/circle/pois). */
  pois: z.array(z.number().int().positive('pois: ids must be positive integers')).max(500).optional(),
  /** Start from the coverage at this moment: stations closed then and gates locked then do not count. */
  at: at.optional(),
  /** Start from accessible stations only (upper floors without a lift do not count). */
  accessible: z.boolean().default(false),
  /** Start from the planner's what-if: hypothetical stations already placed … */
  add: z.array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])).max(50, 'add: at most 50 hypothetical stations').optional(),
  /** … and existing stations removed. */
  remove: z.array(z.number().int().positive('remove: ids must be positive integers')).max(200).optional(),
});

const hhmm = z.string().regex(/^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/, 'must be HH:MM (00:00–24:00)');
export const gateBody = z.object({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  name: z.string().trim().min(1, 'name must not be empty').max(100),
  closedFrom: hhmm,
  closedTo: hhmm,
});
export const gateParams = z.object({ id: idSchema });

export const poisQuery = z.object({ area: idSchema });
