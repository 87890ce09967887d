/** Request schemas of the inventory routes (compounds, spaces, files), one per endpoint. */
import { z } from 'zod';
import { bboxSchema, idSchema } from '../http/validate.ts';
import { COMPOUND_TYPES, IDLE_SUBKINDS, SPACE_KINDS, SPACE_STATUSES } from './audit.workflow.ts';
import { PM_RULE_IDS } from './standards.ts';

/** A room of more than 20,000 m² is a typing error, not a room. */
export const MAX_ROOM_M2 = 20_000;
export const areaM2 = (what: string) =>
  z.number({ message: `${what} must be a number of m²` }).positive(`${what} must be more than 0 m²`).max(MAX_ROOM_M2, `${what} above ${MAX_ROOM_M2} m² is not a room; check the unit`);
const floorArea = (what: string) => z.number({ message: `${what} must be a number of m²` }).min(0, `${what} cannot be negative`).max(10_000_000, `${what} above 10,000,000 m² is not a compound`);
const text = (max: number) => z.string().trim().min(1).max(max);
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.string().transform((s, ctx) => {
    const parts = s.split(',').map((x) => x.trim()).filter(Boolean);
    const bad = parts.find((p) => !values.includes(p));
    if (bad) {
      ctx.addIssue({ code: 'custom', message: `"${bad}" is not one of ${values.join(', ')}` });
      return z.NEVER;
    }
    return parts as T[number][];
  });

const ring = z.array(z.tuple([lon, lat]).rest(z.number())).min(4, 'a ring needs at least 4 positions')
  .refine((r) => r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1], 'a ring must end where it starts');
export const polygonSchema = z.union([
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1).max(50) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1).max(50) }),
]);

export const areaQuery = z.object({ area: idSchema });
export const compoundParams = z.object({ id: idSchema });
export const spaceParams = z.object({ id: idSchema });
export const fileParams = z.object({ id: idSchema });

export const compoundBody = z.object({
  name: text(100),
  type: z.enum(COMPOUND_TYPES),
  propertyCompany: text(100).nullish(),
  ownersCommittee: text(100).nullish(),
  totalFloorAreaM2: floorArea('totalFloorAreaM2'),
  aboveGroundAreaM2: floorArea('aboveGroundAreaM2').nullish(),
  pmRule: z.enum(PM_RULE_IDS).optional(),
  geometry: polygonSchema,
}).strict();
export type CompoundInput = z.infer<typeof compoundBody>;

export const compoundPatchBody = compoundBody.omit({ geometry: true }).partial().strict()
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');

export const spacesQuery = z.object({
  area: idSchema,
  kind: csv(SPACE_KINDS).optional(),
  status: csv(SPACE_STATUSES).optional(),
  compound: idSchema.optional(),
  campaign: idSchema.optional(),
  bbox: bboxSchema.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(2000),
});

const spaceFields = {
  kind: z.enum(SPACE_KINDS),
  subkind: z.enum(IDLE_SUBKINDS).nullish(),
  name: text(100),
  buildingId: idSchema.nullish(),
  floor: z.number().int().min(-5).max(150),
  lift: z.boolean(),
  stepFree: z.boolean(),
  areaM2: areaM2('areaM2 (declared)'),
  measuredAreaM2: areaM2('measuredAreaM2').nullish(),
  owner: text(100).nullish(),
  custodian: text(100).nullish(),
  currentUse: text(200).nullish(),
  occupant: text(100).nullish(),
};

export const spaceBody = z.object({
  ...spaceFields,
  floor: spaceFields.floor.default(1),
  lift: spaceFields.lift.default(false),
  stepFree: spaceFields.stepFree.default(false),
  compoundId: idSchema,
  lon,
  lat,
  footprint: polygonSchema.nullish(),
  /** Upload tokens of the deed, planning permit, hand-over list or photos. */
  files: z.array(z.string().min(10).max(100)).max(20).default([]),
  note: text(2000).optional(),
}).strict();
export type SpaceInput = z.infer<typeof spaceBody>;

export const spacePatchBody = z.object(spaceFields).partial().extend({
  version: z.number().int().positive(),
  compoundId: idSchema.optional(),
  lon: lon.optional(),
  lat: lat.optional(),
  note: text(2000).optional(),
}).strict().refine((b) => (b.lon === undefined) === (b.lat === undefined), 'give lon and lat together');
export type SpacePatch = z.infer<typeof spacePatchBody>;

export const uploadJsonBody = z.object({ data: z.string().min(1).max(1_400_000).regex(/^[A-Za-z0-9+/=\s]+$/, 'data must be base64'), deviceId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional() }).strict();
export const uploadQuery = z.object({ kind: z.enum(['photo', 'document', 'auto']).default('auto') });

export const incomeParams = compoundParams;
export const INCOME_CATEGORIES = ['parking', 'advertising', 'venue_rent', 'facility_rent', 'other_income', 'maintenance', 'services', 'other_spending'] as const;
const yuan = (what: string) => z.number({ message: `${what} must be a number of yuan` }).min(0, `${what} cannot be negative`).max(1e10, `${what} above 10,000,000,000 yuan is not plausible`).multipleOf(0.01, `${what} has more than 2 decimals`);
export const incomeBody = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period must be YYYY-MM'),
  category: z.enum(INCOME_CATEGORIES),
  dueYuan: yuan('dueYuan').default(0),
  collectedYuan: yuan('collectedYuan').default(0),
  arrearsRecoveredYuan: yuan('arrearsRecoveredYuan').default(0),
  spentYuan: yuan('spentYuan').default(0),
  note: text(500).optional(),
  corrects: idSchema.optional(),
}).strict();
export type IncomeInput = z.infer<typeof incomeBody>;
