import { z } from 'zod';
import { idSchema } from '../http/validate.ts';

export const listAuditQuery = z.object({
  area: idSchema.optional().meta({ description: 'entries about this area and below; required unless your role has no jurisdiction limit' }),
  action: z.string().regex(/^[a-z]+(\.[a-z]+)*$/, 'must look like households.read').optional(),
  before: z.coerce.number().int().positive().optional().meta({ description: 'entries with a smaller id (paging; the previous answer gives `next`)' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
