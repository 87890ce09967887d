/**
 * Place photos: staff of the place's area upload one; it is decoded and re-encoded
 * (place-photos.image.ts) before anything is stored, then listed on the place.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { processPlacePhoto } from './place-photos.image.ts';
import * as repo from './place-photos.repository.ts';
import * as places from './places.repository.ts';
import { authorizeManage } from './places.service.ts';

/** `places.photos` holds at most 20 entries (migration 0004). */
export const MAX_PHOTOS = 20;

export const photoUrl = (placeId: number, photoId: number) => `/api/places/${placeId}/photos/${photoId}`;

export async function uploadPhoto(db: Kysely<DB>, actor: Actor, placeId: number, buf: Buffer) {
  const place = await places.findPlace(db, placeId);
  if (!place) throw notFound(`place ${placeId} does not exist`);
  await authorizeManage(db, actor.principal, place.area_id);
  if (place.photos.length >= MAX_PHOTOS) throw unprocessable('TOO_MANY_PHOTOS', `place ${placeId} already has ${place.photos.length} photos, the most a place may list; take one off first`);
  const r = await processPlacePhoto(buf);
  if (!r.valid) throw new AppError(r.status, `PHOTO_${r.reason}`, r.message);
  const sha256 = crypto.createHash('sha256').update(r.photo.data).digest('hex');
  return db.transaction().execute(async (trx) => {
    const id = await repo.insertPhoto(trx, { placeId, width: r.photo.width, height: r.photo.height, data: r.photo.data, sha256, by: actor.principal.user?.id ?? null });
    const url = photoUrl(placeId, id);
    const version = await repo.appendPhotoUrl(trx, placeId, url, actor.principal.user?.id ?? null);
    await record(trx, actor, { action: 'places.photo', targetType: 'place', targetId: placeId, areaId: place.area_id, details: { photo: id, width: r.photo.width, height: r.photo.height, source: r.photo.source } });
    return { id, url, width: r.photo.width, height: r.photo.height, bytes: r.photo.data.length, version };
  });
}

export async function photo(db: Kysely<DB>, placeId: number, photoId: number) {
  const p = await repo.findPhoto(db, placeId, photoId);
  if (!p) throw notFound(`photo ${photoId} of place ${placeId} does not exist`);
  return p;
}
