/**
 * Fictional residents and responsible people. Households get 1–6 members with relations
 * and birth years that fit together; special groups (低保, 独居老人, 残疾人, 留守儿童) follow
 * simple rules. Each unit has a building leader (楼栋长) and party-member central households
 * (党员中心户) that each link 5–10 neighbouring households; each grid has its 4+N core staff.
 */
import type { HouseholdRow, MemberRow } from '../data-build/households.ts';
import type { PersonRow, Role } from '../data-build/people.ts';
import type { Rng } from './rng.ts';
import { personName, phone, surname, type Gender } from './names.ts';

/** Ages are computed against this year, so output does not depend on the clock. */
export const REFERENCE_YEAR = 2025;
/** Share of household sizes 1…6 (mean ≈ 2.6 persons, as in the 2020 census for cities). */
const SIZE_WEIGHTS = [0.19, 0.32, 0.28, 0.14, 0.05, 0.02];
/** About one central household per this many households (DOMAIN.md: one links 5–10). */
export const HOUSEHOLDS_PER_CENTRAL = 8;
export const LINKS_MIN = 5;
export const LINKS_MAX = 10;

// The rows are the sample's (scripts/data-build): both write the same dataset format.
export type { HouseholdRow, MemberRow } from '../data-build/households.ts';
export type { PersonRow, Role } from '../data-build/people.ts';

export interface UnitInput {
  code: string;
  buildingRef: string;
  floors: number;
  /** 0-based section of the building: the 单元 number minus one. */
  section: number;
  households: number;
}

/** Room labels `单元-楼层门牌` (e.g. 2-1201), spread over the floors, unique within a building. */
export function roomNumbers(households: number, floors: number, section: number): string[] {
  const doors = Math.ceil(households / floors);
  const slots = floors * doors;
  return Array.from({ length: households }, (_, i) => {
    const slot = Math.floor((i * slots) / households);
    return `${section + 1}-${Math.floor(slot / doors) + 1}${String((slot % doors) + 1).padStart(2, '0')}`;
  });
}

/**
 * Picks central households among `codes` and links every other household to one of them in
 * runs of neighbouring codes; each links 5–10 when the unit has 6 or more households.
 */
export function centralGroups(codes: readonly string[], rng: Rng): { central: string; linked: string[] }[] {
  const n = codes.length;
  let k = Math.max(1, Math.round(n / HOUSEHOLDS_PER_CENTRAL));
  while (k < n && Math.ceil((n - k) / k) > LINKS_MAX) k++;
  while (k > 1 && Math.floor((n - k) / k) < LINKS_MIN) k--;
  const centrals = new Set(rng.shuffle(codes.map((_, i) => i)).slice(0, k));
  const others = codes.filter((_, i) => !centrals.has(i));
  const chosen = [...centrals].sort((a, b) => a - b);
  let at = 0;
  return chosen.map((c, g) => {
    const take = Math.floor(others.length / k) + (g < others.length % k ? 1 : 0);
    const linked = others.slice(at, at + take);
    at += take;
    return { central: codes[c], linked };
  });
}

function member(rng: Rng, code: string, relation: MemberRow['relation'], birthYear: number, gender: Gender, family?: string): MemberRow {
  const age = REFERENCE_YEAR - birthYear;
  const groups: string[] = [];
  if (rng.chance(age >= 60 ? 0.04 : 0.01)) groups.push('残疾人');
  return { householdCode: code, name: personName(rng, gender, family), relation, birthYear, phone: age >= 14 ? phone(rng) : '', groups };
}

/** Members of one household of `size` persons. */
export function householdMembers(code: string, size: number, rng: Rng): MemberRow[] {
  const y = (ageLo: number, ageHi: number) => REFERENCE_YEAR - rng.int(ageLo, ageHi);
  const out: MemberRow[] = [];
  const maleHead = size === 1 ? rng.chance(0.5) : rng.chance(0.7);
  const family = surname(rng);
  const spouseOf = (birth: number) => Math.min(REFERENCE_YEAR - 20, birth + rng.int(-3, 6));
  if (size === 1) {
    const head = member(rng, code, '户主', rng.chance(0.45) ? y(65, 92) : y(22, 64), maleHead ? 'm' : 'f', family);
    if (REFERENCE_YEAR - head.birthYear >= 65) head.groups.push('独居老人');
    out.push(head);
  } else if (size <= 4 && size >= 3 && rng.chance(0.12)) {
    // Grandparents raising grandchildren whose parents work away: 留守儿童.
    const head = member(rng, code, '户主', y(56, 75), 'm', family);
    out.push(head, member(rng, code, '配偶', spouseOf(head.birthYear), 'f'));
    for (let i = 2; i < size; i++) {
      const child = member(rng, code, '其他', y(3, 15), rng.chance(0.5) ? 'm' : 'f', family);
      child.groups.push('留守儿童');
      out.push(child);
    }
  } else {
    const couple = size >= 3 || rng.chance(0.75);
    const head = member(rng, code, '户主', couple && size >= 3 ? y(28, 58) : y(25, 85), maleHead ? 'm' : 'f', family);
    out.push(head);
    if (couple) out.push(member(rng, code, '配偶', spouseOf(head.birthYear), maleHead ? 'f' : 'm'));
    const childFamily = maleHead ? family : undefined;
    const kids = Math.min(size - out.length, size >= 5 ? 2 : 3);
    for (let i = 0; i < kids; i++) {
      const birth = Math.min(REFERENCE_YEAR - 1, head.birthYear + rng.int(24, 38));
      out.push(member(rng, code, '子女', birth, rng.chance(0.5) ? 'm' : 'f', childFamily));
    }
    while (out.length < size) {
      const parents = out.filter((m) => m.relation === '父母').length;
      const birth = Math.max(REFERENCE_YEAR - 98, head.birthYear - rng.int(24, 32));
      out.push(member(rng, code, parents < 2 ? '父母' : '其他', birth, parents === 0 ? 'm' : 'f', parents === 0 ? family : undefined));
    }
  }
  const headPhone = out[0].phone;
  for (const m of out) if (!m.phone) m.phone = headPhone;
  if (rng.chance(0.02)) for (const m of out) m.groups.unshift('低保');
  return out;
}

/** Households, members, building leader and central households of one unit. */
export function unitResidents(unit: UnitInput, rng: Rng): { households: HouseholdRow[]; members: MemberRow[]; people: PersonRow[] } {
  const rooms = roomNumbers(unit.households, unit.floors, unit.section);
  const households: HouseholdRow[] = [];
  const members: MemberRow[] = [];
  const heads = new Map<string, MemberRow>();
  for (let i = 0; i < unit.households; i++) {
    const code = unit.code + String(i + 1).padStart(3, '0');
    const size = 1 + rng.weighted(SIZE_WEIGHTS);
    households.push({ code, unitCode: unit.code, buildingRef: unit.buildingRef, room: rooms[i], size });
    const ms = householdMembers(code, size, rng);
    heads.set(code, ms[0]);
    members.push(...ms);
  }
  const codes = households.map((h) => h.code);
  const leaderCode = rng.pick(codes);
  const leader = heads.get(leaderCode)!;
  const people: PersonRow[] = [{ areaCode: unit.code, role: 'building_leader', name: leader.name, phone: leader.phone, householdCode: leaderCode, linked: [] }];
  for (const g of centralGroups(codes, rng)) {
    const head = heads.get(g.central)!;
    people.push({ areaCode: unit.code, role: 'central_household', name: head.name, phone: head.phone, householdCode: g.central, linked: g.linked });
  }
  return { households, members, people };
}

/** 网格长, 网格员 and 党支部书记 of one grid: staff, not tied to a household here. */
export function gridStaff(gridCode: string, rng: Rng): PersonRow[] {
  return (['grid_leader', 'grid_worker', 'party_secretary'] as const).map((role) => ({
    areaCode: gridCode,
    role,
    name: personName(rng, rng.chance(0.5) ? 'm' : 'f'),
    phone: phone(rng),
    householdCode: '',
    linked: [],
  }));
}
