/**
 * What each kind of service position offers and when it opens (OSM opening_hours syntax).
 * Hours follow the 错时延时 practice: open after work on weekdays and at weekends.
 */
import { pick, type Rng } from './prng.ts';

export type PlaceKind =
  | 'party_center' | 'regional_center' | 'community_center' | 'grid_station' | 'outdoor_station' | 'building_corner'
  | 'neighbourhood_post' | 'outdoor_worker_station' | 'new_employment_station' | 'elder_canteen' | 'rider_shop';

/** Canonical service order; every place lists its services in this order. */
export const SERVICES = [
  'rest', 'ebike_charging', 'phone_charging', 'drinking_water', 'toilet', 'microwave', 'first_aid', 'legal_consultation',
  'health_check', 'haircut', 'reading_room', 'meeting_room', 'meals', 'childcare',
] as const;
export type Service = (typeof SERVICES)[number];

interface KindRule {
  /** Always offered. */
  base: Service[];
  /** Each offered with probability 0.4. */
  extra: Service[];
  /** Candidate opening hours (null = not staffed, always accessible). */
  hours: (string | null)[];
}

export const KIND_RULES: Record<PlaceKind, KindRule> = {
  party_center: {
    base: ['drinking_water', 'toilet', 'first_aid', 'legal_consultation', 'reading_room', 'meeting_room'], extra: [],
    hours: ['Mo-Fr 09:00-17:30; Sa 09:00-12:00'],
  },
  regional_center: {
    base: ['drinking_water', 'toilet', 'legal_consultation', 'health_check', 'reading_room', 'meeting_room'], extra: ['childcare', 'first_aid'],
    hours: ['Mo-Fr 08:30-20:30; Sa,Su 09:00-17:00'],
  },
  community_center: {
    base: ['phone_charging', 'drinking_water', 'toilet', 'reading_room', 'meeting_room'],
    extra: ['first_aid', 'legal_consultation', 'health_check', 'haircut', 'meals', 'childcare'],
    hours: ['Mo-Fr 08:30-20:30; Sa,Su 09:00-17:00', 'Mo-Fr 08:30-19:00; Sa 09:00-17:00', 'Mo-Su 08:00-20:00'],
  },
  grid_station: {
    base: ['rest', 'phone_charging', 'drinking_water'], extra: ['toilet', 'microwave', 'first_aid', 'reading_room', 'meeting_room'],
    hours: ['Mo-Fr 09:00-19:00; Sa 09:00-12:00', 'Mo-Sa 08:30-20:00', 'Mo-Fr 14:00-20:30; Sa,Su 09:00-17:00', 'Mo-Fr 09:00-17:00'],
  },
  outdoor_station: {
    base: ['rest', 'phone_charging', 'drinking_water', 'toilet', 'first_aid'], extra: ['microwave'],
    hours: ['Mo-Su 06:30-22:30', '24/7'],
  },
  building_corner: { base: ['rest', 'meeting_room'], extra: ['reading_room'], hours: [null] },
  neighbourhood_post: {
    base: ['rest', 'phone_charging', 'drinking_water'], extra: ['microwave', 'haircut', 'reading_room', 'childcare'],
    hours: ['Mo-Su 08:00-20:00', 'Mo-Fr 09:00-21:00; Sa,Su 09:00-18:00'],
  },
  outdoor_worker_station: {
    base: ['rest', 'phone_charging', 'drinking_water', 'toilet', 'microwave', 'first_aid'], extra: [],
    hours: ['Mo-Su 07:00-21:00', '24/7', 'Mo-Su 06:00-22:00'],
  },
  new_employment_station: {
    base: ['rest', 'ebike_charging', 'phone_charging', 'drinking_water', 'toilet', 'microwave'], extra: ['first_aid', 'legal_consultation'],
    hours: ['Mo-Su 10:00-22:00', 'Mo-Su 09:00-23:00'],
  },
  elder_canteen: {
    base: ['meals', 'rest'], extra: ['health_check', 'drinking_water', 'toilet'],
    hours: ['Mo-Fr 10:30-13:00,16:30-18:30; Sa 10:30-13:00', 'Mo-Su 10:30-13:30,17:00-18:30'],
  },
  rider_shop: {
    base: ['rest', 'phone_charging', 'drinking_water'], extra: ['ebike_charging', 'microwave', 'toilet'],
    hours: ['Mo-Su 09:00-22:00', 'Mo-Su 07:00-23:00', 'Mo-Su 10:00-21:30', '24/7'],
  },
};

/** Services of one place: the kind's base plus a seeded draw of its extras, in canonical order. */
export function servicesFor(kind: PlaceKind, rng: Rng): Service[] {
  const r = KIND_RULES[kind];
  const chosen = new Set<Service>([...r.base, ...r.extra.filter(() => rng() < 0.4)]);
  return SERVICES.filter((s) => chosen.has(s));
}

export function hoursFor(kind: PlaceKind, rng: Rng): string | null {
  return pick(rng, KIND_RULES[kind].hours);
}

/**
 * Floor and access: ground floor (step-free 85 % of the time) unless drawn upstairs with
 * probability `upstairs`; upstairs places have a lift with probability 1/3 and are step-free only
 * with one (潮州 moved 29 centres down for this reason).
 */
export function accessFor(upstairs: number, rng: Rng, maxFloor = 3): { floor: number; lift: boolean; stepFree: boolean } {
  if (rng() >= upstairs || maxFloor < 2) return { floor: 1, lift: false, stepFree: rng() < 0.85 };
  const floor = 2 + Math.floor(rng() * (Math.min(maxFloor, 4) - 1));
  const lift = rng() < 1 / 3;
  return { floor, lift, stepFree: lift };
}
