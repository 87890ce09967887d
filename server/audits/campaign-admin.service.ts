/** Campaigns (多方议): open one for an area with its parties and dates, list, look at one, close. */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { record } from '../audit/audit.service.ts';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { conflict, unprocessable } from '../errors.ts';
import { authorizeArea } from './audits.access.ts';
import { campaignView, spaceView } from './audits.views.ts';
import type { campaignBody } from './campaign.schema.ts';
import * as campaigns from './campaigns.repository.ts';
import * as spaces from './spaces.repository.ts';

type Db = Kysely<DB>;

export async function list(db: Db, area: number) {
  return { campaigns: (await campaigns.listCampaigns(db, area)).map(campaignView) };
}

export async function create(db: Db, actor: Actor, input: z.infer<typeof campaignBody>) {
  await authorizeArea(db, actor.principal, 'audits.manage', input.area);
  const level = await db.selectFrom('areas').select('level').where('id', '=', input.area).executeTakeFirst();
  // Streets and communities only: grids are redrawn by planning (issue 8), a campaign's scope must outlive that.
  if (!level || !['street', 'community'].includes(level.level)) throw unprocessable('SCOPE_LEVEL', `a campaign covers a street or a community; area ${input.area} is a ${level?.level ?? 'missing area'}`);
  const id = await db.transaction().execute(async (trx) => {
    const id = await campaigns.insertCampaign(trx, { name: input.name, areaId: input.area, participants: input.participants, startsOn: input.startsOn, endsOn: input.endsOn, userId: actor.principal.user?.id ?? null });
    await record(trx, actor, { action: 'audits.manage', targetType: 'audit_campaign', targetId: id, areaId: input.area, details: { op: 'open', name: input.name } });
    return id;
  });
  return campaignView((await campaigns.findCampaign(db, id))!);
}

export async function detail(db: Db, c: campaigns.CampaignRow) {
  const rows = await spaces.listSpaces(db, { area: c.area_id, campaign: c.id, limit: 5000 });
  return { campaign: campaignView(c), spaces: rows.map(spaceView) };
}

export async function close(db: Db, actor: Actor, c: campaigns.CampaignRow) {
  if (c.status === 'closed') throw conflict(`campaign ${c.id} is already closed`);
  await db.transaction().execute(async (trx) => {
    await campaigns.closeCampaign(trx, c.id);
    await record(trx, actor, { action: 'audits.manage', targetType: 'audit_campaign', targetId: c.id, areaId: c.area_id, details: { op: 'close' } });
  });
  return campaignView((await campaigns.findCampaign(db, c.id))!);
}
