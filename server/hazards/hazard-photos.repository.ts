/** Photos: uploads waiting to be attached (by token hash), then a case's report or evidence photos. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

type Db = Kysely<DB>;

export async function insertUpload(
  db: Db,
  u: { hash: string; mime: string; width: number; height: number; data: Buffer; sha256: string; at: Date; uploaderId: number | null },
): Promise<number> {
  const r = await db
    .insertInto('hazard_photos')
    .values({ upload_hash: u.hash, mime: u.mime, width: u.width, height: u.height, bytes: u.data.length, sha256: u.sha256, data: u.data, uploaded_at: u.at, uploader_id: u.uploaderId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Attaches loose uploads (tokens not used before, uploaded after `since`) to a case; returns how
 * many were attached, so the caller can refuse unknown or used tokens.
 */
export async function attach(db: Db, a: { hashes: string[]; hazardId: number; kind: 'report' | 'evidence'; eventId: number | null; at: Date; since: Date }): Promise<number> {
  if (!a.hashes.length) return 0;
  const r = await db
    .updateTable('hazard_photos')
    .set({ hazard_id: a.hazardId, kind: a.kind, event_id: a.eventId, attached_at: a.at })
    .where('upload_hash', 'in', a.hashes)
    .where('hazard_id', 'is', null)
    .where('uploaded_at', '>=', a.since)
    .returning('id')
    .execute();
  return r.length;
}

export async function photosOf(db: Db, hazardId: number) {
  return db
    .selectFrom('hazard_photos')
    .select(['id', 'kind', 'mime', 'width', 'height', 'bytes', 'event_id'])
    .where('hazard_id', '=', hazardId)
    .orderBy('id')
    .execute();
}

export async function photoData(db: Db, hazardId: number, photoId: number) {
  return db.selectFrom('hazard_photos').select(['id', 'kind', 'mime', 'data', 'sha256']).where('hazard_id', '=', hazardId).where('id', '=', photoId).executeTakeFirst();
}

/** Uploads never attached are dropped after a day. */
export async function pruneLoose(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('hazard_photos').where('hazard_id', 'is', null).where('uploaded_at', '<', before).execute();
}
