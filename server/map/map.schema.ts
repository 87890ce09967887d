import { z } from 'zod';
import { bboxSchema, zoomSchema } from '../http/validate.ts';

export const MAP_LAYERS = ['buildings', 'roads', 'basemap', 'places'] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];

export const mapLayerParams = z.object({ layer: z.enum(MAP_LAYERS, { message: `must be one of ${MAP_LAYERS.join(', ')}` }) });
export const mapLayerQuery = z.object({
  bbox: bboxSchema.optional(),
  zoom: zoomSchema.optional(),
  kind: z.string().regex(/^[a-z_]+(,[a-z_]+)*$/, 'must be comma-separated kind names').optional(),
});
