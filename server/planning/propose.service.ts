/**
 * "Propose grids" for a draft: the pure core (partition.ts) over the draft's scope, the base
 * version as the current plan (least change keeps what it can, and the grids the planner locked
 * exactly), the result saved as a new draft version with the same locks. An infeasible input is a 422 with the core's reasons (reasons.ts), nothing saved,
 * unless the planner asks to keep the best effort.
 */
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/principal.ts';
import type { Config } from '../config.ts';
import type { DB } from '../db/types.ts';
import { unprocessable } from '../errors.ts';
import { appendVersion, draftFor, loadScope } from './drafts.service.ts';
import * as repo from './drafts.repository.ts';
import { proposeGrids } from './partition.ts';
import type { ProposeBody } from './planning.schema.ts';

export async function propose(db: Kysely<DB>, config: Config, actor: Actor, id: number, body: ProposeBody) {
  const d = await draftFor(db, actor.principal, id, 'planning.edit');
  const base = await repo.findVersion(db, id, body.baseVersion);
  const { input } = await loadScope(db, d.scope_area_id);
  const band = body.band ?? config.gridBand;
  const p = proposeGrids({
    units: input.units, adjacency: input.adjacency, band, target: body.target, targetWeight: body.targetWeight,
    current: base ? new Map(Object.entries(base.assignments)) : undefined, mode: body.mode,
    communityOf: d.scope_level === 'street' ? input.communityOf : undefined,
    locked: base?.locked ?? [],
  });
  if (!p.valid && !body.keepInvalid) {
    throw unprocessable('PROPOSAL_INFEASIBLE', `no proposal puts every grid in ${band[0]}–${band[1]}: ${p.message}`, { reason: p.reason, issues: p.issues });
  }
  const saved = await appendVersion(db, actor, id, body.baseVersion, () => ({
    assignments: Object.fromEntries(p.assignment), locked: base?.locked ?? [], source: 'propose', note: `${body.mode} ${band[0]}-${band[1]}${p.valid ? '' : ` (${p.issues.length} issues kept)`}`,
  }));
  return { ...saved, valid: p.valid, reason: p.reason, issues: p.issues, grids: p.grids.length, kept: p.kept };
}
