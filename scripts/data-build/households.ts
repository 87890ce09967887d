/**
 * Fictional households and members. Rules (data/README.md): household size 1–5 with mean ≈ 2.6;
 * 低保 ≈ 2 % of households (every member tagged), 独居老人 ≈ 3 % (elders living alone),
 * 残疾人 ≈ 1.5 % of persons, 留守儿童 ≈ 0.5 % of persons (children living with grandparents).
 */
import type { CodedUnit } from './areas.ts';
import { fakePhone, personName } from './names.ts';
import { intBetween, weightedIndex, type Rng } from './prng.ts';

export const YEAR = 2026;
/** P(size = 1…5): mean 0.18 + 0.60 + 0.90 + 0.56 + 0.40 = 2.64 persons. */
export const SIZE_WEIGHTS = [0.18, 0.3, 0.3, 0.14, 0.08];
/** Share of one-person households that are elders living alone: 0.17 × 0.18 ≈ 3 % of households. */
export const ELDER_ALONE_SHARE = 0.17;
export const DIBAO_RATE = 0.02;
export const DISABLED_RATE = 0.015;
/** Share of 2–3 person households that are grandparents with a left-behind grandchild. */
export const LEFT_BEHIND_SHARE = 0.022;
/** People from this age have a phone; elders are 65+. */
const PHONE_AGE = 16;
const ELDER_AGE = 65;

export interface HouseholdRow {
  code: string;
  unitCode: string;
  buildingRef: string;
  room: string;
  size: number;
}

export interface MemberRow {
  householdCode: string;
  name: string;
  relation: '户主' | '配偶' | '子女' | '父母' | '其他';
  birthYear: number;
  phone: string;
  groups: string[];
}

/**
 * Rooms of `count` households of one 单元 spread over `floors` floors: "3-1502" is 单元 3, floor 15,
 * room 02 (单元 1 for whole buildings).
 */
export function rooms(stair: number, count: number, floors: number): string[] {
  const out: string[] = [];
  const perFloor = new Map<number, number>();
  for (let j = 0; j < count; j++) {
    const floor = 1 + Math.floor((j * floors) / count);
    const room = (perFloor.get(floor) ?? 0) + 1;
    perFloor.set(floor, room);
    out.push(`${stair || 1}-${floor}${String(room).padStart(2, '0')}`);
  }
  return out;
}

/** Household rows of one unit, codes unit code + 001…, sizes drawn from SIZE_WEIGHTS. */
export function unitHouseholds(unit: CodedUnit, floorsOf: (ref: string) => number, rng: Rng): HouseholdRow[] {
  const out: HouseholdRow[] = [];
  for (const part of unit.parts) {
    for (const room of rooms(unit.stair, part.households, floorsOf(part.ref))) {
      const code = unit.code + String(out.length + 1).padStart(3, '0');
      out.push({ code, unitCode: unit.code, buildingRef: part.ref, room, size: 1 + weightedIndex(rng, SIZE_WEIGHTS) });
    }
  }
  return out;
}

type Person = Omit<MemberRow, 'householdCode' | 'phone' | 'groups'> & { groups: string[] };

/** The people of one household of `size`: head first, then spouse, children, parents. */
function compose(size: number, rng: Rng): Person[] {
  const surname = () => personName(rng).slice(0, 1);
  const head = (lo: number, hi: number): Person => ({ name: personName(rng), relation: '户主', birthYear: intBetween(rng, lo, hi), groups: [] });
  const other = (relation: Person['relation'], year: number, family?: string): Person => {
    const n = personName(rng);
    return { name: family ? family + n.slice(1) : n, relation, birthYear: year, groups: [] };
  };
  if (size === 1) {
    if (rng() < ELDER_ALONE_SHARE) return [{ ...head(1930, YEAR - ELDER_AGE - 1), groups: ['独居老人'] }];
    return [head(YEAR - ELDER_AGE + 1, 2003)];
  }
  if (size <= 3 && rng() < LEFT_BEHIND_SHARE) {
    const h = head(1950, 1966);
    const people = [h];
    if (size === 3) people.push(other('配偶', h.birthYear + intBetween(rng, -3, 3)));
    people.push({ ...other('其他', intBetween(rng, 2011, 2021), h.name[0]), groups: ['留守儿童'] });
    return people;
  }
  const h = size >= 4 ? head(1962, 1996) : head(1945, 1998); // parents of a head born < 1962 would be 100+
  const people = [h];
  const family = h.name[0];
  const childYear = () => Math.min(YEAR - 1, h.birthYear + intBetween(rng, 24, 36));
  if (size === 2 && rng() < 0.2) return [h, other('子女', childYear(), family)];
  people.push(other('配偶', h.birthYear + intBetween(rng, -4, 4)));
  if (size >= 3) people.push(other('子女', childYear(), family));
  if (size >= 4) people.push(rng() < 0.5 ? other('子女', childYear(), family) : other('父母', h.birthYear - intBetween(rng, 24, 34), family));
  if (size >= 5) people.push(other('父母', h.birthYear - intBetween(rng, 24, 34), surname()));
  return people;
}

/** Members of one household with phones (16 and over) and special groups. */
export function householdMembers(h: HouseholdRow, rng: Rng): MemberRow[] {
  const dibao = rng() < DIBAO_RATE;
  return compose(h.size, rng).map((p) => {
    const groups = [...(dibao ? ['低保'] : []), ...p.groups, ...(rng() < DISABLED_RATE ? ['残疾人'] : [])];
    const order = ['低保', '独居老人', '残疾人', '留守儿童'];
    return {
      householdCode: h.code, name: p.name, relation: p.relation, birthYear: p.birthYear,
      phone: YEAR - p.birthYear >= PHONE_AGE ? fakePhone(rng) : '',
      groups: groups.sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    };
  });
}
