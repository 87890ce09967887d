/**
 * Grid planning (issue 8): drafts with append-only versions, published plan versions per community
 * with validity periods (old grids kept as snapshots), and the old → new crosswalk.
 *
 * The live map stays `areas`: a publish rewrites a community's grids in place (grids that continue
 * keep their row, the rest are inserted or deleted), so retired grids never sit next to live ones
 * and the deferred integrity trigger sees only the current plan. What was live before is kept in
 * plan_publication_grids with its version's valid_from/valid_to.
 * Frozen: never edit after it has shipped. Imports no app code. PostgreSQL 15 + PostGIS 3.3 compatible.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table plan_drafts (
      id serial primary key,
      -- A community or a whole street.
      scope_area_id int not null references areas(id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      status text not null default 'open' check (status in ('open','published','archived')),
      head_version int not null default 1,
      created_by int references users(id),
      created_at timestamptz not null default now()
    );
    create index plan_drafts_scope_idx on plan_drafts (scope_area_id, id);

    -- Append-only: every save, proposal or import is a new version; nothing is updated in place.
    create table plan_draft_versions (
      draft_id int not null references plan_drafts(id) on delete cascade,
      version int not null check (version >= 1),
      -- Unit id (text key) → grid label; units without a grid are absent.
      assignments jsonb not null,
      locked jsonb not null default '[]',
      source text not null check (source in ('init','save','propose','import','rollback')),
      note text,
      author_id int references users(id),
      created_at timestamptz not null default now(),
      primary key (draft_id, version)
    );

    -- One row per published plan of a community; the live one has valid_to null.
    create table plan_publications (
      id serial primary key,
      community_id int not null references areas(id) on delete cascade,
      version int not null check (version >= 1),
      kind text not null check (kind in ('baseline','publish','rollback')),
      draft_id int references plan_drafts(id) on delete set null,
      draft_version int,
      rollback_of int,
      -- Written reasons for grids published outside the band: grid code → text.
      reasons jsonb not null default '{}',
      published_by int references users(id),
      valid_from timestamptz,
      valid_to timestamptz,
      unique (community_id, version)
    );
    create unique index plan_publications_live_key on plan_publications (community_id) where valid_to is null;

    -- The grids of each published version, as they were (kept after they are retired).
    create table plan_publication_grids (
      publication_id int not null references plan_publications(id) on delete cascade,
      area_id int,
      code text not null,
      name text not null,
      geom geometry(MultiPolygon, 4326) not null,
      households int not null,
      population int not null,
      units int not null,
      unit_ids int[] not null,
      unit_codes text[] not null,
      primary key (publication_id, code)
    );

    -- Old grid → new grid for everything that refers to a grid, per publication.
    create table plan_crosswalk (
      publication_id int not null references plan_publications(id) on delete cascade,
      subject text not null check (subject in ('grid','unit','household','responsible_person','hazard','role_grant','place')),
      subject_id int not null,
      old_code text,
      new_code text,
      old_grid_id int,
      old_grid_code text,
      new_grid_id int,
      new_grid_code text,
      moved boolean not null,
      needs_reassignment boolean not null default false,
      primary key (publication_id, subject, subject_id)
    );
    create index plan_crosswalk_new_grid_idx on plan_crosswalk (new_grid_id);

    alter table responsible_people add column needs_reassignment boolean not null default false;
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    alter table responsible_people drop column if exists needs_reassignment;
    drop table if exists plan_crosswalk, plan_publication_grids, plan_publications, plan_draft_versions, plan_drafts cascade;
  `).execute(db);
}
