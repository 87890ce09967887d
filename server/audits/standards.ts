/**
 * The 两房一共 standards check (issue 5), pure.
 * - Community service rooms (社区综合服务用房): at least 30 m² per 100 households (national 14th
 *   five-year plan for community services; configurable).
 * - Property management rooms (物业管理用房): local rules as a ratio of total floor area with a
 *   minimum; several in force (DOMAIN.md "两房一共"), selectable per compound.
 *
 * Which rooms count: a room counts with its measured area (else the declared one) unless it is
 * occupied (used by someone else) or missing (not there). Registered, under audit, idle, in use and
 * reclaimed rooms count; a room converted into a station counts toward community service rooms
 * (it serves residents) but no longer toward property management rooms.
 */

export interface PmRule {
  id: string;
  zh: string;
  /** Fraction of the base area, e.g. 0.002 for 2‰. */
  ratio: number;
  /** Minimum m², or null when the rule has none. */
  minM2: number | null;
  /** Which floor area the ratio applies to. */
  base: 'total' | 'above_ground';
}

export const PM_RULES: Readonly<Record<string, PmRule>> = Object.freeze({
  p2_min80: { id: 'p2_min80', zh: '总建筑面积2‰，不少于80 m²', ratio: 0.002, minM2: 80, base: 'total' },
  p3_min90: { id: 'p3_min90', zh: '总建筑面积3‰，不少于90 m²', ratio: 0.003, minM2: 90, base: 'total' },
  p4_min50: { id: 'p4_min50', zh: '总建筑面积4‰，不少于50 m²', ratio: 0.004, minM2: 50, base: 'total' },
  p7_above_ground: { id: 'p7_above_ground', zh: '地上建筑面积7‰（广州）', ratio: 0.007, minM2: null, base: 'above_ground' },
});
export const PM_RULE_IDS = Object.keys(PM_RULES) as [string, ...string[]];
export const DEFAULT_PM_RULE = 'p2_min80';

/** m² of community service rooms per 100 households. */
export const CSR_M2_PER_100_HOUSEHOLDS = 30;

export const STANDARD_REASONS = {
  OCCUPIED: 'OCCUPIED',
  MISSING: 'MISSING',
  CONVERTED: 'CONVERTED',
  NO_AREA: 'NO_AREA',
} as const;
export type StandardReason = keyof typeof STANDARD_REASONS;

export interface Room {
  id: number;
  name: string;
  kind: string;
  status: string;
  /** Declared m². */
  areaM2: number | null;
  measuredAreaM2: number | null;
}

export interface Counted extends Room {
  countedM2: number;
}

export interface Excluded extends Room {
  reason: StandardReason;
}

export interface CheckResult {
  requiredM2: number;
  providedM2: number;
  shortfallM2: number;
  ok: boolean;
  counted: Counted[];
  excluded: Excluded[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Whether a room of this kind and status counts toward the standard for `purpose`; null = it does. */
export function exclusionReason(room: Room, purpose: 'community_service_room' | 'property_room'): StandardReason | null {
  if (room.status === 'occupied') return 'OCCUPIED';
  if (room.status === 'missing') return 'MISSING';
  if (room.status === 'converted' && purpose === 'property_room') return 'CONVERTED';
  if (!(roomArea(room) > 0)) return 'NO_AREA';
  return null;
}

export const roomArea = (r: Room): number => r.measuredAreaM2 ?? r.areaM2 ?? 0;

function tally(required: number, rooms: Room[], purpose: 'community_service_room' | 'property_room'): CheckResult {
  const counted: Counted[] = [];
  const excluded: Excluded[] = [];
  for (const r of rooms) {
    if (r.kind !== purpose) continue;
    const reason = exclusionReason(r, purpose);
    if (reason) excluded.push({ ...r, reason });
    else counted.push({ ...r, countedM2: roomArea(r) });
  }
  const providedM2 = round2(counted.reduce((s, r) => s + r.countedM2, 0));
  const requiredM2 = round2(required);
  const shortfallM2 = round2(Math.max(0, requiredM2 - providedM2));
  return { requiredM2, providedM2, shortfallM2, ok: shortfallM2 === 0, counted, excluded };
}

/** Property management room area required of a compound by a rule, m². */
export function requiredPmM2(c: { totalFloorAreaM2: number; aboveGroundAreaM2: number | null }, rule: PmRule): number {
  const base = rule.base === 'above_ground' ? (c.aboveGroundAreaM2 ?? c.totalFloorAreaM2) : c.totalFloorAreaM2;
  return Math.max(base * rule.ratio, rule.minM2 ?? 0);
}

/** A compound's property management rooms against a region rule. */
export function checkCompound(c: { totalFloorAreaM2: number; aboveGroundAreaM2: number | null }, rooms: Room[], rule: PmRule): CheckResult & { rule: string } {
  return { rule: rule.id, ...tally(requiredPmM2(c, rule), rooms, 'property_room') };
}

/** A community's service rooms against `per100` m² per 100 households. */
export function checkCommunity(households: number, rooms: Room[], per100 = CSR_M2_PER_100_HOUSEHOLDS): CheckResult & { households: number; per100: number } {
  return { households, per100, ...tally((households * per100) / 100, rooms, 'community_service_room') };
}
