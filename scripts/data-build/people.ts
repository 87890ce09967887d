/**
 * people.csv: per grid a 网格长, a 网格员 and a 党支部书记 (fictional staff); per unit a 楼栋长
 * living in it; 党员中心户 about one per 8 households, each linked to the 5–10 households next to
 * it (in code order) in the same grid.
 */
import type { HouseholdRow, MemberRow } from './households.ts';
import { fakePhone, personName } from './names.ts';
import { intBetween, type Rng } from './prng.ts';

export type Role = 'grid_leader' | 'grid_worker' | 'party_secretary' | 'building_leader' | 'central_household';

export interface PersonRow {
  areaCode: string;
  role: Role;
  name: string;
  phone: string;
  householdCode: string;
  linked: string[];
}

/** Households per 党员中心户. */
export const CENTRAL_EVERY = 8;

/** Staff of one grid: three people not tied to a household. */
export function gridStaff(gridCode: string, rng: Rng): PersonRow[] {
  return (['grid_leader', 'grid_worker', 'party_secretary'] as Role[]).map((role) => ({
    areaCode: gridCode, role, name: personName(rng), phone: fakePhone(rng), householdCode: '', linked: [],
  }));
}

/** Cut n items into k consecutive runs whose lengths differ by at most one. */
export function runs<T>(items: T[], k: number): T[][] {
  const out: T[][] = [];
  let start = 0;
  for (let i = 0; i < k; i++) {
    const len = Math.floor(items.length / k) + (i < items.length % k ? 1 : 0);
    out.push(items.slice(start, start + len));
    start += len;
  }
  return out;
}

/**
 * 党员中心户 of one grid: households (in code order) cut into round(n / 8) runs of 6–11; one
 * household of each run is central and links the others (5–10).
 */
export function centralHouseholds(gridCode: string, households: HouseholdRow[], heads: Map<string, MemberRow>, rng: Rng): PersonRow[] {
  if (households.length < 6) return [];
  const k = Math.max(1, Math.round(households.length / CENTRAL_EVERY));
  return runs(households, k).map((run) => {
    const central = run[intBetween(rng, 0, run.length - 1)];
    const head = heads.get(central.code)!;
    return {
      areaCode: gridCode, role: 'central_household', name: head.name, phone: head.phone || fakePhone(rng),
      householdCode: central.code, linked: run.filter((h) => h !== central).map((h) => h.code),
    };
  });
}

/** 楼栋长 of one unit: the head of one of its households. */
export function buildingLeader(unitCode: string, households: HouseholdRow[], heads: Map<string, MemberRow>, rng: Rng): PersonRow {
  const h = households[intBetween(rng, 0, households.length - 1)];
  const head = heads.get(h.code)!;
  return { areaCode: unitCode, role: 'building_leader', name: head.name, phone: head.phone || fakePhone(rng), householdCode: h.code, linked: [] };
}
