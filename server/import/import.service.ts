/**
 * The database half of `npm run import`: checks validated records against what the database
 * already holds, then writes them in one transaction. Any problem → nothing is written.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { unprocessable } from '../errors.ts';
import * as seedRepo from '../seed/seed.repository.ts';
import { nodeRoadEnds } from './road-ends.ts';
import type { AnyValidRecord } from './records.ts';
import type { ImportKind } from './types.ts';
import { placesChanged } from '../places/places.cache.ts';

/**
 * The area an import is expected to fall in: the extent of the streets already loaded plus
 * ~100 m, or China when the database is empty. Data in the wrong CRS (a GCJ-02/BD-09 shift of
 * 300–1,000 m) then falls outside it and is refused.
 */
export async function expectedBBox(db: Kysely<DB>): Promise<[number, number, number, number]> {
  const r = await sql<{ w: number | null; s: number; e: number; n: number }>`
    select ST_XMin(x) w, ST_YMin(x) s, ST_XMax(x) e, ST_YMax(x) n
    from (select ST_Extent(geom)::geometry x from areas where level = 'street') t`.execute(db);
  const b = r.rows[0];
  if (!b || b.w === null) return [73.4, 3.8, 135.1, 53.6];
  const m = 0.001; // ≈ 100 m
  return [b.w - m, b.s - m, b.e + m, b.n + m];
}

const LEVEL_RANK: Record<string, number> = { street: 0, community: 1, grid: 2, unit: 3 };

async function existing(db: Kysely<DB>, table: 'areas' | 'households' | 'buildings' | 'places', col: 'code' | 'ref', values: string[]) {
  if (!values.length) return new Map<string, string>();
  const r = await sql<{ v: string; level: string | null }>`
    select ${sql.ref(col)} as v, ${table === 'areas' ? sql`level` : sql`null`} as level
    from ${sql.table(table)} where ${sql.ref(col)} = any(${values}::text[])`.execute(db);
  return new Map(r.rows.map((x) => [x.v, x.level ?? '']));
}

function reject(problems: string[]): never {
  throw unprocessable('IMPORT_REJECTED', problems[0] + (problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''), problems.slice(0, 50));
}

const flat = (recs: AnyValidRecord[]) => recs.map((r) => ({ ...r.properties, geometry: r.geometry ? JSON.stringify(r.geometry) : null }));

/** Cross-checks against the database; returns the problems, each naming the record. */
async function crossCheck(db: Kysely<DB>, kind: ImportKind, recs: AnyValidRecord[]): Promise<string[]> {
  const p: string[] = [];
  const props = (r: AnyValidRecord) => r.properties as Record<string, any>;
  if (kind === 'areas') {
    const codes = await existing(db, 'areas', 'code', recs.map((r) => props(r).code));
    const parents = await existing(db, 'areas', 'code', recs.map((r) => props(r).parentCode).filter(Boolean));
    const inFile = new Map(recs.map((r) => [props(r).code, props(r).level]));
    for (const r of recs) {
      const { code, level, parentCode } = props(r);
      if (codes.has(code)) p.push(`${r.ref}: code ${code} already exists in the database`);
      const want = ['street', 'community', 'grid', 'unit'][LEVEL_RANK[level] - 1];
      if (want && (parents.get(parentCode) ?? inFile.get(parentCode)) !== want)
        p.push(`${r.ref}: parent ${parentCode} of ${level} ${code} is not an existing ${want}`);
    }
  } else if (kind === 'households') {
    const codes = await existing(db, 'households', 'code', recs.map((r) => props(r).code));
    const units = await existing(db, 'areas', 'code', recs.map((r) => props(r).unit_code));
    const blds = await existing(db, 'buildings', 'ref', recs.map((r) => props(r).building_ref).filter(Boolean));
    for (const r of recs) {
      const h = props(r);
      if (codes.has(h.code)) p.push(`${r.ref}: household ${h.code} already exists in the database`);
      if (units.get(h.unit_code) !== 'unit') p.push(`${r.ref}: unit ${h.unit_code} does not exist`);
      if (h.building_ref && !blds.has(h.building_ref)) p.push(`${r.ref}: building ${h.building_ref} does not exist`);
    }
  } else if (kind === 'buildings' || kind === 'places') {
    const refs = await existing(db, kind, 'ref', recs.map((r) => props(r).ref));
    for (const r of recs) if (refs.has(props(r).ref)) p.push(`${r.ref}: ref ${props(r).ref} already exists in the database`);
    if (kind === 'buildings') {
      const units = await existing(db, 'areas', 'code', recs.map((r) => props(r).unitCode).filter(Boolean));
      for (const r of recs) if (props(r).unitCode && units.get(props(r).unitCode) !== 'unit') p.push(`${r.ref}: unit ${props(r).unitCode} does not exist`);
    }
  }
  return p;
}

/** Writes validated records of one kind; all or nothing. Returns how many rows were inserted. */
export async function writeImport(db: Kysely<DB>, kind: ImportKind, recs: AnyValidRecord[]): Promise<number> {
  const problems = await crossCheck(db, kind, recs);
  if (problems.length) reject(problems);
  try {
    await db.transaction().execute(async (trx) => {
      if (kind === 'areas') {
        const sorted = [...recs].sort((a, b) => LEVEL_RANK[(a.properties as any).level] - LEVEL_RANK[(b.properties as any).level]);
        await seedRepo.insertAreas(trx, flat(sorted) as any);
      } else if (kind === 'buildings') await seedRepo.insertBuildings(trx, flat(recs));
      else if (kind === 'households') await seedRepo.insertHouseholds(trx, recs.map((r) => r.properties as Record<string, string>));
      else if (kind === 'places') await seedRepo.insertPlaces(trx, flat(recs).map((r: any) => ({ ...r, services: r.services ?? [] })));
      else if (kind === 'roads') await seedRepo.insertRoads(trx, await nodeRoadEnds(trx, recs));
    });
  } catch (e) {
    const msg = (e as Error).message;
    // Integrity triggers name the area code; point at the record it came from.
    const code = /area (\d+)/.exec(msg)?.[1];
    const rec = code && recs.find((r) => (r.properties as any).code === code);
    if ((e as any)?.code?.startsWith?.('23') || rec) reject([`${rec ? rec.ref + ': ' : ''}${msg}`]);
    throw e;
  }
  if (kind === 'places') placesChanged();
  return recs.length;
}
