/**
 * Import a unit code → grid CSV (`unit_code,grid_code`, header required) as a new draft of a
 * community or street, in one transaction. Unknown unit codes, units outside the area and
 * duplicates are a 422 naming the row; nothing is written then.
 */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import { authorize } from '../auth/authorize.ts';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import { notFound, unprocessable } from '../errors.ts';
import * as repo from './drafts.repository.ts';
import { draftView } from './drafts.service.ts';
import * as scopeRepo from './scope.repository.ts';

export interface CsvProblem { row: number; unit: string; reason: 'UNKNOWN_UNIT' | 'OUTSIDE_SCOPE' | 'DUPLICATE_UNIT' | 'BAD_ROW'; message: string }

/** Pure: CSV lines → unit code → grid label, with problems per row (row 1 is the header). */
export function parsePlanCsv(text: string): { pairs: { row: number; unit: string; grid: string }[]; problems: CsvProblem[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const head = lines[0].split(',').map((s) => s.trim().toLowerCase());
  const ui = head.indexOf('unit_code'), gi = head.indexOf('grid_code');
  const problems: CsvProblem[] = [];
  if (ui < 0 || gi < 0) return { pairs: [], problems: [{ row: 1, unit: '', reason: 'BAD_ROW', message: 'row 1: the header must name unit_code and grid_code' }] };
  const pairs = [];
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const cells = lines[i].split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1'));
    const unit = cells[ui] ?? '', grid = cells[gi] ?? '';
    if (!unit || !grid || grid.length > 40) problems.push({ row: i + 1, unit, reason: 'BAD_ROW', message: `row ${i + 1}: needs a unit_code and a grid_code of at most 40 characters` });
    else pairs.push({ row: i + 1, unit, grid });
  }
  return { pairs, problems };
}

export async function importCsv(db: Kysely<DB>, actor: Actor, body: { areaId: number; name?: string; csv: string }) {
  const scope = await scopeRepo.findScope(db, body.areaId);
  if (!scope) throw notFound(`area ${body.areaId} does not exist`);
  await authorize(db, actor.principal, 'planning.edit', { areaId: body.areaId });
  if (scope.level !== 'community' && scope.level !== 'street') throw unprocessable('BAD_SCOPE', `area ${scope.code} is a ${scope.level}: plans cover a community or a street`);
  const { pairs, problems } = parsePlanCsv(body.csv);
  const inScope = new Map((await scopeRepo.unitCodesOf(db, body.areaId)).map((u) => [u.code, u.id]));
  const codes = pairs.map((p) => p.unit).filter((c) => !inScope.has(c));
  const existing = new Set((await scopeRepo.existingUnitCodes(db, codes)));
  const seen = new Map<string, number>();
  for (const p of pairs) {
    if (!inScope.has(p.unit)) {
      problems.push(existing.has(p.unit)
        ? { row: p.row, unit: p.unit, reason: 'OUTSIDE_SCOPE', message: `row ${p.row}: unit ${p.unit} is not in ${scope.name} (${scope.code})` }
        : { row: p.row, unit: p.unit, reason: 'UNKNOWN_UNIT', message: `row ${p.row}: unit ${p.unit} does not exist` });
    } else if (seen.has(p.unit)) {
      problems.push({ row: p.row, unit: p.unit, reason: 'DUPLICATE_UNIT', message: `row ${p.row}: unit ${p.unit} is already assigned on row ${seen.get(p.unit)}` });
    } else seen.set(p.unit, p.row);
  }
  if (problems.length) {
    problems.sort((a, b) => a.row - b.row);
    throw unprocessable('BAD_PLAN_CSV', `${problems[0].message}${problems.length > 1 ? ` (and ${problems.length - 1} more rows)` : ''}`, { rows: problems });
  }
  const assignments = Object.fromEntries(pairs.map((p) => [String(inScope.get(p.unit)), p.grid]));
  const by = actor.principal.user?.id ?? null;
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertDraft(trx, { scopeId: body.areaId, name: body.name ?? `${scope.name} 导入方案`, by });
    await repo.insertVersion(trx, { draftId: id, version: 1, assignments, locked: [], source: 'import', note: `${pairs.length} units from CSV`, by });
    await record(trx, actor, { action: 'planning.draft.import', targetType: 'plan_draft', targetId: id, areaId: body.areaId, details: { units: pairs.length } });
    return id;
  });
  return { ...draftView((await repo.findDraft(db, id))!), units: pairs.length, unassigned: inScope.size - pairs.length };
}
