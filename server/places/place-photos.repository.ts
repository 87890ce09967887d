/** Stored place photos (re-encoded JPEG bytes) and the URL list on the place. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

export async function insertPhoto(db: Kysely<DB>, p: { placeId: number; width: number; height: number; data: Buffer; sha256: string; by: number | null }): Promise<number> {
  const r = await sql<{ id: number }>`
    insert into place_photos (place_id, width, height, bytes, sha256, data, uploaded_by)
    values (${p.placeId}, ${p.width}, ${p.height}, ${p.data.length}, ${p.sha256}, ${p.data}, ${p.by}) returning id`.execute(db);
  return r.rows[0].id;
}

/** Appends a URL to the place's photo list (the place's history keeps the list before). */
export async function appendPhotoUrl(db: Kysely<DB>, placeId: number, url: string, by: number | null): Promise<number> {
  const r = await sql<{ version: number }>`
    update places set photos = array_append(photos, ${url}), updated_by = ${by} where id = ${placeId} returning version`.execute(db);
  return r.rows[0].version;
}

export async function findPhoto(db: Kysely<DB>, placeId: number, photoId: number): Promise<{ data: Buffer; sha256: string } | undefined> {
  const r = await sql<{ data: Buffer | Uint8Array; sha256: string }>`select data, sha256 from place_photos where id = ${photoId} and place_id = ${placeId}`.execute(db);
  const row = r.rows[0];
  return row && { data: Buffer.from(row.data), sha256: row.sha256 };
}
