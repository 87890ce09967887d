/** One zod schema per hazard endpoint; request types are inferred from them. */
import { z } from 'zod';
import { CRS_NAMES } from '../geo/crs.ts';
import { bboxSchema, idSchema } from '../http/validate.ts';
import { phoneSchema } from '../users/users.schema.ts';
import { fieldList } from './hazard.fields.ts';
import { slaSpec } from './hazard.sla.ts';
import { ESCALATION_LEVELS, NOTE, PRIORITIES, STATES, TRANSITIONS } from './hazard.workflow.ts';

export const categoryCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a category code like ebike_charging');
/** Upload and follow-up tokens: 32 url-safe base64 characters (192 random bits). */
export const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'must be a 32-character token');
export const deviceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, _ or -');
const lon = z.coerce.number({ message: 'must be a number' }).min(-180).max(180);
const lat = z.coerce.number({ message: 'must be a number' }).min(-90).max(90);
const crs = z.enum(CRS_NAMES).default('wgs84').meta({ description: 'coordinates picked on Amap/Tencent (gcj02) or Baidu (bd09) are converted' });

const list = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.string().transform((s, ctx) => {
    const parts = s.split(',').map((x) => x.trim()).filter(Boolean);
    const bad = parts.find((p) => !(values as readonly string[]).includes(p));
    if (bad !== undefined || !parts.length) {
      ctx.addIssue({ code: 'custom', message: `${what} "${bad ?? s}" is not one of ${values.join(', ')}` });
      return z.NEVER;
    }
    return parts as T[number][];
  });
const categoryList = z.string().transform((s, ctx) => {
  const parts = s.split(',').map((x) => x.trim()).filter(Boolean);
  if (!parts.length || parts.some((p) => !/^[a-z][a-z0-9_]{1,39}$/.test(p))) {
    ctx.addIssue({ code: 'custom', message: `category "${s}" must be category codes separated by commas` });
    return z.NEVER;
  }
  return parts;
});

const SHANGHAI_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A day (YYYY-MM-DD, Asia/Shanghai) or an ISO date-time with offset; `end` = the day's end (exclusive). */
const instant = (end: boolean) =>
  z.string().transform((s, ctx) => {
    const d = SHANGHAI_DAY.test(s) ? new Date(`${s}T00:00:00+08:00`) : /(Z|[+-]\d{2}:?\d{2})$/.test(s) ? new Date(s) : new Date(NaN);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: `"${s}" must be a day YYYY-MM-DD (Asia/Shanghai) or an ISO date-time with offset` });
      return z.NEVER;
    }
    return end && SHANGHAI_DAY.test(s) ? new Date(d.getTime() + 86_400_000) : d;
  });
const period = { from: instant(false).optional(), to: instant(true).optional() };

export const hazardParams = z.object({ id: idSchema });
export const photoParams = z.object({ id: idSchema, photoId: idSchema });
export const followParams = z.object({ token: tokenSchema });
export const categoryParams = z.object({ code: categoryCode });
export const priorityParams = z.object({ priority: z.enum(PRIORITIES) });

export const listQuery = z.object({
  bbox: bboxSchema.optional(),
  category: categoryList.optional(),
  state: list(STATES, 'state').optional(),
  ...period,
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(20_000).default(5_000),
});
export type ListQuery = z.infer<typeof listQuery>;

export const countsQuery = z.object({
  level: z.enum(['street', 'community', 'grid']).default('grid'),
  bbox: bboxSchema.optional(),
  category: categoryList.optional(),
  state: list(STATES, 'state').optional(),
  ...period,
});

export const nearbyQuery = z.object({ lon, lat, crs, category: categoryCode });

export const locationInput = z.union([
  z.object({ lon, lat, crs }).strict(),
  z.object({ buildingId: idSchema }).strict(),
]);

export const reportBody = z
  .object({
    category: categoryCode,
    description: z.string().trim().min(2, 'must say what is wrong (at least 2 characters)').max(1000),
    location: locationInput,
    details: z.record(z.string(), z.unknown()).default({}),
    emergency: z.boolean().default(false).meta({ description: 'someone is in danger now: emergency service level (1 min / 5 min)' }),
    contact: z.object({ name: z.string().trim().min(1).max(50).optional(), phone: phoneSchema.optional() }).strict().optional(),
    photos: z.array(tokenSchema).max(3, 'at most 3 photos').default([]),
    deviceId: deviceIdSchema.optional(),
  })
  .strict();
export type ReportInput = z.infer<typeof reportBody>;

export const uploadJsonBody = z
  .object({ data: z.string().min(1).max(1_400_000).regex(/^[A-Za-z0-9+/=\s]+$/, 'must be base64'), deviceId: deviceIdSchema.optional() })
  .strict()
  .meta({ description: 'Or send the raw JPEG/PNG bytes as the body (any image Content-Type), up to 8 MB' });

export const transitionBody = z
  .object({
    action: z.enum([...TRANSITIONS, NOTE]),
    note: z.string().trim().max(2000).optional(),
    level: z.enum(ESCALATION_LEVELS).optional(),
    agency: z.string().trim().min(1).max(100).optional(),
    duplicateOf: idSchema.optional(),
    priority: z.enum(PRIORITIES).optional().meta({ description: 'verify only: change the priority (due times follow)' }),
    category: categoryCode.optional().meta({ description: 'verify only: correct the category' }),
    evidence: z.array(tokenSchema).max(6).default([]).meta({ description: 'resolve: upload tokens of evidence photos' }),
  })
  .strict();
export type TransitionBody = z.infer<typeof transitionBody>;

export const meTooBody = z.object({ deviceId: deviceIdSchema.optional() }).strict().default({});
export const flagBody = z.object({ reason: z.string().trim().min(1).max(500), deviceId: deviceIdSchema.optional() }).strict();

export const queueQuery = z.object({
  area: idSchema.optional(),
  state: list(STATES, 'state').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export const dashboardQuery = z.object({ area: idSchema, ...period });
export const moderationQuery = z.object({ area: idSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
export const moderationBody = z.object({ action: z.enum(['hide', 'unhide', 'dismiss']), reason: z.string().trim().min(1).max(500) }).strict();

const slaSet = z.object({ respond: slaSpec, onSite: slaSpec.nullable().default(null), resolve: slaSpec }).strict();
export type SlaInput = z.infer<typeof slaSet>;
export const slaBody = slaSet;
export const categoryBody = z
  .object({
    name: z.string().trim().min(1).max(50),
    eventClass: z.enum(['市容环境', '宣传广告', '施工管理', '街面秩序', '突发事件', '其他']),
    priority: z.enum(PRIORITIES),
    points: z.number().int().min(0).max(1000),
    fields: fieldList,
    active: z.boolean().default(true),
    sort: z.number().int().min(0).max(10_000).default(100),
    sla: z.partialRecord(z.enum(PRIORITIES), slaSet.nullable()).optional().meta({ description: 'per-priority overrides; null removes one (defaults apply)' }),
  })
  .strict();
export type CategoryInput = z.infer<typeof categoryBody>;
