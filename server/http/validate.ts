/**
 * Request parsing with zod: one schema per endpoint; a failure becomes a 400 naming the field.
 */
import { z } from 'zod';
import { badRequest } from '../errors.ts';

export function parse<S extends z.ZodType>(schema: S, input: unknown, where = 'query'): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue.path.join('.') || where;
  throw badRequest(`${where} parameter ${field}: ${issue.message}`, r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
}

/** `w,s,e,n` in WGS84 degrees. */
export const bboxSchema = z
  .string()
  .transform((s, ctx) => {
    const parts = s.split(',').map((x) => Number(x.trim()));
    if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
      ctx.addIssue({ code: 'custom', message: `bbox "${s}" must be four numbers w,s,e,n` });
      return z.NEVER;
    }
    const [w, s2, e, n] = parts;
    if (w < -180 || e > 180 || s2 < -90 || n > 90 || w >= e || s2 >= n) {
      ctx.addIssue({ code: 'custom', message: `bbox "${s}" is not w<e, s<n inside ±180/±90` });
      return z.NEVER;
    }
    if (e - w > 2 || n - s2 > 2) {
      ctx.addIssue({ code: 'custom', message: `bbox "${s}" spans more than 2 degrees` });
      return z.NEVER;
    }
    return [w, s2, e, n] as [number, number, number, number];
  })
  .meta({ description: 'w,s,e,n in WGS84 degrees', example: '121.48,31.22,121.52,31.25' });

export const idSchema = z.coerce.number({ message: 'must be a number' }).int('must be an integer').positive('must be positive').max(2_147_483_647, 'is too large');

export const zoomSchema = z.coerce.number().min(0).max(24);
