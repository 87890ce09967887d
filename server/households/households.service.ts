/**
 * Households and their members (personal data under PIPL) for staff whose jurisdiction covers
 * them, and public aggregates with small counts suppressed. Every personal read is audited
 * before the data leaves.
 */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { notFound } from '../errors.ts';
import * as repo from './households.repository.ts';
import { SMALL_COUNT, SPECIAL_GROUPS } from './households.schema.ts';

type Member = Awaited<ReturnType<typeof repo.membersOf>>[number];

function toHousehold(h: repo.HouseholdRow, members: Member[]) {
  return {
    id: h.id,
    code: h.code,
    unit: { id: h.unit_id, code: h.unit_code, name: h.unit_name },
    building: h.building_id === null ? null : { id: h.building_id, name: h.building_name, address: h.building_address },
    room: h.room,
    size: h.size,
    members: members.map((m) => ({ id: m.id, name: m.name, relation: m.relation, birthYear: m.birth_year, phone: m.phone, groups: m.groups })),
  };
}

function group(members: Member[]): Map<number, Member[]> {
  const by = new Map<number, Member[]>();
  for (const m of members) by.set(m.household_id, [...(by.get(m.household_id) ?? []), m]);
  return by;
}

export async function listInArea(db: Kysely<DB>, actor: Actor, areaId: number, q: { limit: number; offset: number }) {
  const area = await repo.areaTotals(db, areaId);
  if (!area) throw notFound(`area ${areaId} does not exist`);
  const { rows, total } = await repo.listInArea(db, areaId, q.limit, q.offset);
  const members = group(await repo.membersOf(db, rows.map((r) => r.id)));
  await record(db, actor, {
    action: 'households.list',
    targetType: 'area',
    targetId: areaId,
    areaId,
    details: { limit: q.limit, offset: q.offset, count: rows.length, householdIds: rows.map((r) => r.id) },
  });
  return {
    area: { id: area.id, code: area.code, name: area.name, level: area.level },
    total,
    limit: q.limit,
    offset: q.offset,
    households: rows.map((r) => toHousehold(r, members.get(r.id) ?? [])),
  };
}

export async function getOne(db: Kysely<DB>, actor: Actor, id: number) {
  const h = await repo.findOne(db, id);
  if (!h) throw notFound(`household ${id} does not exist`);
  const members = await repo.membersOf(db, [id]);
  await record(db, actor, { action: 'households.read', targetType: 'household', targetId: id, areaId: h.unit_id, details: { members: members.length } });
  return toHousehold(h, members);
}

/** Public: totals, special groups with counts below 5 as "<5"; exact for staff of the area. */
export async function stats(db: Kysely<DB>, areaId: number, exact: boolean) {
  const area = await repo.areaTotals(db, areaId);
  if (!area) throw notFound(`area ${areaId} does not exist`);
  const counts = await repo.groupCounts(db, areaId);
  const shown = (n: number): number | '<5' => (exact || n >= SMALL_COUNT ? n : '<5');
  return {
    area: { id: area.id, code: area.code, name: area.name, level: area.level },
    households: area.households,
    population: area.population,
    specialGroups: SPECIAL_GROUPS.map((g) => ({ key: g.key, name: g.name, count: shown(counts.get(g.name) ?? 0) })),
    exact,
  };
}
