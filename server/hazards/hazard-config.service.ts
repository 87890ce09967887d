/** Categories (event class, priority, points, fields) and service levels, for reporters and admins. */
import type { Kysely } from 'kysely';
import { record } from '../audit/audit.service.ts';
import type { Actor } from '../auth/principal.ts';
import type { DB } from '../db/types.ts';
import * as repo from './hazard-config.repository.ts';
import type { CategoryRow, SlaRow } from './hazard-config.repository.ts';
import { fieldList, type FieldSpec } from './hazard.fields.ts';
import { PRIORITIES, type Priority } from './hazard.workflow.ts';
import type { CategoryInput, SlaInput } from './hazards.schema.ts';

const slaView = (s: SlaRow | undefined) => (s ? { respond: s.respond, onSite: s.on_site, resolve: s.resolve, source: s.category === null ? 'default' : 'category' } : null);

export interface Category {
  code: string;
  name: string;
  eventClass: string;
  priority: Priority;
  points: number;
  fields: FieldSpec[];
  active: boolean;
  sort: number;
  /** The service level in force for each priority (the category's own, else the default). */
  sla: Record<Priority, ReturnType<typeof slaView>>;
}

export function toCategory(c: CategoryRow, sla: SlaRow[]): Category {
  const pick = (p: Priority) => sla.find((s) => s.category === c.code && s.priority === p) ?? sla.find((s) => s.category === null && s.priority === p);
  return {
    code: c.code,
    name: c.name,
    eventClass: c.event_class,
    priority: c.priority as Priority,
    points: c.points,
    fields: fieldList.parse(c.fields),
    active: c.active,
    sort: c.sort,
    sla: Object.fromEntries(PRIORITIES.map((p) => [p, slaView(pick(p))])) as Category['sla'],
  };
}

export async function categories(db: Kysely<DB>, activeOnly = true): Promise<Category[]> {
  const [cats, sla] = [await repo.listCategories(db, activeOnly), await repo.listSla(db)];
  return cats.map((c) => toCategory(c, sla));
}

export async function category(db: Kysely<DB>, code: string): Promise<Category | null> {
  const c = await repo.findCategory(db, code);
  return c ? toCategory(c, await repo.listSla(db)) : null;
}

/** Creates or replaces a category; `sla` entries override the defaults per priority (null removes one). */
export async function saveCategory(db: Kysely<DB>, actor: Actor, code: string, input: CategoryInput) {
  await db.transaction().execute(async (trx) => {
    await repo.upsertCategory(trx, { code, name: input.name, event_class: input.eventClass, priority: input.priority, points: input.points, fields: input.fields, active: input.active, sort: input.sort }, actor.at);
    for (const [p, spec] of Object.entries(input.sla ?? {})) await repo.setSla(trx, code, p, spec ?? null);
    await record(trx, actor, { action: 'hazards.configure', targetType: 'hazard_category', targetId: code, details: { ...input } });
  });
  return (await category(db, code))!;
}

/** The default service level of a priority (categories without their own use it). */
export async function saveDefaultSla(db: Kysely<DB>, actor: Actor, priority: Priority, spec: SlaInput) {
  await db.transaction().execute(async (trx) => {
    await repo.setSla(trx, null, priority, spec);
    await record(trx, actor, { action: 'hazards.configure', targetType: 'hazard_sla', targetId: priority, details: { ...spec } });
  });
  return { priority, ...spec };
}
