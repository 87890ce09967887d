/** Gathers what the report needs for an area and period, then builds it (report.ts). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { communitiesOfArea, spaceInArea } from './audits.sql.ts';
import * as events from './events.repository.ts';
import * as income from './income.repository.ts';
import { buildReport } from './report.ts';
import { standardsTable } from './standards.service.ts';

export async function report(db: Kysely<DB>, q: { area: number; from: string; to: string; rule?: string }) {
  const area = await db.selectFrom('areas').select(['id', 'name', 'level']).where('id', '=', q.area).executeTakeFirst();
  if (!area) throw notFound(`area ${q.area} does not exist`);
  const communities = (await sql<{ id: number; name: string }>`select id, name from areas where id in ${communitiesOfArea(q.area)} order by code`.execute(db)).rows;
  const spaces = (await sql<{ kind: string; status: string; n: number }>`select s.kind, s.status, count(*)::int as n from spaces s where ${spaceInArea(q.area)} group by 1, 2`.execute(db)).rows;
  const evs = await events.effectiveEvents(db, ['finding', 'conversion'], spaceInArea(q.area));
  const std = await standardsTable(db, q.area, { rule: q.rule });
  const arrears = await income.arrearsByCommunity(db, communities.map((c) => c.id), q.from, q.to);
  return buildReport({
    area, from: q.from, to: q.to, communities, spaces,
    findings: evs.filter((e) => e.step === 'finding').map((e) => ({ communityId: e.community_id, at: e.at, data: e.data })),
    conversions: evs.filter((e) => e.step === 'conversion').map((e) => ({ communityId: e.community_id, at: e.at, data: e.data, spaceId: e.space_id })),
    arrears: arrears.map((a) => ({ communityId: a.community_id, yuan: Number(a.arrears) })),
    standards: { communities: std.communities, compounds: std.compounds },
  });
}
