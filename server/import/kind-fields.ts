/**
 * Per-kind property normalisation: which input names feed each output field (dataset-format
 * names first, then OSM tags, snake_case and Chinese column names), how each is coerced and
 * checked (zod), and defaults. Output properties are those of docs/DATA-FORMAT.md.
 */
import { z } from 'zod';
import { toBoolean, toCode, toList, toMetres, toNumber, toOsmId, toPresenceFlag, toText } from './coerce.ts';
import type { ImportKind } from './types.ts';

export const AREA_LEVELS = ['street', 'community', 'grid', 'unit'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
/** CJ/T 349-2010 code lengths (DATA-FORMAT.md "Invariants"). */
export const AREA_CODE_DIGITS: Record<AreaLevel, number> = { street: 9, community: 12, grid: 14, unit: 17 };
export const HOUSEHOLD_CODE_DIGITS = 20;
export const BUILDING_USES = ['residential', 'commercial', 'office', 'hotel', 'school', 'public', 'other'] as const;
export const PLACE_KINDS = [
  'party_center', 'regional_center', 'community_center', 'grid_station', 'outdoor_station', 'building_corner',
  'neighbourhood_post', 'outdoor_worker_station', 'new_employment_station', 'elder_canteen', 'rider_shop',
] as const;

const LEVEL_ALIASES: Record<string, AreaLevel> = { 街道: 'street', 社区: 'community', 网格: 'grid', 楼栋: 'unit', 单元: 'unit' };
/** OSM building=* values → our `use`. */
const BUILDING_TAG_USE: Record<string, (typeof BUILDING_USES)[number]> = {
  residential: 'residential', apartments: 'residential', house: 'residential', dormitory: 'residential', detached: 'residential', terrace: 'residential',
  commercial: 'commercial', retail: 'commercial', supermarket: 'commercial', office: 'office', hotel: 'hotel',
  school: 'school', university: 'school', college: 'school', kindergarten: 'school',
  public: 'public', civic: 'public', government: 'public', hospital: 'public', community_centre: 'public',
};
/** OSM highway values nobody walks along. */
const NOT_WALKABLE = new Set(['motorway', 'motorway_link', 'construction', 'proposed', 'raceway', 'bus_guideway', 'busway', 'abandoned']);

const digits = (n: number) => z.string({ error: `must be text of ${n} digits (store codes as text in spreadsheets)` })
  .regex(new RegExp(`^\\d{${n}}$`), { error: `must be ${n} digits` });
const code = z.preprocess(toCode, z.string({ error: 'must be a code of digits' }).regex(/^\d+$/, { error: 'must be digits only' }));
const text = z.preprocess(toText, z.string({ error: 'must be text' }).min(1, { error: 'must not be empty' }));
const optText = z.preprocess(toText, z.string({ error: 'must be text' }).nullable());
const int = (min: number) => z.preprocess(toNumber, z.int({ error: 'must be a whole number' }).min(min, { error: `must be at least ${min}` }));
const bool = z.preprocess(toBoolean, z.boolean({ error: 'must be true/false (yes/no, 1/0, 是/否)' }));
const osmId = z.preprocess(toOsmId, z.int({ error: 'must be an OSM id' }).nullable());

type Props = Record<string, unknown>;
export interface FieldSpec {
  /** Input property names, first present wins. */
  from: string[];
  schema: z.ZodType;
  /** Value when no input name is present; without one the field is required. */
  fallback?: (p: Props) => unknown;
}
export interface KindSpec {
  fields: Record<string, FieldSpec>;
  /** The field that must be unique within a file. */
  key: string | null;
  /** Fields whose default is a guess the user should hear about once per file. */
  guessed?: string[];
}

const osmRef = (p: Props): string | null => {
  const id = toOsmId(p.osmId ?? p.osm_id ?? p['@id']);
  return typeof id === 'number' ? `osm:${id}` : null;
};
const address = (p: Props): string | null => {
  const parts = [p['addr:city'], p['addr:district'], p['addr:street'], p['addr:housenumber']].filter((x) => typeof x === 'string');
  return parts.length > 0 ? parts.join('') : null;
};
const OSM_ID = ['osmId', 'osm_id', '@id'];
/** Walkable unless the highway type excludes walkers or the tags forbid them; `foot=yes` wins. */
const walkableFromTags = (p: Props): boolean =>
  p.foot === 'yes' || p.foot === 'designated' || (!NOT_WALKABLE.has(String(p.highway)) && p.foot !== 'no' && p.access !== 'private' && p.access !== 'no');

export const KINDS: Record<ImportKind, KindSpec> = {
  roads: {
    key: 'id',
    fields: {
      id: { from: ['id'], schema: z.preprocess(toNumber, z.int({ error: 'must be a whole number' }).nullable()), fallback: () => null },
      osmId: { from: OSM_ID, schema: osmId, fallback: () => null },
      highway: { from: ['highway'], schema: text },
      name: { from: ['name', '名称'], schema: optText, fallback: () => null },
      walkable: { from: ['walkable'], schema: bool, fallback: walkableFromTags },
      bridge: { from: ['bridge'], schema: z.preprocess(toPresenceFlag, z.boolean()), fallback: () => false },
      tunnel: { from: ['tunnel'], schema: z.preprocess(toPresenceFlag, z.boolean()), fallback: () => false },
    },
  },
  buildings: {
    key: 'ref',
    guessed: ['floors'],
    fields: {
      ref: { from: ['ref'], schema: text, fallback: osmRef },
      osmId: { from: OSM_ID, schema: osmId, fallback: () => null },
      name: { from: ['name', '名称'], schema: optText, fallback: () => null },
      use: {
        from: ['use', '用途'], schema: z.enum(BUILDING_USES, { error: `must be one of ${BUILDING_USES.join(', ')}` }),
        fallback: (p) => BUILDING_TAG_USE[String(p.building)] ?? 'other',
      },
      floors: { from: ['floors', 'building:levels', '层数'], schema: int(1), fallback: () => 1 },
      heightM: { from: ['heightM', 'height', '高度'], schema: z.preprocess(toMetres, z.number({ error: 'must be metres' }).positive({ error: 'must be positive' }).nullable()), fallback: () => null },
      households: { from: ['households', '户数'], schema: int(0), fallback: () => 0 },
      address: { from: ['address', 'addr:full', '地址'], schema: optText, fallback: address },
      unitCode: { from: ['unitCode', 'unit_code'], schema: z.preprocess(toCode, digits(AREA_CODE_DIGITS.unit).nullable()), fallback: () => null },
    },
  },
  areas: {
    key: 'code',
    fields: {
      code: { from: ['code', '编码'], schema: code },
      level: {
        from: ['level', '层级'],
        schema: z.preprocess((v) => (typeof v === 'string' ? LEVEL_ALIASES[v.trim()] ?? v.trim() : v), z.enum(AREA_LEVELS, { error: `must be one of ${AREA_LEVELS.join(', ')}` })),
      },
      name: { from: ['name', '名称'], schema: text },
      parentCode: { from: ['parentCode', 'parent_code', '上级编码'], schema: z.preprocess(toCode, z.string().regex(/^\d+$/, { error: 'must be digits only' }).nullable()), fallback: () => null },
    },
  },
  households: {
    key: 'code',
    fields: {
      code: { from: ['code', '编码', '户编码'], schema: z.preprocess(toCode, digits(HOUSEHOLD_CODE_DIGITS)) },
      unit_code: { from: ['unit_code', 'unitCode', '单元编码'], schema: z.preprocess(toCode, digits(AREA_CODE_DIGITS.unit)) },
      building_ref: { from: ['building_ref', 'buildingRef'], schema: optText, fallback: () => null },
      room: { from: ['room', '房号'], schema: optText, fallback: () => null },
      size: { from: ['size', '人数'], schema: int(1) },
    },
  },
  places: {
    key: 'ref',
    fields: {
      ref: { from: ['ref'], schema: text, fallback: osmRef },
      kind: { from: ['kind', '类型'], schema: z.enum(PLACE_KINDS, { error: `must be one of ${PLACE_KINDS.join(', ')}` }) },
      name: { from: ['name', '名称'], schema: text },
      osmId: { from: OSM_ID, schema: osmId, fallback: () => null },
      openingHours: { from: ['openingHours', 'opening_hours', '开放时间'], schema: optText, fallback: () => null },
      floor: {
        from: ['floor', '楼层'], fallback: () => 1,
        schema: z.preprocess(toNumber, z.int({ error: 'must be a whole number' }).refine((n) => n !== 0, { error: 'must not be 0 (1 = ground floor, -1 = first basement)' })),
      },
      lift: { from: ['lift', '电梯'], schema: bool, fallback: () => false },
      // OSM wheelchair=limited is not step-free.
      stepFree: { from: ['stepFree', 'wheelchair', '无障碍'], schema: z.preprocess((v) => (v === 'limited' ? false : toBoolean(v)), z.boolean({ error: 'must be true/false' })), fallback: () => false },
      services: { from: ['services', '服务'], schema: z.preprocess(toList, z.array(z.string())), fallback: () => [] },
      anchor: { from: ['anchor'], schema: optText, fallback: () => null },
    },
  },
};
