/** Categories and service levels (configuration tables of migration 0005). */
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

type Db = Kysely<DB>;

export interface CategoryRow {
  code: string;
  name: string;
  event_class: string;
  priority: string;
  points: number;
  fields: unknown;
  active: boolean;
  sort: number;
}

export interface SlaRow {
  category: string | null;
  priority: string;
  respond: string;
  on_site: string | null;
  resolve: string;
}

const COLS = ['code', 'name', 'event_class', 'priority', 'points', 'fields', 'active', 'sort'] as const;

export async function listCategories(db: Db, activeOnly: boolean): Promise<CategoryRow[]> {
  let q = db.selectFrom('hazard_categories').select(COLS).orderBy('sort').orderBy('code');
  if (activeOnly) q = q.where('active', '=', true);
  return q.execute();
}

export async function findCategory(db: Db, code: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('hazard_categories').select(COLS).where('code', '=', code).executeTakeFirst();
}

export async function listSla(db: Db): Promise<SlaRow[]> {
  return db.selectFrom('hazard_sla').select(['category', 'priority', 'respond', 'on_site', 'resolve']).orderBy('category').orderBy('priority').execute();
}

export async function upsertCategory(db: Db, c: CategoryRow, at: Date): Promise<void> {
  const values = { ...c, fields: JSON.stringify(c.fields), updated_at: at };
  await db
    .insertInto('hazard_categories')
    .values(values)
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: c.name, event_class: c.event_class, priority: c.priority, points: c.points, fields: values.fields, active: c.active, sort: c.sort, updated_at: at }))
    .execute();
}

/** Sets (or with `spec` null removes) the service level of a category × priority; category null = the default. */
export async function setSla(db: Db, category: string | null, priority: string, spec: { respond: string; onSite: string | null; resolve: string } | null): Promise<void> {
  let del = db.deleteFrom('hazard_sla').where('priority', '=', priority);
  del = category === null ? del.where('category', 'is', null) : del.where('category', '=', category);
  await del.execute();
  if (spec) await db.insertInto('hazard_sla').values({ category, priority, respond: spec.respond, on_site: spec.onSite, resolve: spec.resolve }).execute();
}
