/** The standards table of an area: each compound and community green or red, shortfall, rooms that count. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { communitiesOfArea, spaceCommunity } from './audits.sql.ts';
import * as compounds from './compounds.repository.ts';
import { checkCommunity, checkCompound, CSR_M2_PER_100_HOUSEHOLDS, DEFAULT_PM_RULE, PM_RULES, type CheckResult, type Room } from './standards.ts';

type Db = Kysely<DB>;

interface RoomRow {
  id: number;
  name: string;
  kind: string;
  status: string;
  area_m2: number | null;
  measured_area_m2: number | null;
  compound_id: number | null;
  community_id: number | null;
}

async function rooms(db: Db, areaId: number): Promise<RoomRow[]> {
  const r = await sql<RoomRow>`select * from (select s.id, s.name, s.kind, s.status, s.area_m2, s.measured_area_m2, s.compound_id, ${spaceCommunity} as community_id
    from spaces s where s.kind in ('property_room', 'community_service_room')) x where x.community_id in ${communitiesOfArea(areaId)} order by x.id`.execute(db);
  return r.rows;
}

const toRoom = (r: RoomRow): Room => ({ id: r.id, name: r.name, kind: r.kind, status: r.status, areaM2: r.area_m2, measuredAreaM2: r.measured_area_m2 });
const roomsOut = (c: CheckResult) => ({
  counted: c.counted.map((r) => ({ id: r.id, name: r.name, status: r.status, countedM2: r.countedM2 })),
  excluded: c.excluded.map((r) => ({ id: r.id, name: r.name, status: r.status, reason: r.reason })),
});
const colour = (ok: boolean) => (ok ? 'green' : 'red');

export async function standardsTable(db: Db, areaId: number, opts: { rule?: string; per100?: number } = {}) {
  const area = await db.selectFrom('areas').select(['id', 'name', 'level']).where('id', '=', areaId).executeTakeFirst();
  if (!area) throw notFound(`area ${areaId} does not exist`);
  const per100 = opts.per100 ?? CSR_M2_PER_100_HOUSEHOLDS;
  const [cs, rs] = [await compounds.listCompounds(db, areaId), await rooms(db, areaId)];
  const comms = (await sql<{ id: number; name: string; households: number }>`select id, name, households from areas where id in ${communitiesOfArea(areaId)} order by code`.execute(db)).rows;
  const compoundRows = cs.map((c) => {
    const rule = PM_RULES[opts.rule ?? c.pm_rule] ?? PM_RULES[DEFAULT_PM_RULE];
    const check = checkCompound({ totalFloorAreaM2: c.total_floor_area_m2, aboveGroundAreaM2: c.above_ground_area_m2 }, rs.filter((r) => r.compound_id === c.id).map(toRoom), rule);
    return { id: c.id, name: c.name, communityId: c.community_id, communityName: c.community_name, type: c.type, totalFloorAreaM2: c.total_floor_area_m2,
      households: c.households, rule: rule.id, ruleZh: rule.zh, requiredM2: check.requiredM2, providedM2: check.providedM2,
      shortfallM2: check.shortfallM2, ok: check.ok, colour: colour(check.ok), ...roomsOut(check) };
  });
  const communityRows = comms.map((m) => {
    const check = checkCommunity(m.households, rs.filter((r) => r.community_id === m.id).map(toRoom), per100);
    return { id: m.id, name: m.name, households: m.households, per100, requiredM2: check.requiredM2, providedM2: check.providedM2,
      shortfallM2: check.shortfallM2, ok: check.ok, colour: colour(check.ok), ...roomsOut(check) };
  });
  const sum = (xs: { shortfallM2: number }[]) => Math.round(xs.reduce((s, x) => s + x.shortfallM2, 0) * 100) / 100;
  return {
    area: { id: area.id, name: area.name, level: area.level },
    rule: opts.rule ?? null,
    per100,
    compounds: compoundRows,
    communities: communityRows,
    totals: {
      compounds: compoundRows.length, compoundsRed: compoundRows.filter((c) => !c.ok).length, pmShortfallM2: sum(compoundRows),
      communities: communityRows.length, communitiesRed: communityRows.filter((c) => !c.ok).length, csrShortfallM2: sum(communityRows),
    },
  };
}
