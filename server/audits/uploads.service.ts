/**
 * Uploads (photos re-encoded, PDFs checked), attached later by token; anonymous lead photos are
 * rate-limited like hazard reports (per IP and device, the hazards' submission log).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { payloadTooLarge, unprocessable } from '../errors.ts';
import { cleanUpload } from './audit.files.ts';
import * as files from './files.repository.ts';

export const UPLOAD_TTL_MS = 86_400_000;
export const sha256 = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('hex');

export async function upload(db: Kysely<DB>, actor: Actor, buf: Buffer, kind: 'photo' | 'document' | 'auto', before?: (trx: Kysely<DB>) => Promise<void>) {
  const r = await cleanUpload(buf, kind);
  if (!r.valid) throw r.reason === 'TOO_LARGE' ? payloadTooLarge(r.message) : unprocessable(`UPLOAD_${r.reason}`, r.message);
  const token = crypto.randomBytes(24).toString('base64url');
  const f = r.file;
  const id = await db.transaction().execute(async (trx) => {
    await before?.(trx);
    await files.pruneLoose(trx, new Date(actor.at.getTime() - UPLOAD_TTL_MS));
    return files.insertFile(trx, { hash: sha256(token), kind: f.kind, mime: f.mime, width: f.width, height: f.height, data: f.data, sha256: sha256(f.data), at: actor.at, uploaderId: actor.principal.user?.id ?? null });
  });
  return { upload: token, id, kind: f.kind, mime: f.mime, width: f.width, height: f.height, bytes: f.data.length, expiresAt: new Date(actor.at.getTime() + UPLOAD_TTL_MS).toISOString() };
}

/**
 * Claims loose uploads by token (inside the caller's transaction): every token must be known,
 * unused and younger than a day, and of `kind` when given. Returns the file ids in token order.
 */
export async function claim(db: Kysely<DB>, tokens: string[], at: Date, kind?: 'photo' | 'document'): Promise<number[]> {
  if (!tokens.length) return [];
  const hashes = tokens.map(sha256);
  const rows = await files.looseFiles(db, hashes, new Date(at.getTime() - UPLOAD_TTL_MS));
  const byHash = new Map(rows.map((r) => [r.upload_hash, r]));
  const missing = hashes.filter((h) => !byHash.has(h)).length;
  if (missing) throw unprocessable('UPLOAD_NOT_FOUND', `${missing} of the upload tokens are unknown, used or older than a day: upload them again`);
  const wrong = rows.find((r) => kind && r.kind !== kind);
  if (wrong) throw unprocessable('UPLOAD_WRONG_KIND', `upload ${wrong.id} is a ${wrong.kind}, a ${kind} is needed here`);
  return [...new Set(hashes)].map((h) => byHash.get(h)!.id);
}
