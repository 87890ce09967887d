/**
 * Sample idle and public spaces for the 两房一共 audit (~40), in residential buildings: service
 * rooms, property-management rooms, idle corners and sheds, reclaimed flats, with plausible sizes
 * (m²) and audit statuses.
 */
import type { Feature } from 'geojson';
import { intBetween, pick, type Rng } from './prng.ts';
import type { Building } from './types.ts';

type Kind = 'community_service_room' | 'property_room' | 'idle_space' | 'reclaimed_housing' | 'other';
type Subkind = 'vacant_room' | 'corner' | 'pavilion' | 'corridor' | 'basement' | 'shed' | null;
type Status = 'registered' | 'idle' | 'occupied' | 'missing' | 'reclaimed';

interface SpaceRule {
  kind: Kind;
  count: number;
  subkinds: Subkind[];
  /** Area range, m². */
  m2: [number, number];
  statuses: Status[];
  name: (label: string, sub: Subkind) => string;
}

const SUB_ZH: Record<string, string> = {
  vacant_room: '空置用房', corner: '楼道转角', pavilion: '小区凉亭', corridor: '架空层走廊', basement: '地下室', shed: '自行车棚',
};

export const SPACE_RULES: SpaceRule[] = [
  { kind: 'community_service_room', count: 8, subkinds: [null], m2: [60, 300], statuses: ['registered', 'occupied', 'registered', 'missing'], name: (l) => `${l}社区综合服务用房` },
  { kind: 'property_room', count: 10, subkinds: [null], m2: [40, 150], statuses: ['registered', 'occupied', 'missing', 'idle'], name: (l) => `${l}物业管理用房` },
  { kind: 'idle_space', count: 14, subkinds: ['vacant_room', 'corner', 'pavilion', 'corridor', 'basement', 'shed'], m2: [10, 120], statuses: ['idle', 'idle', 'reclaimed', 'occupied'], name: (l, s) => `${l}${SUB_ZH[s!]}` },
  { kind: 'reclaimed_housing', count: 5, subkinds: ['vacant_room'], m2: [30, 90], statuses: ['reclaimed', 'idle', 'reclaimed'], name: (l) => `${l}收回公房` },
  { kind: 'other', count: 3, subkinds: [null], m2: [15, 60], statuses: ['registered', 'idle'], name: (l) => `${l}公共储藏间` },
];

/**
 * Spaces in `housing` (residential buildings, with their display labels), picked by the seeded
 * generator; each building holds at most one.
 */
export function buildSpaces(housing: { building: Building; label: string }[], rng: Rng): Feature[] {
  const pool = housing.map((h) => ({ h, r: rng() })).sort((a, b) => a.r - b.r).map((x) => x.h);
  const out: Feature[] = [];
  for (const rule of SPACE_RULES) {
    for (let i = 0; i < rule.count && pool.length > 0; i++) {
      const { building, label } = pool.shift()!;
      const subkind = pick(rng, rule.subkinds);
      const floor = subkind === 'basement' ? -1 : subkind === 'pavilion' || subkind === 'shed' ? 1 : rng() < 0.6 ? 1 : intBetween(rng, 2, Math.max(2, Math.min(6, building.floors)));
      const lift = floor > 1 && building.floors > 6 && rng() < 0.7;
      out.push({
        type: 'Feature',
        properties: {
          ref: `space:${String(out.length + 1).padStart(3, '0')}`, kind: rule.kind, subkind, name: rule.name(label, subkind),
          areaM2: intBetween(rng, rule.m2[0], rule.m2[1]), floor, lift, stepFree: floor === 1 ? rng() < 0.8 : lift,
          status: pick(rng, rule.statuses), buildingRef: building.ref,
        },
        geometry: { type: 'Point', coordinates: building.center },
      });
    }
  }
  return out;
}
