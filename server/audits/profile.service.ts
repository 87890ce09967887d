/** A compound's profile: outline, households, spaces, its standards check and income summary. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';
import { notFound } from '../errors.ts';
import { compoundView, spaceView } from './audits.views.ts';
import * as compounds from './compounds.repository.ts';
import { publicSummary } from './income.service.ts';
import * as spaces from './spaces.repository.ts';
import { checkCompound, DEFAULT_PM_RULE, PM_RULES } from './standards.ts';

export async function compoundProfile(db: Kysely<DB>, id: number) {
  const c = await compounds.findCompound(db, id);
  if (!c) throw notFound(`compound ${id} does not exist`);
  const rows = await spaces.listSpaces(db, { area: c.community_id, compound: id, limit: 5000 });
  const rule = PM_RULES[c.pm_rule] ?? PM_RULES[DEFAULT_PM_RULE];
  const rooms = rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, status: r.status, areaM2: r.area_m2, measuredAreaM2: r.measured_area_m2 }));
  const byRule = Object.values(PM_RULES).map((r) => {
    const x = checkCompound({ totalFloorAreaM2: c.total_floor_area_m2, aboveGroundAreaM2: c.above_ground_area_m2 }, rooms, r);
    return { rule: r.id, ruleZh: r.zh, requiredM2: x.requiredM2, providedM2: x.providedM2, shortfallM2: x.shortfallM2, ok: x.ok };
  });
  return {
    compound: compoundView(c),
    geometry: c.geometry,
    spaces: rows.map(spaceView),
    standards: { rule: rule.id, current: byRule.find((r) => r.rule === rule.id), byRule },
    income: (await publicSummary(db, id)).years,
  };
}
