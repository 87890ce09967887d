/**
 * Per-category report fields (floor and indoor/outdoor for e-bike charging, façade and time for
 * objects thrown from height, …): a small JSON-schema-ish list stored with the category, checked
 * with zod when an admin saves it, and turned into a zod schema at run time to check a report's
 * `details`. Pure.
 */
import { z } from 'zod';

const key = z.string().regex(/^[a-z][A-Za-z0-9]{0,29}$/, 'must be camelCase letters and digits, at most 30');
const label = z.string().trim().min(1).max(30);
/** The label in English (the UI's English switch); the Chinese one is shown without it. */
const labelEn = z.string().trim().min(1).max(60).optional();
const base = { key, label, labelEn, required: z.boolean().default(false) };

export const fieldSpec = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('text'), maxLength: z.number().int().min(1).max(500).default(200) }).strict(),
  z.object({ ...base, type: z.literal('integer'), min: z.number().int().optional(), max: z.number().int().optional() }).strict(),
  z.object({ ...base, type: z.literal('number'), min: z.number().optional(), max: z.number().optional() }).strict(),
  z.object({ ...base, type: z.literal('boolean') }).strict(),
  z.object({ ...base, type: z.literal('datetime') }).strict(),
  z
    .object({
      ...base,
      type: z.literal('enum'),
      options: z.array(z.object({ value: z.string().regex(/^[a-z][a-z0-9_]{0,29}$/), label, labelEn }).strict()).min(1).max(30),
    })
    .strict(),
]);
export type FieldSpec = z.infer<typeof fieldSpec>;

export const fieldList = z
  .array(fieldSpec)
  .max(12)
  .superRefine((fs, ctx) => {
    const seen = new Set<string>();
    fs.forEach((f, i) => {
      if (seen.has(f.key)) ctx.addIssue({ code: 'custom', message: `field key ${f.key} appears twice`, path: [i, 'key'] });
      seen.add(f.key);
      if ((f.type === 'integer' || f.type === 'number') && f.min !== undefined && f.max !== undefined && f.min > f.max)
        ctx.addIssue({ code: 'custom', message: `field ${f.key}: min ${f.min} is above max ${f.max}`, path: [i, 'min'] });
      if (f.type === 'enum' && new Set(f.options.map((o) => o.value)).size !== f.options.length)
        ctx.addIssue({ code: 'custom', message: `field ${f.key}: option values repeat`, path: [i, 'options'] });
    });
  });

/** An ISO 8601 date-time with an offset, kept as given (the reporter's clock). */
const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset, e.g. 2026-11-20T21:30:00+08:00' });

function valueSchema(f: FieldSpec): z.ZodType {
  switch (f.type) {
    case 'text':
      return z.string().trim().min(1).max(f.maxLength);
    case 'integer': {
      let s = z.coerce.number().int('must be a whole number');
      if (f.min !== undefined) s = s.min(f.min);
      if (f.max !== undefined) s = s.max(f.max);
      return s;
    }
    case 'number': {
      let s = z.coerce.number();
      if (f.min !== undefined) s = s.min(f.min);
      if (f.max !== undefined) s = s.max(f.max);
      return s;
    }
    case 'boolean':
      return z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
    case 'datetime':
      return isoDateTime;
    case 'enum':
      return z.enum(f.options.map((o) => o.value) as [string, ...string[]], { message: `must be one of ${f.options.map((o) => o.value).join(', ')}` });
  }
}

/** The zod schema of a report's `details` for these fields: unknown keys refused, required ones enforced. */
export function detailsSchema(fields: readonly FieldSpec[]): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) shape[f.key] = f.required ? valueSchema(f) : valueSchema(f).optional();
  return z.object(shape).strict() as unknown as z.ZodType<Record<string, unknown>>;
}
