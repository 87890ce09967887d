/**
 * Foundation schema: the five-level hierarchy, buildings, walking network, places, base map.
 * Frozen: never edit after it has shipped; add a new migration instead. Imports no app code.
 * Uses only what PostgreSQL 15 + PostGIS 3.3 (Debian) and PostgreSQL 18 + PostGIS 3.6 (PGlite) both have.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists postgis`.execute(db);
  await sql.raw(`
    create table areas (
      id serial primary key,
      level text not null check (level in ('street','community','grid','unit')),
      code text not null unique check (code ~ '^[0-9]{9,}$'),
      name text not null check (length(name) between 1 and 200),
      parent_id int references areas(id) on delete restrict,
      geom geometry(MultiPolygon, 4326) not null,
      households int not null default 0,
      population int not null default 0,
      units int not null default 0,
      created_at timestamptz not null default now(),
      constraint areas_root_is_street check ((level = 'street') = (parent_id is null))
    );
    create index areas_geom_gix on areas using gist (geom);
    create index areas_parent_idx on areas (parent_id);
    create index areas_level_idx on areas (level);

    create table buildings (
      id serial primary key,
      ref text not null unique,
      osm_id bigint,
      name text,
      use text not null,
      floors int not null check (floors >= 1),
      height_m real,
      households int not null default 0 check (households >= 0),
      address text,
      unit_id int references areas(id) on delete set null,
      geom geometry(MultiPolygon, 4326) not null
    );
    create index buildings_geom_gix on buildings using gist (geom);

    create table households (
      id serial primary key,
      code text not null unique,
      unit_id int not null references areas(id) on delete restrict,
      building_id int references buildings(id) on delete set null,
      room text,
      size int not null check (size between 1 and 30)
    );
    create index households_unit_idx on households (unit_id);

    -- Personal data (PIPL): members, phones and special groups. Never exposed by the foundation API.
    create table household_members (
      id serial primary key,
      household_id int not null references households(id) on delete cascade,
      name text not null,
      relation text not null,
      birth_year int,
      phone text,
      groups text[] not null default '{}'
    );
    create index household_members_household_idx on household_members (household_id);

    create table responsible_people (
      id serial primary key,
      area_id int not null references areas(id) on delete cascade,
      role text not null check (role in ('grid_leader','grid_worker','party_secretary','building_leader','central_household')),
      name text not null,
      phone text,
      household_id int references households(id) on delete set null
    );
    create index responsible_people_area_idx on responsible_people (area_id);

    create table central_household_links (
      person_id int not null references responsible_people(id) on delete cascade,
      household_id int not null references households(id) on delete cascade,
      primary key (person_id, household_id)
    );

    create table road_edges (
      id int primary key,
      osm_id bigint,
      highway text not null,
      name text,
      walkable boolean not null,
      bridge boolean not null default false,
      tunnel boolean not null default false,
      length_m double precision not null check (length_m >= 0),
      source int not null,
      target int not null,
      geom geometry(LineString, 4326) not null
    );
    create index road_edges_geom_gix on road_edges using gist (geom);

    create table places (
      id serial primary key,
      ref text unique,
      kind text not null,
      name text not null,
      osm_id bigint,
      opening_hours text,
      floor int not null default 1,
      lift boolean not null default false,
      step_free boolean not null default true,
      services text[] not null default '{}',
      anchor text,
      geom geometry(Point, 4326) not null
    );
    create index places_geom_gix on places using gist (geom);

    create table pois (
      id serial primary key,
      osm_id bigint,
      kind text not null,
      name text,
      geom geometry(Point, 4326) not null
    );
    create index pois_geom_gix on pois using gist (geom);

    create table spaces (
      id serial primary key,
      ref text unique,
      kind text not null,
      subkind text,
      name text not null,
      area_m2 double precision check (area_m2 > 0 and area_m2 < 100000),
      floor int not null default 1,
      lift boolean not null default false,
      step_free boolean not null default false,
      status text not null,
      building_id int references buildings(id) on delete set null,
      geom geometry(Point, 4326) not null
    );
    create index spaces_geom_gix on spaces using gist (geom);

    create table hazards (
      id serial primary key,
      ref text unique,
      category text not null,
      description text not null,
      status text not null,
      reported_at timestamptz not null,
      geom geometry(Point, 4326) not null
    );
    create index hazards_geom_gix on hazards using gist (geom);

    create table entrances (
      id serial primary key,
      osm_id bigint,
      building_id int references buildings(id) on delete set null,
      name text,
      geom geometry(Point, 4326) not null
    );

    create table basemap_features (
      id serial primary key,
      layer text not null,
      kind text,
      name text,
      geom geometry(Geometry, 4326) not null
    );
    create index basemap_features_geom_gix on basemap_features using gist (geom);
  `).execute(db);

  // Totals: a unit counts its households; every other area sums its children.
  // Kept exact by statement triggers with transition tables, so bulk loads stay cheap.
  await sql.raw(`
    create function refresh_area_totals(ids int[]) returns void language plpgsql as $fn$
    declare cur int[] := ids;
    begin
      while cur is not null and array_length(cur, 1) > 0 loop
        update areas a set households = s.hh, population = s.pop, units = s.un
        from (
          select p.id,
            case when p.level = 'unit' then (select count(*) from households h where h.unit_id = p.id)
                 else (select coalesce(sum(c.households), 0) from areas c where c.parent_id = p.id) end::int as hh,
            case when p.level = 'unit' then (select coalesce(sum(h.size), 0) from households h where h.unit_id = p.id)
                 else (select coalesce(sum(c.population), 0) from areas c where c.parent_id = p.id) end::int as pop,
            case when p.level = 'unit' then 1
                 else (select coalesce(sum(c.units), 0) from areas c where c.parent_id = p.id) end::int as un
          from areas p where p.id = any(cur)
        ) s
        where a.id = s.id and (a.households, a.population, a.units) is distinct from (s.hh, s.pop, s.un);
        cur := array(select distinct parent_id from areas where id = any(cur) and parent_id is not null);
      end loop;
    end $fn$;

    create function households_totals_ins() returns trigger language plpgsql as $fn$
    begin perform refresh_area_totals(array(select distinct unit_id from new_rows)); return null; end $fn$;
    create function households_totals_del() returns trigger language plpgsql as $fn$
    begin perform refresh_area_totals(array(select distinct unit_id from old_rows)); return null; end $fn$;
    create function households_totals_upd() returns trigger language plpgsql as $fn$
    begin perform refresh_area_totals(array(select unit_id from new_rows union select unit_id from old_rows)); return null; end $fn$;
    create trigger households_totals_ins after insert on households referencing new table as new_rows
      for each statement execute function households_totals_ins();
    create trigger households_totals_del after delete on households referencing old table as old_rows
      for each statement execute function households_totals_del();
    create trigger households_totals_upd after update on households referencing old table as old_rows new table as new_rows
      for each statement execute function households_totals_upd();

    create function areas_totals_ins() returns trigger language plpgsql as $fn$
    begin perform refresh_area_totals(array(select id from new_rows)); return null; end $fn$;
    create function areas_totals_mv() returns trigger language plpgsql as $fn$
    begin perform refresh_area_totals(array(
      select o.parent_id from old_rows o join new_rows n on n.id = o.id
        where o.parent_id is distinct from n.parent_id and o.parent_id is not null
      union select n.parent_id from old_rows o join new_rows n on n.id = o.id
        where o.parent_id is distinct from n.parent_id and n.parent_id is not null)); return null; end $fn$;
    create function areas_totals_del() returns trigger language plpgsql as $fn$
    begin perform refresh_area_totals(array(select parent_id from old_rows where parent_id is not null)); return null; end $fn$;
    create trigger areas_totals_ins after insert on areas referencing new table as new_rows
      for each statement execute function areas_totals_ins();
    create trigger areas_totals_upd after update on areas referencing old table as old_rows new table as new_rows
      for each statement execute function areas_totals_mv();
    create trigger areas_totals_del after delete on areas referencing old table as old_rows
      for each statement execute function areas_totals_del();

    -- A household belongs to a unit, never to a grid or community.
    create function households_unit_check() returns trigger language plpgsql as $fn$
    begin
      if (select level from areas where id = new.unit_id) is distinct from 'unit' then
        raise exception 'household % must belong to a unit, area % is not one', new.code, new.unit_id
          using errcode = '23514';
      end if;
      return new;
    end $fn$;
    create trigger households_unit_check before insert or update of unit_id on households
      for each row execute function households_unit_check();

    -- Hierarchy integrity, checked at commit so a multi-step rewrite can pass through odd states:
    -- parent one level up, inside the parent, no overlap with siblings (tolerance 1 m²).
    create function areas_integrity() returns trigger language plpgsql as $fn$
    declare me record; par record; other record;
    begin
      select id, level, code, parent_id, geom into me from areas where id = new.id;
      if not found then return null; end if;
      if me.parent_id is not null then
        select level, code, geom into par from areas where id = me.parent_id;
        if par.level is distinct from (case me.level when 'community' then 'street' when 'grid' then 'community' when 'unit' then 'grid' end) then
          raise exception 'area % (%) cannot have parent % (%)', me.code, me.level, par.code, par.level using errcode = '23514';
        end if;
        if not ST_CoveredBy(me.geom, par.geom)
           and ST_Area(ST_Difference(me.geom, par.geom)::geography) > 1 then
          raise exception 'area % lies partly outside its parent %', me.code, par.code using errcode = '23514';
        end if;
      end if;
      select a.code into other from areas a
        where a.parent_id is not distinct from me.parent_id and a.id <> me.id and a.level = me.level
          and a.geom && me.geom and ST_Relate(a.geom, me.geom, '2********')
          and ST_Area(ST_Intersection(a.geom, me.geom)::geography) > 1
        limit 1;
      if found then
        raise exception 'area % overlaps its sibling %', me.code, other.code using errcode = '23514';
      end if;
      return null;
    end $fn$;
    create constraint trigger areas_integrity after insert or update of geom, parent_id on areas
      deferrable initially deferred for each row execute function areas_integrity();
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists basemap_features, entrances, hazards, spaces, pois, places, road_edges,
      central_household_links, responsible_people, household_members, households, buildings, areas cascade;
    drop function if exists areas_integrity, households_unit_check, areas_totals_del, areas_totals_mv,
      areas_totals_ins, households_totals_upd, households_totals_del, households_totals_ins, refresh_area_totals;
  `).execute(db);
}
