/** Grid signs (一牌四公开) as a printable A4 PDF: one grid, or every grid of a community. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { notFound, unprocessable } from '../errors.ts';
import { renderSigns } from './sign.pdf.ts';
import * as repo from './signs.repository.ts';

/** The grid's public page: the map opened on that grid (contacts, call, report a hazard). */
export const gridPageUrl = (base: string, id: number) => `${base.replace(/\/$/, '')}/?area=${id}`;

/**
 * @param base the public address for the QR codes (scheme://host[:port])
 * @param today the printing date (China time)
 */
export async function signsPdf(db: Kysely<DB>, areaId: number, base: string, today: Date): Promise<{ filename: string; pdf: Buffer; grids: number }> {
  const area = await repo.areaLevel(db, areaId);
  if (!area) throw notFound(`area ${areaId} does not exist`);
  if (area.level !== 'grid' && area.level !== 'community') {
    throw unprocessable('NOT_GRID_OR_COMMUNITY', `area ${area.code} is a ${area.level}: signs are printed for a grid or for all grids of a community`);
  }
  const rows = await repo.signGrids(db, areaId);
  if (rows.length === 0) throw unprocessable('NO_GRIDS', `community ${area.code} has no grids to print signs for`);
  const printed = new Date(today.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const pdf = await renderSigns(
    rows.map((r) => ({ code: r.code, name: r.name, community: r.community, street: r.street, households: r.households, units: r.units, people: r.people ?? [], url: gridPageUrl(base, r.id) })),
    printed,
  );
  return { filename: `grid-signs-${area.code}.pdf`, pdf, grids: rows.length };
}
