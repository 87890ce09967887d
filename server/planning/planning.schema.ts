/** One zod schema per planning endpoint (issue 8). */
import { z } from 'zod';
import { idSchema } from '../http/validate.ts';

/** A grid label in a draft: current grids are labelled by their code, new ones by anything short. */
const label = z.string().trim().min(1, 'a grid label must not be empty').max(40, 'a grid label must be at most 40 characters');
/** Unit id (as a JSON object key) → grid label, or null for unassigned. */
const assignments = z.record(z.string().regex(/^[1-9][0-9]{0,9}$/, 'unit keys must be unit ids'), label.nullable()).refine((o) => Object.keys(o).length <= 100_000, 'too many units');

/** `200-400` (households). */
const bandParam = z
  .string()
  .regex(/^\d{1,5}-\d{1,5}$/, 'band must look like 200-400')
  .transform((s) => s.split('-').map(Number) as [number, number])
  .refine(([a, b]) => a >= 1 && a < b, 'band must be min-max with 1 ≤ min < max');

export const draftParams = z.object({ id: idSchema });
export const versionParams = z.object({ id: idSchema, version: idSchema });
export const areaParams = z.object({ id: idSchema });

export const listDraftsQuery = z.object({ area: idSchema.meta({ description: 'community or street id' }) });

export const createDraftBody = z.object({
  areaId: idSchema.meta({ description: 'community or street the draft plans' }),
  name: z.string().trim().min(1, 'name must not be empty').max(200).optional(),
});

export const getDraftQuery = z.object({
  version: idSchema.optional().meta({ description: 'default: the head version' }),
  band: bandParam.optional().meta({ description: 'households per grid, default GRID_BAND (200-400)' }),
  geometry: z.enum(['true', 'false']).default('true').transform((v) => v === 'true').meta({ description: 'false leaves out unit cells (after the first load)' }),
});

export const validateQuery = z.object({ band: bandParam.optional().meta({ description: 'households per grid, default GRID_BAND (200-400)' }) });

export const saveDraftBody = z.object({
  baseVersion: idSchema.meta({ description: 'the version the edit started from; a stale one is a 409 naming the units that moved since' }),
  assignments: assignments.meta({ description: 'the full plan: unit id → grid label (null or absent: unassigned)' }),
  locked: z.array(label).max(500).default([]),
  note: z.string().trim().max(500).optional(),
});

export const patchDraftBody = z.object({
  baseVersion: idSchema,
  changes: assignments.meta({ description: 'only the units that change: unit id → grid label, null unassigns' }),
  locked: z.array(label).max(500).optional(),
  note: z.string().trim().max(500).optional(),
});

export const proposeBody = z.object({
  baseVersion: idSchema,
  mode: z.enum(['fresh', 'least_change']).default('least_change'),
  band: z.tuple([z.number().int().min(1), z.number().int().min(2)]).optional().refine((b) => !b || b[0] < b[1], 'band must be [min, max] with min < max'),
  target: z.number().int().min(1).optional(),
  targetWeight: z.number().min(0).max(100).optional(),
  /** Save the best effort even when some grid stays outside the band. */
  keepInvalid: z.boolean().default(false),
});

export const publishBody = z.object({
  version: idSchema.meta({ description: 'the draft version to publish (must be the head)' }),
  reasons: z.record(label, z.string().trim().min(4, 'a reason must be written out (at least 4 characters)').max(1000)).default({}).meta({ description: 'grid label → why it may be published outside the band' }),
});

export const rollbackBody = z.object({ reason: z.string().trim().max(1000).optional() });

export const diffQuery = z.object({
  from: idSchema.optional().meta({ description: 'published version (default: the live one)' }),
  to: idSchema.optional().meta({ description: 'published version (default: the live one)' }),
});

export const draftDiffQuery = z.object({ version: idSchema.optional().meta({ description: 'draft version (default head), compared with the live grids' }) });

export const EXPORT_FORMATS = ['geojson', 'shp', 'gpkg', 'csv', 'xlsx'] as const;
export const exportQuery = z.object({
  format: z.enum(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` }),
  version: idSchema.optional().meta({ description: 'draft version (default head)' }),
});
export const publishedExportQuery = z.object({ format: z.enum(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` }) });

export const importBody = z.object({
  areaId: idSchema,
  name: z.string().trim().min(1).max(200).optional(),
  csv: z.string().min(1, 'csv must not be empty').max(5_000_000, 'csv is too large'),
});

export type SaveDraft = z.infer<typeof saveDraftBody>;
export type PatchDraft = z.infer<typeof patchDraftBody>;
export type ProposeBody = z.infer<typeof proposeBody>;
export type PublishBody = z.infer<typeof publishBody>;
