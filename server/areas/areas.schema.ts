import { z } from 'zod';
import { bboxSchema, idSchema, zoomSchema } from '../http/validate.ts';

export const LEVELS = ['street', 'community', 'grid', 'unit'] as const;
export type Level = (typeof LEVELS)[number];

export const listAreasQuery = z
  .object({
    level: z.enum(LEVELS, { message: `must be one of ${LEVELS.join(', ')}` }).optional(),
    parent: idSchema.optional(),
    bbox: bboxSchema.optional(),
    zoom: zoomSchema.optional(),
  })
  .refine((q) => q.level !== undefined || q.parent !== undefined, { message: 'give level or parent', path: ['level'] });

export const areaParams = z.object({ id: idSchema });
