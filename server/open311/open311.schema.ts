/** GeoReport v2 parameters (query strings and form-encoded or JSON bodies: every value may be text). */
import { z } from 'zod';

const streetCode = z.string().regex(/^[0-9]{9,}$/, 'must be a street code (9+ digits, CJ/T 349)');
const w3c = z.iso.datetime({ offset: true, message: 'must be a W3C date-time with offset, e.g. 2026-11-20T08:00:00+08:00' }).transform((s) => new Date(s));
const commaList = <T extends z.ZodType>(item: T) =>
  z.string().transform((s, ctx) => {
    const out: z.infer<T>[] = [];
    for (const part of s.split(',').map((x) => x.trim()).filter(Boolean)) {
      const r = item.safeParse(part);
      if (!r.success) {
        ctx.addIssue({ code: 'custom', message: `"${part}": ${r.error.issues[0].message}` });
        return z.NEVER;
      }
      out.push(r.data);
    }
    return out;
  });

export const jurisdictionQuery = z.object({ jurisdiction_id: streetCode.optional() });

export const serviceParams = z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'is not a service code') });
export const requestParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const listRequestsQuery = z.object({
  jurisdiction_id: streetCode.optional(),
  service_request_id: commaList(z.coerce.number().int().positive().max(2_147_483_647)).optional(),
  service_code: commaList(z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'is not a service code')).optional(),
  start_date: w3c.optional(),
  end_date: w3c.optional(),
  status: commaList(z.enum(['open', 'closed'])).optional(),
});

const num = (min: number, max: number) => z.coerce.number({ message: 'must be a number' }).min(min).max(max);
const text = (max: number) => z.string().trim().max(max);

export const postRequestBody = z.object({
  jurisdiction_id: streetCode.optional(),
  service_code: z.string().min(1, 'is required'),
  lat: num(-90, 90).optional(),
  long: num(-180, 180).optional(),
  address_string: text(300).optional(),
  address_id: z.coerce.number().int().positive().max(2_147_483_647).optional().meta({ description: 'a building id' }),
  description: text(1000).optional(),
  first_name: text(25).optional(),
  last_name: text(25).optional(),
  phone: text(30).optional(),
  email: text(200).optional(),
  device_id: text(64).optional(),
  account_id: text(64).optional(),
  media_url: text(1000).optional(),
  api_key: text(200).optional(),
});
export type PostRequestBody = z.infer<typeof postRequestBody>;

/** `attribute[code]=value` form fields, or an `attribute` object in JSON. */
export function attributesOf(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (body.attribute && typeof body.attribute === 'object' && !Array.isArray(body.attribute)) Object.assign(out, body.attribute);
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[([A-Za-z0-9_]+)\]$/.exec(k);
    if (m) out[m[1]] = v;
  }
  return out;
}
