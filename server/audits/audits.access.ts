/**
 * Who may see or change what: every compound, space, campaign, lead and file belongs to a
 * community (or, for a campaign, its scope area); `authorize` decides with that area as target.
 * A missing target is a 404 naming it.
 */
import type { Kysely } from 'kysely';
import { authorize } from '../auth/authorize.ts';
import type { Action } from '../auth/permissions.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { notFound } from '../errors.ts';
import * as campaigns from './campaigns.repository.ts';
import * as compounds from './compounds.repository.ts';
import * as files from './files.repository.ts';
import * as spaces from './spaces.repository.ts';

type Db = Kysely<DB>;

export async function authorizeArea(db: Db, p: Principal, action: Action, areaId: number): Promise<void> {
  await authorize(db, p, action, { areaId });
}

export async function authorizeCompound(db: Db, p: Principal, action: Action, id: number): Promise<number> {
  const community = await compounds.communityOfCompound(db, id);
  if (community === null) throw notFound(`compound ${id} does not exist`);
  await authorize(db, p, action, { areaId: community });
  return community;
}

export async function authorizeSpace(db: Db, p: Principal, action: Action, id: number): Promise<number> {
  const community = await spaces.communityOfSpace(db, id);
  if (community === undefined) throw notFound(`space ${id} does not exist`);
  // A space outside every community (legacy data) is for staff without an area limit.
  await authorize(db, p, action, community === null ? { everywhere: true } : { areaId: community });
  return community ?? 0;
}

export async function authorizeCampaign(db: Db, p: Principal, action: Action, id: number): Promise<campaigns.CampaignRow> {
  const c = await campaigns.findCampaign(db, id);
  if (!c) throw notFound(`campaign ${id} does not exist`);
  await authorize(db, p, action, { areaId: c.area_id });
  return c;
}

export async function authorizeLead(db: Db, p: Principal, action: Action, id: number): Promise<campaigns.LeadRow> {
  const l = await campaigns.findLead(db, id);
  if (!l) throw notFound(`lead ${id} does not exist`);
  await authorizeCampaign(db, p, action, l.campaign_id);
  return l;
}

export async function authorizeFile(db: Db, p: Principal, action: Action, id: number) {
  const f = await files.fileData(db, id);
  if (!f) throw notFound(`file ${id} does not exist`);
  if (f.space_id !== null) await authorizeSpace(db, p, action, f.space_id);
  else if (f.lead_id !== null) await authorizeLead(db, p, action, f.lead_id);
  return f;
}
