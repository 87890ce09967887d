/** Audit campaigns (多方议) and residents' leads (居民提). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { subtreeIds } from '../auth/jurisdiction.repository.ts';

type Db = Kysely<DB>;

export interface CampaignRow {
  id: number;
  name: string;
  area_id: number;
  area_name: string;
  area_level: string;
  participants: { party: string; name: string }[];
  starts_on: string;
  ends_on: string;
  status: 'open' | 'closed';
  created_at: Date;
  spaces: number;
  leads_new: number;
}

const SELECT = sql`k.id, k.name, k.area_id, a.name as area_name, a.level as area_level, k.participants, to_char(k.starts_on, 'YYYY-MM-DD') as starts_on,
  to_char(k.ends_on, 'YYYY-MM-DD') as ends_on, k.status, k.created_at,
  (select count(*)::int from spaces s where s.campaign_id = k.id) as spaces,
  (select count(*)::int from audit_leads l where l.campaign_id = k.id and l.status = 'new') as leads_new`;

/** Campaigns whose scope is in the area or above it (a street campaign shows in its communities). */
export async function listCampaigns(db: Db, areaId: number): Promise<CampaignRow[]> {
  const r = await sql<CampaignRow>`select ${SELECT} from audit_campaigns k join areas a on a.id = k.area_id
    where k.area_id in ${subtreeIds(areaId)} or k.area_id in (with recursive up(id, parent_id) as (select id, parent_id from areas where id = ${areaId}
      union all select x.id, x.parent_id from areas x join up on x.id = up.parent_id) select id from up)
    order by k.id desc`.execute(db);
  return r.rows;
}

export async function findCampaign(db: Db, id: number): Promise<CampaignRow | undefined> {
  const r = await sql<CampaignRow>`select ${SELECT} from audit_campaigns k join areas a on a.id = k.area_id where k.id = ${id}`.execute(db);
  return r.rows[0];
}

/** Open campaigns (public: no participants' names), with the scope outline. */
export async function openCampaigns(db: Db, on: string) {
  const r = await sql<{ id: number; name: string; area_name: string; starts_on: string; ends_on: string; geometry: unknown }>`
    select k.id, k.name, a.name as area_name, to_char(k.starts_on, 'YYYY-MM-DD') as starts_on, to_char(k.ends_on, 'YYYY-MM-DD') as ends_on,
      ST_AsGeoJSON(ST_SimplifyPreserveTopology(a.geom, 0.00002), 6)::json as geometry
    from audit_campaigns k join areas a on a.id = k.area_id where k.status = 'open' and ${on}::date between k.starts_on and k.ends_on order by k.id`.execute(db);
  return r.rows;
}

export async function insertCampaign(db: Db, c: { name: string; areaId: number; participants: unknown[]; startsOn: string; endsOn: string; userId: number | null }): Promise<number> {
  const r = await db.insertInto('audit_campaigns')
    .values({ name: c.name, area_id: c.areaId, participants: JSON.stringify(c.participants), starts_on: c.startsOn, ends_on: c.endsOn, created_by: c.userId })
    .returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function closeCampaign(db: Db, id: number): Promise<void> {
  await db.updateTable('audit_campaigns').set({ status: 'closed' }).where('id', '=', id).execute();
}

/** Whether a point lies in the campaign's scope. */
export async function inScope(db: Db, campaignId: number, lon: number, lat: number): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select ST_Intersects(a.geom, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)) as ok
    from audit_campaigns k join areas a on a.id = k.area_id where k.id = ${campaignId}`.execute(db);
  return r.rows[0]?.ok ?? false;
}

/** The open campaign (running on `on`) with the smallest scope containing the point. */
export async function campaignAt(db: Db, lon: number, lat: number, on: string): Promise<number | null> {
  const r = await sql<{ id: number }>`select k.id from audit_campaigns k join areas a on a.id = k.area_id
    where k.status = 'open' and ${on}::date between k.starts_on and k.ends_on and ST_Intersects(a.geom, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326))
    order by ST_Area(a.geom), k.id desc limit 1`.execute(db);
  return r.rows[0]?.id ?? null;
}

export async function insertLead(db: Db, l: { campaignId: number; lon: number; lat: number; description: string; contact: string | null; reporterId: number | null; at: Date }): Promise<number> {
  const r = await sql<{ id: number }>`insert into audit_leads (campaign_id, geom, description, contact, reporter_id, submitted_at)
    values (${l.campaignId}, ST_SetSRID(ST_MakePoint(${l.lon}, ${l.lat}), 4326), ${l.description}, ${l.contact}, ${l.reporterId}, ${l.at}) returning id`.execute(db);
  return r.rows[0].id;
}

export interface LeadRow {
  id: number;
  campaign_id: number;
  lon: number;
  lat: number;
  description: string;
  contact: string | null;
  anonymous: boolean;
  submitted_at: Date;
  status: string;
  space_id: number | null;
  triaged_at: Date | null;
  triage_note: string | null;
  photos: number[];
}

const LEAD = sql`l.id, l.campaign_id, ST_X(l.geom) as lon, ST_Y(l.geom) as lat, l.description, l.contact, (l.reporter_id is null) as anonymous,
  l.submitted_at, l.status, l.space_id, l.triaged_at, l.triage_note, array(select f.id from audit_files f where f.lead_id = l.id order by f.id) as photos`;

export async function listLeads(db: Db, campaignId: number, status?: string): Promise<LeadRow[]> {
  const r = await sql<LeadRow>`select ${LEAD} from audit_leads l where l.campaign_id = ${campaignId}
    ${status ? sql`and l.status = ${status}` : sql``} order by l.id`.execute(db);
  return r.rows;
}

export async function findLead(db: Db, id: number, lock = false): Promise<LeadRow | undefined> {
  if (lock) await sql`select id from audit_leads where id = ${id} for update`.execute(db);
  const r = await sql<LeadRow>`select ${LEAD} from audit_leads l where l.id = ${id}`.execute(db);
  return r.rows[0];
}

export async function triageLead(db: Db, id: number, t: { status: string; spaceId: number | null; userId: number | null; at: Date; note: string | null }): Promise<void> {
  await db.updateTable('audit_leads').set({ status: t.status as 'accepted', space_id: t.spaceId, triaged_by: t.userId, triaged_at: t.at, triage_note: t.note }).where('id', '=', id).execute();
}
