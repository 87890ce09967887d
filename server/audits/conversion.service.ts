/**
 * 以空间换服务: a reclaimed or idle space becomes a service station — a row in `places` of the
 * chosen kind at the space's location, linked both ways, with a history entry — in one transaction.
 * From then on the space is `converted` and no longer a siting candidate.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { record } from '../audit/audit.service.ts';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { conflict, notFound } from '../errors.ts';
import { KIND_NAMES } from '../places/places.constants.ts';
import { insertPlaces } from '../places/places.repository.ts';
import { CONVERTIBLE, type SpaceStatus } from './audit.workflow.ts';
import { authorizeSpace } from './audits.access.ts';
import { spaceView } from './audits.views.ts';
import type { convertBody } from './campaign.schema.ts';
import { actorName } from './campaign.service.ts';
import * as events from './events.repository.ts';
import * as spaces from './spaces.repository.ts';
import { placesChanged } from '../places/places.cache.ts';

export async function convert(db: Kysely<DB>, actor: Actor, spaceId: number, input: z.infer<typeof convertBody>) {
  const community = await authorizeSpace(db, actor.principal, 'audits.manage', spaceId);
  const done = await db.transaction().execute(async (trx) => {
    const s = await spaces.findSpace(trx, spaceId, true);
    if (!s) throw notFound(`space ${spaceId} does not exist`);
    if (!CONVERTIBLE.includes(s.status as SpaceStatus) || s.place_id !== null)
      throw conflict(`space ${spaceId} is ${s.status}: only reclaimed or idle spaces can be converted into a station`, { allowedFrom: CONVERTIBLE });
    const name = input.name ?? `${s.name}${KIND_NAMES[input.placeKind].zh}`.slice(0, 100);
    const [placeId] = await insertPlaces(trx, [{
      kind: input.placeKind, name, lon: s.lon, lat: s.lat, floor: s.floor, lift: s.lift, stepFree: s.step_free,
      services: input.services, openingHours: input.openingHours ?? null, capacity: input.capacity ?? null,
      ref: `space:${s.id}`,
    }], actor.principal.user?.id ?? null);
    await spaces.updateSpace(trx, s.id, null, { status: 'converted', placeId });
    const entry = await events.appendEvent(trx, { spaceId: s.id, campaignId: s.campaign_id, step: 'conversion', at: actor.at, actorId: actor.principal.user?.id ?? null, actorName: actorName(actor),
      statusFrom: s.status, statusTo: 'converted', data: { placeId, placeKind: input.placeKind, name, fromStatus: s.status, areaM2: s.measured_area_m2 ?? s.area_m2 }, evidence: [], corrects: null, note: input.note ?? null });
    await record(trx, actor, { action: 'audits.manage', targetType: 'space', targetId: s.id, areaId: community || null, details: { step: 'conversion', placeId, placeKind: input.placeKind } });
    return { entry, placeId, space: spaceView((await spaces.findSpace(trx, s.id))!) };
  });
  placesChanged();
  return done;
}
