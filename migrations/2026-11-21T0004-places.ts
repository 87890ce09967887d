/**
 * Places (issue 6): contact, capacity, photos, the area a place serves, optimistic concurrency
 * (`version`), an append-only history of every edit; bookable rooms with bookings that never
 * overlap (exclusion constraint over a time range, btree_gist); activities whose registrations
 * never exceed their capacity (the activity row is locked while counting) with a waiting list.
 * Frozen once shipped; imports no app code. Same SQL on PostgreSQL 15 + PostGIS 3.3 and PGlite.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists btree_gist`.execute(db);
  await sql.raw(`
    alter table places
      add column contact text check (length(contact) <= 100),
      add column capacity int check (capacity between 0 and 100000),
      add column photos text[] not null default '{}' check (cardinality(photos) <= 20),
      add column area_id int references areas(id) on delete set null,
      add column updated_at timestamptz not null default now(),
      add column updated_by int references users(id),
      add column version int not null default 1 check (version >= 1);
    create index places_area_idx on places (area_id);

    -- The area a place serves defaults to the grid it stands in (else the community, the street).
    create function places_default_area() returns trigger language plpgsql as $fn$
    begin
      if new.area_id is null then
        select a.id into new.area_id from areas a
        where ST_Intersects(a.geom, new.geom) and a.level in ('grid', 'community', 'street')
        order by case a.level when 'grid' then 0 when 'community' then 1 else 2 end, a.id limit 1;
      end if;
      return new;
    end $fn$;
    create trigger places_default_area before insert on places
      for each row execute function places_default_area();
    update places p set area_id = (
      select a.id from areas a where ST_Intersects(a.geom, p.geom) and a.level in ('grid', 'community', 'street')
      order by case a.level when 'grid' then 0 when 'community' then 1 else 2 end, a.id limit 1);

    -- No overwrite: every update appends the row it replaces (geometry as GeoJSON) and bumps the version.
    create table place_history (
      id bigserial primary key,
      place_id int not null references places(id),
      version int not null,
      row jsonb not null,
      replaced_at timestamptz not null default now(),
      unique (place_id, version)
    );
    create function places_keep_history() returns trigger language plpgsql as $fn$
    begin
      insert into place_history (place_id, version, row) values (old.id, old.version, to_jsonb(old));
      new.version := old.version + 1;
      new.updated_at := now();
      return new;
    end $fn$;
    create trigger places_keep_history before update on places
      for each row execute function places_keep_history();
    create function place_history_append_only() returns trigger language plpgsql as $fn$
    begin
      raise exception 'place_history is append-only: % refused', tg_op using errcode = '42501';
    end $fn$;
    create trigger place_history_no_change before update or delete on place_history
      for each row execute function place_history_append_only();

    create table rooms (
      id serial primary key,
      place_id int not null references places(id),
      name text not null check (length(name) between 1 and 100),
      capacity int not null check (capacity between 1 and 10000),
      created_at timestamptz not null default now(),
      unique (place_id, name)
    );

    -- A slot is [start, end); two active bookings of one room never overlap, whatever arrives when.
    create table bookings (
      id serial primary key,
      room_id int not null references rooms(id),
      user_id int not null references users(id),
      during tstzrange not null check (lower(during) is not null and upper(during) is not null and not isempty(during)),
      purpose text check (length(purpose) <= 200),
      status text not null default 'active' check (status in ('active', 'cancelled')),
      created_at timestamptz not null default now(),
      cancelled_at timestamptz,
      cancelled_by int references users(id),
      constraint bookings_no_overlap exclude using gist (room_id with =, during with &&) where (status = 'active')
    );
    create index bookings_user_idx on bookings (user_id, lower(during));

    -- Cancelling is a status change; a booking is never deleted or moved.
    create function bookings_cancel_only() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'DELETE' then
        raise exception 'booking % cannot be deleted, cancel it', old.id using errcode = '23514';
      end if;
      if old.status <> 'active' or new.status <> 'cancelled'
         or (new.room_id, new.user_id, new.during, new.purpose, new.created_at)
            is distinct from (old.room_id, old.user_id, old.during, old.purpose, old.created_at) then
        raise exception 'booking % can only be cancelled, once', old.id using errcode = '23514';
      end if;
      return new;
    end $fn$;
    create trigger bookings_cancel_only before update or delete on bookings
      for each row execute function bookings_cancel_only();

    create table activities (
      id serial primary key,
      place_id int not null references places(id),
      room_id int references rooms(id),
      booking_id int references bookings(id),
      title text not null check (length(title) between 1 and 200),
      description text check (length(description) <= 4000),
      during tstzrange not null check (lower(during) is not null and upper(during) is not null and not isempty(during)),
      capacity int not null check (capacity between 1 and 100000),
      created_by int references users(id),
      created_at timestamptz not null default now()
    );
    create index activities_place_idx on activities (place_id, lower(during));

    create table registrations (
      id serial primary key,
      activity_id int not null references activities(id),
      user_id int not null references users(id),
      status text not null check (status in ('registered', 'waitlisted', 'cancelled')),
      created_at timestamptz not null default now(),
      promoted_at timestamptz,
      cancelled_at timestamptz
    );
    create unique index registrations_one_per_user on registrations (activity_id, user_id) where status <> 'cancelled';
    create index registrations_queue_idx on registrations (activity_id, status, id);
    create index registrations_user_idx on registrations (user_id);

    -- Never over capacity, even if a writer forgets to lock: the activity row is locked while counting.
    create function registrations_within_capacity() returns trigger language plpgsql as $fn$
    declare cap int; taken int;
    begin
      if new.status = 'registered' and (tg_op = 'INSERT' or old.status <> 'registered') then
        select capacity into cap from activities where id = new.activity_id for update;
        select count(*) into taken from registrations where activity_id = new.activity_id and status = 'registered' and id <> new.id;
        if taken >= cap then
          raise exception 'activity % is full (% places)', new.activity_id, cap using errcode = '23514';
        end if;
      end if;
      return new;
    end $fn$;
    create trigger registrations_within_capacity before insert or update on registrations
      for each row execute function registrations_within_capacity();
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists registrations, activities, bookings, rooms, place_history cascade;
    drop trigger if exists places_keep_history on places;
    drop trigger if exists places_default_area on places;
    drop function if exists registrations_within_capacity, bookings_cancel_only, place_history_append_only,
      places_keep_history, places_default_area;
    alter table places drop column if exists contact, drop column if exists capacity, drop column if exists photos,
      drop column if exists area_id, drop column if exists updated_at, drop column if exists updated_by,
      drop column if exists version;
  `).execute(db);
}
