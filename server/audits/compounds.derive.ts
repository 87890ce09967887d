/**
 * Compounds for a freshly loaded dataset: one per grid without one (named after the OSM residential
 * landuse it overlaps most), and spaces attached to the compound containing them. The SQL lives in
 * the database (`audits_derive_compounds()`, migration 0006) so the migration and the loader agree.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

export async function deriveCompounds(db: Kysely<DB>): Promise<number> {
  const r = await sql<{ n: number }>`select audits_derive_compounds() as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
