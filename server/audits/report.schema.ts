/** Request schemas of the standards and report routes. */
import { z } from 'zod';
import { idSchema } from '../http/validate.ts';
import { PM_RULE_IDS } from './standards.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((s) => { const d = new Date(`${s}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s; }, 'is not a calendar date');

export const standardsQuery = z.object({
  area: idSchema,
  /** Apply one region rule to every compound instead of each compound's own. */
  rule: z.enum(PM_RULE_IDS).optional(),
  per100: z.coerce.number().positive().max(1000).optional(),
});

export const reportQuery = z.object({
  area: idSchema,
  from: day.default('2000-01-01'),
  to: day.default('2100-12-31'),
  rule: z.enum(PM_RULE_IDS).optional(),
}).refine((q) => q.to >= q.from, { message: 'to is before from', path: ['to'] });
