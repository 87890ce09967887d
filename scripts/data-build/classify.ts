/**
 * Pure rules that turn OSM building tags into a use, a number of floors and a household estimate.
 * data/README.md states them; the numbers live in rules.ts.
 */
import {
  DEFAULT_FLOORS, FLAT_M2, LILONG_FLOORS, LILONG_MAX_M2, MIDRISE_MAX_HEIGHT_M, MIDRISE_MAX_M2,
  MIN_FOOTPRINT_M2, STOREY_M, USABLE_SHARE,
} from './rules.ts';
import type { Use } from './types.ts';

const KIND_USE: Record<string, Use> = {
  apartments: 'residential', residential: 'residential', house: 'residential', dormitory: 'residential',
  terrace: 'residential', detached: 'residential',
  commercial: 'commercial', retail: 'commercial', mall: 'commercial', shop: 'commercial', supermarket: 'commercial',
  bank: 'commercial', office: 'office', hotel: 'hotel',
  school: 'school', kindergarten: 'school', university: 'school', college: 'school',
  public: 'public', government: 'public', civic: 'public', hospital: 'public', embassy: 'public',
  fire_station: 'public', police: 'public', transportation: 'public', train_station: 'public',
};

/** Use from OSM building=* / Tilezen kind_detail, or null for plain `building=yes`. */
export function useFromKind(kindDetail: string | null | undefined): Use | null {
  if (!kindDetail) return null;
  return KIND_USE[kindDetail] ?? 'other';
}

const LANDUSE_USE: Record<string, Use> = {
  residential: 'residential', commercial: 'commercial', retail: 'commercial', pedestrian: 'commercial',
  school: 'school', university: 'school', college: 'school', kindergarten: 'school',
  hospital: 'public', library: 'public', police: 'public', fire_station: 'public',
};

/** Use of a plain building from the landuse polygon its centroid lies in (parks etc. → other). */
export function useFromLanduse(landuseKind: string): Use {
  return LANDUSE_USE[landuseKind] ?? 'other';
}

/** Name keywords, first match wins (a 中学 is a school even when it is also a 中心). */
const NAME_RULES: [RegExp, Use][] = [
  [/学校|中学|小学|幼儿园|大学|学院|School/i, 'school'],
  [/政府|街道|居委|派出所|公安|法院|检察|医院|卫生|图书馆|博物馆|纪念馆|邮政|消防|海关|档案馆|Museum|Hospital/i, 'public'],
  [/酒店|宾馆|饭店|旅馆|Hotel/i, 'hotel'],
  [/小区|公寓|新村|花园|住宅|[一二三四五六七八九十]村|里$|坊$|邨|苑$|Apartment/i, 'residential'],
  [/商场|广场|市场|商厦|百货|购物|商城|商店|Mall|Plaza/i, 'commercial'],
  [/大厦|大楼|中心|办公|银行|金融|证券|保险|公司|集团|商务|Tower|Building|Bank|Center|Centre/i, 'office'],
];

export function useFromName(name: string | null | undefined): Use | null {
  if (!name) return null;
  for (const [re, use] of NAME_RULES) if (re.test(name)) return use;
  return null;
}

export interface ClassifyInput {
  kindDetail: string | null;
  name: string | null;
  heightM: number | null;
  minHeightM: number | null;
  footprintM2: number;
  /** Kind of the smallest landuse polygon containing the centroid, or null. */
  landuse: string | null;
}

export interface Classified {
  use: Use;
  floors: number;
  /** Which rule decided: tag, name, landuse:<kind>, lilong, midrise, default. */
  rule: string;
}

/** floors = round((height − min_height) / 3 m), at least 1. */
export function floorsFromHeight(heightM: number, minHeightM: number | null): number {
  return Math.max(1, Math.round((heightM - (minHeightM ?? 0)) / STOREY_M));
}

/** Use and floors of one building, by the first rule that applies. */
export function classify(b: ClassifyInput): Classified {
  const floors = (fallback: number) => (b.heightM ? floorsFromHeight(b.heightM, b.minHeightM) : fallback);
  const tagged = useFromKind(b.kindDetail);
  if (tagged) return { use: tagged, floors: floors(DEFAULT_FLOORS[tagged]), rule: 'tag' };
  const named = useFromName(b.name);
  if (named) return { use: named, floors: floors(DEFAULT_FLOORS[named]), rule: 'name' };
  if (b.landuse) {
    const use = useFromLanduse(b.landuse);
    return { use, floors: floors(DEFAULT_FLOORS[use]), rule: `landuse:${b.landuse}` };
  }
  if (b.name) return { use: 'other', floors: floors(DEFAULT_FLOORS.other), rule: 'default' };
  // Unnamed plain buildings outside any landuse: central Shanghai's 里弄 and mid-rise housing.
  if (!b.heightM && b.footprintM2 <= LILONG_MAX_M2) return { use: 'residential', floors: LILONG_FLOORS, rule: 'lilong' };
  if (b.heightM && b.heightM <= MIDRISE_MAX_HEIGHT_M && b.footprintM2 <= MIDRISE_MAX_M2)
    return { use: 'residential', floors: floors(DEFAULT_FLOORS.residential), rule: 'midrise' };
  return { use: 'other', floors: floors(DEFAULT_FLOORS.other), rule: 'default' };
}

/**
 * Estimated households: floor(footprint m² × floors × 0.75 usable ÷ 90 m² per flat) for
 * residential buildings of at least 30 m²; zero otherwise.
 */
export function householdsFor(use: Use, footprintM2: number, floors: number): number {
  if (use !== 'residential' || footprintM2 < MIN_FOOTPRINT_M2) return 0;
  return Math.floor((footprintM2 * floors * USABLE_SHARE) / FLAT_M2);
}
