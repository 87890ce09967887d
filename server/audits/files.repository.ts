/** Uploaded photos and documents: loose until attached to a space (or a lead) by their token. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

type Db = Kysely<DB>;

export async function insertFile(db: Db, f: { hash: string; kind: 'photo' | 'document'; mime: 'image/jpeg' | 'application/pdf'; width: number | null; height: number | null; data: Buffer; sha256: string; at: Date; uploaderId: number | null }): Promise<number> {
  const r = await db
    .insertInto('audit_files')
    .values({ upload_hash: f.hash, kind: f.kind, mime: f.mime, width: f.width, height: f.height, bytes: f.data.length, sha256: f.sha256, data: f.data, uploaded_at: f.at, uploader_id: f.uploaderId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Loose uploads of these token hashes, uploaded after `since`, of `kind` (locked for attaching). */
export async function looseFiles(db: Db, hashes: string[], since: Date) {
  if (!hashes.length) return [];
  return db.selectFrom('audit_files').select(['id', 'kind', 'upload_hash']).where('upload_hash', 'in', hashes)
    .where('space_id', 'is', null).where('lead_id', 'is', null).where('uploaded_at', '>=', since).forUpdate().execute();
}

export async function attachFiles(db: Db, ids: number[], to: { spaceId?: number; leadId?: number }, at: Date): Promise<void> {
  if (!ids.length) return;
  await db.updateTable('audit_files').set({ space_id: to.spaceId ?? null, lead_id: to.leadId ?? null, attached_at: at }).where('id', 'in', ids).execute();
}

/** Files already attached to a space (to cite again as evidence). */
export async function filesOfSpace(db: Db, spaceId: number) {
  return db.selectFrom('audit_files').select(['id', 'kind', 'mime', 'width', 'height', 'bytes', 'uploaded_at']).where('space_id', '=', spaceId).orderBy('id').execute();
}

export async function fileData(db: Db, id: number) {
  return db.selectFrom('audit_files').select(['id', 'kind', 'mime', 'data', 'sha256', 'space_id', 'lead_id']).where('id', '=', id).where('attached_at', 'is not', null).executeTakeFirst();
}

/** Leads' photos move to the space when the lead is accepted. */
export async function moveLeadFiles(db: Db, leadId: number, spaceId: number): Promise<number[]> {
  const r = await sql<{ id: number }>`update audit_files set space_id = ${spaceId} where lead_id = ${leadId} returning id`.execute(db);
  return r.rows.map((x) => x.id);
}

export async function pruneLoose(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('audit_files').where('space_id', 'is', null).where('lead_id', 'is', null).where('uploaded_at', '<', before).execute();
}
