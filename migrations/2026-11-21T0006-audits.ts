/**
 * 两房一共 audits (issue 5): compounds (小区), the foundation's `spaces` carried forward as the audit
 * inventory (compound, footprint, declared `area_m2` and measured area, owner/custodian, current use,
 * occupant, version, the campaign stage it is at, the place it became), audit campaigns and their
 * four steps, residents' leads, uploaded photos and documents (bytea), an append-only history per
 * space (corrections are new rows pointing at the corrected one) and an append-only income ledger
 * per compound.
 *
 * `audits_derive_compounds()` makes one compound per grid (DOMAIN.md: a grid is often a 小区) for
 * grids that have none, named after the OSM residential landuse it overlaps most, attaches spaces
 * without a compound to the compound containing them and starts the history of spaces that have
 * none with a `register` entry. The dataset loader calls it too.
 * Frozen once shipped; imports no app code. Same SQL on PostgreSQL 15 + PostGIS 3.3 and PGlite.
 */
import { sql, type Kysely } from 'kysely';

const KINDS = `'community_service_room','property_room','idle_space','reclaimed_housing','other'`;
const STATUSES = `'registered','under_audit','occupied','idle','missing','reclaimed','converted','in_use'`;
const STEPS = `'register','edit','agree','lead','inspection','finding','conversion'`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table compounds (
      id serial primary key,
      ref text unique,
      name text not null check (length(name) between 1 and 100),
      type text not null check (type in ('commercial','old','resettlement')),
      property_company text check (length(property_company) <= 100),
      owners_committee text check (length(owners_committee) <= 100),
      total_floor_area_m2 double precision not null check (total_floor_area_m2 >= 0 and total_floor_area_m2 <= 10000000),
      above_ground_area_m2 double precision check (above_ground_area_m2 >= 0 and above_ground_area_m2 <= 10000000),
      pm_rule text not null default 'p2_min80' check (pm_rule ~ '^[a-z0-9_]{2,30}$'),
      community_id int not null references areas(id),
      geom geometry(MultiPolygon, 4326) not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index compounds_geom_gix on compounds using gist (geom);
    create index compounds_community_idx on compounds (community_id);

    create table audit_campaigns (
      id serial primary key,
      name text not null check (length(name) between 1 and 100),
      area_id int not null references areas(id),
      participants jsonb not null default '[]' check (jsonb_typeof(participants) = 'array'),
      starts_on date not null,
      ends_on date not null,
      status text not null default 'open' check (status in ('open','closed')),
      created_by int references users(id),
      created_at timestamptz not null default now(),
      check (ends_on >= starts_on)
    );
    create index audit_campaigns_area_idx on audit_campaigns (area_id, status);

    update spaces set status = 'registered' where status not in (${STATUSES});
    update spaces set kind = 'other' where kind not in (${KINDS});
    alter table spaces
      add constraint spaces_kind_check check (kind in (${KINDS})),
      add constraint spaces_status_check check (status in (${STATUSES})),
      add column compound_id int references compounds(id),
      add column footprint geometry(MultiPolygon, 4326),
      add column measured_area_m2 double precision check (measured_area_m2 > 0 and measured_area_m2 < 100000),
      add column owner text check (length(owner) <= 100),
      add column custodian text check (length(custodian) <= 100),
      add column current_use text check (length(current_use) <= 200),
      add column occupant text check (length(occupant) <= 100),
      add column campaign_id int references audit_campaigns(id),
      add column audit_stage text check (audit_stage in ('agreed','inspected','found')),
      add column place_id int unique references places(id),
      add column created_at timestamptz not null default now(),
      add column updated_at timestamptz not null default now(),
      add column version int not null default 1 check (version >= 1);
    create index spaces_compound_idx on spaces (compound_id);
    create index spaces_campaign_idx on spaces (campaign_id);

    create table audit_leads (
      id serial primary key,
      campaign_id int not null references audit_campaigns(id),
      geom geometry(Point, 4326) not null,
      description text not null check (length(description) between 1 and 2000),
      contact text check (length(contact) <= 100),
      reporter_id int references users(id),
      submitted_at timestamptz not null,
      status text not null default 'new' check (status in ('new','accepted','rejected','duplicate')),
      space_id int references spaces(id),
      triaged_by int references users(id),
      triaged_at timestamptz,
      triage_note text check (length(triage_note) <= 2000)
    );
    create index audit_leads_campaign_idx on audit_leads (campaign_id, status);

    -- Each step is an appended row (who, when, what, evidence); a correction points at the row it corrects.
    create table space_events (
      id bigserial primary key,
      space_id int not null references spaces(id),
      campaign_id int references audit_campaigns(id),
      step text not null check (step in (${STEPS})),
      at timestamptz not null,
      actor_id int references users(id),
      actor_name text,
      status_from text,
      status_to text,
      data jsonb not null default '{}' check (jsonb_typeof(data) = 'object'),
      evidence int[] not null default '{}',
      corrects bigint references space_events(id),
      note text check (length(note) <= 2000)
    );
    create index space_events_space_idx on space_events (space_id, id);
    create index space_events_step_idx on space_events (step, at);
    create index space_events_corrects_idx on space_events (corrects) where corrects is not null;

    create function audits_append_only() returns trigger language plpgsql as $fn$
    begin
      raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = '42501';
    end $fn$;
    create trigger space_events_no_change before update or delete on space_events
      for each row execute function audits_append_only();

    -- Photos (JPEG, re-encoded) and documents (PDF), uploaded first and attached by token.
    create table audit_files (
      id serial primary key,
      upload_hash text not null unique,
      kind text not null check (kind in ('photo','document')),
      mime text not null check (mime in ('image/jpeg','application/pdf')),
      width int,
      height int,
      bytes int not null check (bytes > 0),
      sha256 text not null,
      data bytea not null,
      uploaded_at timestamptz not null,
      uploader_id int references users(id),
      space_id int references spaces(id),
      lead_id int references audit_leads(id),
      attached_at timestamptz
    );
    create index audit_files_space_idx on audit_files (space_id);
    create index audit_files_lead_idx on audit_files (lead_id);

    -- Public income (小区公共收益): yuan, append-only; a correction replaces the entry it points at.
    create table compound_income (
      id bigserial primary key,
      compound_id int not null references compounds(id),
      period date not null,
      category text not null check (category ~ '^[a-z_]{2,30}$'),
      due_yuan numeric(14,2) not null default 0 check (due_yuan >= 0 and due_yuan < 1e11),
      collected_yuan numeric(14,2) not null default 0 check (collected_yuan >= 0 and collected_yuan < 1e11),
      arrears_recovered_yuan numeric(14,2) not null default 0 check (arrears_recovered_yuan >= 0 and arrears_recovered_yuan < 1e11),
      spent_yuan numeric(14,2) not null default 0 check (spent_yuan >= 0 and spent_yuan < 1e11),
      note text check (length(note) <= 500),
      corrects bigint unique references compound_income(id),
      recorded_by int references users(id),
      recorded_at timestamptz not null
    );
    create index compound_income_compound_idx on compound_income (compound_id, period);
    create trigger compound_income_no_change before update or delete on compound_income
      for each row execute function audits_append_only();

    create function audits_derive_compounds() returns int language plpgsql as $fn$
    declare n int;
    begin
      with g as (
        select a.id, a.code, a.name, a.parent_id, a.geom, row_number() over (order by a.code) as i
        from areas a where a.level = 'grid' and a.parent_id is not null
          and not exists (select 1 from compounds c where c.ref = 'grid:' || a.code)
      ), named as (
        select g.*, (select b.name from basemap_features b
          where b.layer = 'landuse' and b.kind = 'residential' and b.name is not null and b.geom && g.geom
            and ST_Intersects(b.geom, g.geom)
          order by ST_Area(ST_Intersection(ST_MakeValid(b.geom), g.geom)) desc, b.id limit 1) as osm_name
        from g
      ), titled as (
        select n.*, case when n.osm_name is null
            then (select regexp_replace(cm.name, '社区$', '') from areas cm where cm.id = n.parent_id) || regexp_replace(n.name, '网格$', '') || '小区'
            else n.osm_name || case when row_number() over (partition by n.osm_name order by n.code) > 1
              then '(' || row_number() over (partition by n.osm_name order by n.code) || ')' else '' end end as title
        from named n
      ), fa as (
        select n.id, coalesce(sum(ST_Area(b.geom::geography) * b.floors), 0) as floor_m2
        from named n left join buildings b on b.geom && n.geom and ST_Intersects(n.geom, ST_PointOnSurface(b.geom))
          and b.use in ('residential', 'apartments', 'house', 'yes')
        group by n.id
      )
      insert into compounds (ref, name, type, property_company, owners_committee, total_floor_area_m2,
        above_ground_area_m2, community_id, geom)
      select 'grid:' || n.code,
        n.title,
        case when n.osm_name is not null then 'old' when n.i % 3 = 0 then 'resettlement' else 'commercial' end,
        case when n.osm_name is not null and n.i % 2 = 0 then null
             else (array['浦江物业','东方物业','陆家嘴物业','外滩物业','申城物业'])[1 + (n.i % 5)::int] end,
        case when n.i % 4 = 0 then null else n.title || '业主委员会' end,
        round(fa.floor_m2::numeric, 0), round((fa.floor_m2 * 0.9)::numeric, 0), n.parent_id, n.geom
      from titled n join fa on fa.id = n.id
      order by n.code;
      get diagnostics n = row_count;
      update spaces s set compound_id = (select c.id from compounds c where c.geom && s.geom and ST_Covers(c.geom, s.geom) order by c.id limit 1)
      where s.compound_id is null;
      -- Spaces loaded from a dataset start their history with a register entry.
      insert into space_events (space_id, step, at, status_to, data)
      select s.id, 'register', now(), s.status, jsonb_build_object('source', 'dataset', 'ref', s.ref, 'areaM2', s.area_m2)
      from spaces s where not exists (select 1 from space_events e where e.space_id = s.id) order by s.id;
      return n;
    end $fn$;
    select audits_derive_compounds();
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists compound_income, audit_files, space_events, audit_leads cascade;
    alter table spaces
      drop constraint if exists spaces_kind_check, drop constraint if exists spaces_status_check,
      drop column if exists compound_id, drop column if exists footprint, drop column if exists measured_area_m2,
      drop column if exists owner, drop column if exists custodian, drop column if exists current_use,
      drop column if exists occupant, drop column if exists campaign_id, drop column if exists audit_stage,
      drop column if exists place_id, drop column if exists created_at, drop column if exists updated_at,
      drop column if exists version;
    drop table if exists audit_campaigns, compounds cascade;
    drop function if exists audits_derive_compounds, audits_append_only;
  `).execute(db);
}
