/** Request schemas of the four-step audit routes, one per endpoint. */
import { z } from 'zod';
import { idSchema } from '../http/validate.ts';
import { PLACE_KINDS, SERVICES } from '../places/places.constants.ts';
import { openingHoursSchema } from '../places/places.schema.ts';
import { FINDING_OUTCOMES } from './audit.workflow.ts';
import { areaM2 } from './inventory.schema.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((s) => { const d = new Date(`${s}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s; }, 'is not a calendar date');
const tokens = z.array(z.string().min(10).max(100)).max(20);
const deviceId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional();

export const PARTIES = ['street_office', 'community', 'property_company', 'owners_committee', 'other'] as const;

export const campaignParams = z.object({ id: idSchema });
export const leadParams = z.object({ id: idSchema });
export const campaignsQuery = z.object({ area: idSchema });
export const leadsQuery = z.object({ campaign: idSchema, status: z.enum(['new', 'accepted', 'rejected', 'duplicate']).optional() });

export const campaignBody = z.object({
  name: text(100),
  area: idSchema,
  participants: z.array(z.object({ party: z.enum(PARTIES), name: text(100) }).strict()).min(1, 'name the parties that agreed the audit').max(20),
  startsOn: day,
  endsOn: day,
}).strict().refine((b) => b.endsOn >= b.startsOn, { message: 'endsOn is before startsOn', path: ['endsOn'] });

export const enrolBody = z.object({ spaceId: idSchema, note: text(2000).optional(), files: tokens.default([]) }).strict();
export const closeBody = z.object({ note: text(2000).optional() }).strict();

export const leadBody = z.object({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  description: text(2000),
  campaignId: idSchema.optional(),
  photo: z.string().min(10).max(100).optional(),
  /** Optional way to reach the resident; staff only. Leave out to stay anonymous. */
  contact: text(100).optional(),
  deviceId,
}).strict();
export type LeadInput = z.infer<typeof leadBody>;

export const triageBody = z.object({
  decision: z.enum(['accept', 'reject', 'duplicate']),
  spaceId: idSchema.optional(),
  note: text(2000).optional(),
}).strict().refine((b) => b.decision !== 'accept' || b.spaceId !== undefined, { message: 'accepting a lead needs the spaceId it is about (register the space first)', path: ['spaceId'] });

export const inspectionBody = z.object({
  inspector: text(100),
  at: z.iso.datetime({ offset: true }),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  accuracyM: z.number().min(0).max(10_000).optional(),
  measuredAreaM2: areaM2('measuredAreaM2'),
  currentUse: text(200),
  occupant: text(100).nullish(),
  photos: tokens.default([]),
  note: text(2000).optional(),
}).strict();
export type InspectionInput = z.infer<typeof inspectionBody>;

const yuan = z.number().min(0, 'incomeRecoveredYuan cannot be negative').max(1e10, 'incomeRecoveredYuan is not plausible').multipleOf(0.01);
export const findingData = z.object({
  outcome: z.enum(FINDING_OUTCOMES),
  date: day,
  reclaimedAreaM2: areaM2('reclaimedAreaM2').optional(),
  incomeRecoveredYuan: yuan.optional(),
}).strict();

const checkFinding = (b: z.infer<typeof findingData>, ctx: z.RefinementCtx) => {
  if (b.outcome === 'reclaimed' && b.reclaimedAreaM2 === undefined) ctx.addIssue({ code: 'custom', path: ['reclaimedAreaM2'], message: 'a reclaimed finding needs reclaimedAreaM2' });
  if (b.outcome === 'income_recovered' && !(b.incomeRecoveredYuan! > 0)) ctx.addIssue({ code: 'custom', path: ['incomeRecoveredYuan'], message: 'an income_recovered finding needs incomeRecoveredYuan above 0' });
};

export const findingBody = findingData.extend({
  /** New uploads (tokens) and/or files already attached to this space: the deed, permit or hand-over record. */
  documents: tokens.default([]),
  documentIds: z.array(idSchema).max(20).default([]),
  note: text(2000).optional(),
}).strict().superRefine((b, ctx) => {
  checkFinding(b, ctx);
  if (!b.documents.length && !b.documentIds.length) ctx.addIssue({ code: 'custom', path: ['documents'], message: 'a finding needs the document that proves it (documents or documentIds)' });
});
export type FindingInput = z.infer<typeof findingBody>;

export const inspectionData = inspectionBody.omit({ photos: true, note: true });

export const correctionBody = z.object({
  corrects: idSchema,
  data: z.record(z.string(), z.unknown()),
  note: text(2000),
  documents: tokens.default([]),
  documentIds: z.array(idSchema).max(20).default([]),
}).strict();
export { checkFinding };

export const convertBody = z.object({
  placeKind: z.enum(PLACE_KINDS),
  name: text(100).optional(),
  openingHours: openingHoursSchema.optional(),
  services: z.array(z.enum(SERVICES)).max(30).default([]),
  capacity: z.number().int().min(0).max(100_000).optional(),
  note: text(2000).optional(),
}).strict();
