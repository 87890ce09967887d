/**
 * The dashboard officials expect (会昌: 139 found, 17 solved locally, 122 escalated): per street,
 * community or grid and for each child area. found = solvedLocally + escalated + inGrid.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { notFound } from '../errors.ts';
import * as repo from './hazard-stats.repository.ts';
import type { AreaLevel, DashboardRow } from './hazard-stats.repository.ts';

const round = (x: number | null, d = 1) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

export function toFigures(r: DashboardRow) {
  const found = r.reported - r.pending - r.invalid - r.duplicates;
  return {
    reported: r.reported,
    pending: r.pending,
    invalid: r.invalid,
    duplicates: r.duplicates,
    found,
    solvedLocally: r.solved_locally,
    escalated: r.escalated,
    inGrid: found - r.solved_locally - r.escalated,
    escalatedTo: { community: r.to_community, street: r.to_street, department: r.to_department },
    resolved: r.resolved,
    open: r.open,
    overdue: r.overdue,
    medianRespondMin: round(r.median_respond_min),
    medianOnSiteMin: round(r.median_on_site_min),
    medianResolveH: round(r.median_resolve_h),
  };
}

export async function dashboard(db: Kysely<DB>, q: { area: number; from?: Date; to?: Date }, now: Date) {
  const area = await repo.areaInfo(db, q.area);
  if (!area) throw notFound(`area ${q.area} does not exist`);
  const { total, children } = await repo.dashboard(db, { areaId: area.id, level: area.level as AreaLevel, from: q.from, to: q.to, now });
  const kids = await repo.childAreas(db, area.id);
  const byId = new Map(children.map((c) => [c.area_id, c]));
  const zero = { ...total, reported: 0, pending: 0, invalid: 0, duplicates: 0, solved_locally: 0, escalated: 0, to_community: 0, to_street: 0, to_department: 0, resolved: 0, open: 0, overdue: 0, median_respond_min: null, median_on_site_min: null, median_resolve_h: null };
  return {
    area,
    period: { from: q.from?.toISOString() ?? null, to: q.to?.toISOString() ?? null },
    asOf: now.toISOString(),
    totals: toFigures(total),
    children: kids.map((k) => ({ area: k, ...toFigures(byId.get(k.id) ?? zero) })),
    ...(byId.has(null) ? { outsideChildren: toFigures(byId.get(null)!) } : {}),
  };
}
