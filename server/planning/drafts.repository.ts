/** Every query on plan drafts and their append-only versions. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/types.ts';

export interface DraftRow {
  id: number;
  scope_area_id: number;
  scope_level: string;
  scope_code: string;
  scope_name: string;
  name: string;
  status: 'open' | 'published' | 'archived';
  head_version: number;
  created_by: number | null;
  created_at: Date;
}

export interface VersionRow {
  draft_id: number;
  version: number;
  assignments: Record<string, string>;
  locked: string[];
  source: string;
  note: string | null;
  author_id: number | null;
  created_at: Date;
}

const DRAFT_COLS = sql`d.id, d.scope_area_id, a.level scope_level, a.code scope_code, a.name scope_name, d.name, d.status, d.head_version, d.created_by, d.created_at`;

export async function findDraft(db: Kysely<DB>, id: number, forUpdate = false): Promise<DraftRow | undefined> {
  const lock = forUpdate ? sql`for update of d` : sql``;
  return (await sql<DraftRow>`select ${DRAFT_COLS} from plan_drafts d join areas a on a.id = d.scope_area_id where d.id = ${id} ${lock}`.execute(db)).rows[0];
}

/** Drafts whose scope is the area, inside it (a street's communities) or above it (a community's street). */
export async function listDrafts(db: Kysely<DB>, areaId: number): Promise<DraftRow[]> {
  return (await sql<DraftRow>`select ${DRAFT_COLS} from plan_drafts d join areas a on a.id = d.scope_area_id
    where d.scope_area_id = ${areaId} or a.parent_id = ${areaId} order by d.id desc`.execute(db)).rows;
}

export async function insertDraft(db: Kysely<DB>, v: { scopeId: number; name: string; by: number | null }): Promise<number> {
  return (await sql<{ id: number }>`insert into plan_drafts (scope_area_id, name, created_by) values (${v.scopeId}, ${v.name}, ${v.by}) returning id`.execute(db)).rows[0].id;
}

export async function insertVersion(db: Kysely<DB>, v: { draftId: number; version: number; assignments: Record<string, string>; locked: string[]; source: string; note?: string | null; by: number | null }) {
  await sql`insert into plan_draft_versions (draft_id, version, assignments, locked, source, note, author_id)
    values (${v.draftId}, ${v.version}, ${JSON.stringify(v.assignments)}::jsonb, ${JSON.stringify(v.locked)}::jsonb, ${v.source}, ${v.note ?? null}, ${v.by})`.execute(db);
  await sql`update plan_drafts set head_version = ${v.version} where id = ${v.draftId}`.execute(db);
}

export async function findVersion(db: Kysely<DB>, draftId: number, version: number): Promise<VersionRow | undefined> {
  return (await sql<VersionRow>`select draft_id, version, assignments, locked, source, note, author_id, created_at
    from plan_draft_versions where draft_id = ${draftId} and version = ${version}`.execute(db)).rows[0];
}

export async function listVersions(db: Kysely<DB>, draftId: number) {
  return (await sql<{ version: number; source: string; note: string | null; author_id: number | null; author: string | null; created_at: Date; units: number }>`
    select v.version, v.source, v.note, v.author_id, u.username author, v.created_at,
      (select count(*) from jsonb_object_keys(v.assignments))::int units
    from plan_draft_versions v left join users u on u.id = v.author_id where v.draft_id = ${draftId} order by v.version desc`.execute(db)).rows;
}

export async function setStatus(db: Kysely<DB>, draftId: number, status: DraftRow['status']) {
  await sql`update plan_drafts set status = ${status} where id = ${draftId}`.execute(db);
}
