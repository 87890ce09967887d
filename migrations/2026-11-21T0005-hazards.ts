/**
 * Hazard reports (issue 7): configurable categories mapped to the urban-management event classes
 * (市容环境, 宣传广告, 施工管理, 街面秩序, 突发事件, 其他), service levels per category and priority,
 * the foundation's `hazards` table carried forward (areas, priority, due times, projection of the
 * workflow), an append-only event log, photos, the points ledger (one credit per case), "me too",
 * flags and the anonymous-submission log for rate limits.
 *
 * SLA specs are text: `<n>m` and `<n>h` are elapsed minutes/hours; `<n>d` means "by 24:00
 * Asia/Shanghai of the n-th calendar day after the day of the report" (hazard_due below).
 * Frozen once shipped; imports no app code. Same SQL on PostgreSQL 15 + PostGIS 3.3 and PGlite.
 */
import { sql, type Kysely } from 'kysely';

const STATES = `'submitted','verified','rejected','duplicate','in_progress','escalated','resolved','closed','published'`;
const PRIORITIES = `'emergency','urgent','normal'`;
const SPEC = `~ '^[1-9][0-9]{0,4}[mhd]$'`;

const enumField = (key: string, label: string, required: boolean, options: [string, string][]) =>
  ({ key, label, type: 'enum', required, options: options.map(([value, l]) => ({ value, label: l })) });

// code, name, event class, priority, points, fields
const CATEGORIES: [string, string, string, string, number, unknown[]][] = [
  ['ebike_charging', '电动车违规充电', '突发事件', 'urgent', 10, [
    enumField('place', '位置', true, [['indoor', '室内'], ['corridor', '楼道/门厅'], ['outdoor', '室外']]),
    { key: 'floor', label: '楼层', type: 'integer', min: -5, max: 150, required: false },
    { key: 'flyingLead', label: '飞线充电', type: 'boolean', required: false },
  ]],
  ['fire_lane_blocked', '占用消防通道', '街面秩序', 'urgent', 10, [
    enumField('blockedBy', '占用物', true, [['vehicle', '机动车'], ['goods', '杂物'], ['structure', '构筑物'], ['other', '其他']]),
  ]],
  ['thrown_objects', '高空抛物', '突发事件', 'urgent', 15, [
    enumField('facade', '立面', true, [['east', '东立面'], ['south', '南立面'], ['west', '西立面'], ['north', '北立面']]),
    { key: 'seenAt', label: '发生时间', type: 'datetime', required: true },
    { key: 'injured', label: '有人受伤', type: 'boolean', required: false },
  ]],
  ['road_damage', '路面破损', '市容环境', 'normal', 5, [
    enumField('kind', '类型', false, [['pothole', '坑槽'], ['crack', '裂缝'], ['manhole', '井盖缺损'], ['sinkage', '沉陷']]),
    { key: 'areaM2', label: '面积(m²)', type: 'number', min: 0, max: 100000, required: false },
  ]],
  ['broken_facility', '公共设施损坏', '市容环境', 'normal', 5, [
    enumField('facility', '设施', true, [['bin', '垃圾桶'], ['light', '路灯'], ['railing', '护栏'], ['bench', '座椅'], ['fitness', '健身器材'], ['other', '其他']]),
  ]],
  ['dark_stairwell', '楼道照明损坏', '市容环境', 'normal', 5, [
    { key: 'floor', label: '楼层', type: 'integer', min: -5, max: 150, required: false },
  ]],
  ['illegal_construction', '私搭乱建', '施工管理', 'normal', 10, [
    enumField('stage', '状态', true, [['ongoing', '在建'], ['completed', '已建成']]),
    { key: 'floor', label: '楼层', type: 'integer', min: -5, max: 150, required: false },
  ]],
  ['disorderly_parking', '车辆乱停放', '街面秩序', 'normal', 3, [
    enumField('vehicle', '车辆', true, [['car', '汽车'], ['ebike', '电动车'], ['bicycle', '自行车'], ['shared_bike', '共享单车']]),
  ]],
  ['other', '其他', '其他', 'normal', 2, []],
];

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table hazard_categories (
      code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      name text not null check (length(name) between 1 and 50),
      event_class text not null check (event_class in ('市容环境','宣传广告','施工管理','街面秩序','突发事件','其他')),
      priority text not null default 'normal' check (priority in (${PRIORITIES})),
      points int not null default 0 check (points between 0 and 1000),
      fields jsonb not null default '[]' check (jsonb_typeof(fields) = 'array'),
      active boolean not null default true,
      sort int not null default 100,
      updated_at timestamptz not null default now()
    );

    -- A row with category null is the default for its priority; a category row overrides it.
    create table hazard_sla (
      id serial primary key,
      category text references hazard_categories(code) on delete cascade,
      priority text not null check (priority in (${PRIORITIES})),
      respond text not null check (respond ${SPEC}),
      on_site text check (on_site ${SPEC}),
      resolve text not null check (resolve ${SPEC})
    );
    create unique index hazard_sla_key on hazard_sla (coalesce(category, ''), priority);

    create function hazard_due(t timestamptz, spec text) returns timestamptz language sql stable as $fn$
      select case
        when t is null or spec is null then null
        when spec like '%m' then t + make_interval(mins => left(spec, -1)::int)
        when spec like '%h' then t + make_interval(hours => left(spec, -1)::int)
        else (date_trunc('day', t at time zone 'Asia/Shanghai') + make_interval(days => left(spec, -1)::int + 1)) at time zone 'Asia/Shanghai'
      end
    $fn$;
  `).execute(db);

  const cats = CATEGORIES.map(([code, name, cls, prio, pts, fields], i) =>
    `(${lit(code)}, ${lit(name)}, ${lit(cls)}, ${lit(prio)}, ${pts}, ${lit(JSON.stringify(fields))}::jsonb, ${(i + 1) * 10})`).join(',\n');
  await sql.raw(`
    insert into hazard_categories (code, name, event_class, priority, points, fields, sort) values ${cats};
    insert into hazard_sla (category, priority, respond, on_site, resolve) values
      (null, 'emergency', '1m', '5m', '1d'),
      (null, 'urgent', '30m', '2h', '1d'),
      (null, 'normal', '4h', '1d', '5d'),
      ('fire_lane_blocked', 'urgent', '15m', '1h', '1d'),
      ('thrown_objects', 'urgent', '10m', '30m', '1d'),
      ('illegal_construction', 'normal', '1d', '3d', '30d');
    -- Categories already in the table (older data) are kept, as 其他.
    insert into hazard_categories (code, name, event_class, sort)
      select distinct h.category, h.category, '其他', 900 from hazards h
      where h.category ~ '^[a-z][a-z0-9_]{1,39}$' on conflict do nothing;
  `).execute(db);

  await sql.raw(`
    alter table hazards
      alter column status set default 'submitted',
      add constraint hazards_status_check check (status in (${STATES})),
      add constraint hazards_category_fkey foreign key (category) references hazard_categories(code),
      add column priority text check (priority in (${PRIORITIES})),
      add column details jsonb not null default '{}',
      add column source text not null default 'import' check (source in ('web','open311','import')),
      add column building_id int references buildings(id) on delete set null,
      add column unit_id int references areas(id) on delete set null,
      add column grid_id int references areas(id) on delete set null,
      add column community_id int references areas(id) on delete set null,
      add column street_id int references areas(id) on delete set null,
      -- Private: never in a public view.
      add column reporter_id int references users(id),
      add column contact_name text check (length(contact_name) <= 50),
      add column contact_phone text check (contact_phone ~ '^\\+?[0-9]{5,20}$'),
      -- SHA-256 of the follow-up token; the token itself is shown once, to the reporter.
      add column follow_hash text unique,
      -- Projection of hazard_events (the log is the record; these columns make lists fast).
      add column duplicate_of int references hazards(id),
      add column escalation_level text check (escalation_level in ('community','street','department')),
      add column agency text,
      add column respond_due_at timestamptz,
      add column on_site_due_at timestamptz,
      add column resolve_due_at timestamptz,
      add column responded_at timestamptz,
      add column on_site_at timestamptz,
      add column escalated_at timestamptz,
      add column resolved_at timestamptz,
      add column closed_at timestamptz,
      add column published_at timestamptz,
      -- The last change of state (Open311 updated_datetime); notes and moderation do not count.
      add column updated_at timestamptz,
      add column me_too int not null default 0,
      add column flags int not null default 0,
      add column hidden boolean not null default false,
      add column moderated_at timestamptz;
    update hazards h set priority = c.priority from hazard_categories c where c.code = h.category;
    update hazards set updated_at = reported_at;
    create index hazards_grid_idx on hazards (grid_id, status);
    create index hazards_community_idx on hazards (community_id, status);
    create index hazards_street_idx on hazards (street_id, status);
    create index hazards_reported_idx on hazards (reported_at);
    create index hazards_reporter_idx on hazards (reporter_id) where reporter_id is not null;
    create index hazards_flagged_idx on hazards (flags) where flags > 0 or hidden;

    -- Areas from the location (grid containing it, else the nearest grid within 30 m), priority
    -- from the category, due times from the service level of category × priority.
    create function hazards_before_write() returns trigger language plpgsql as $fn$
    declare s record;
    begin
      if tg_op = 'INSERT' then
        if new.source = 'import' then
          -- A dataset may bring a category we do not know yet: keep it, as 其他, for an admin to map.
          insert into hazard_categories (code, name, event_class, sort) values (new.category, new.category, '其他', 900)
          on conflict do nothing;
        end if;
        new.updated_at := coalesce(new.updated_at, new.reported_at);
        if new.priority is null then
          select c.priority into new.priority from hazard_categories c where c.code = new.category;
        end if;
        if new.grid_id is null then
          select a.id into new.grid_id from areas a where a.level = 'grid' and ST_Intersects(a.geom, new.geom) order by a.id limit 1;
        end if;
        if new.grid_id is null then
          select a.id into new.grid_id from areas a
          where a.level = 'grid' and a.geom && ST_Expand(new.geom, 0.0006)
            and ST_DWithin(a.geom::geography, new.geom::geography, 30)
          order by ST_Distance(a.geom::geography, new.geom::geography), a.id limit 1;
        end if;
        if new.grid_id is not null then
          if new.unit_id is null then
            select a.id into new.unit_id from areas a where a.parent_id = new.grid_id and ST_Intersects(a.geom, new.geom) order by a.id limit 1;
          end if;
          select g.parent_id, c.parent_id into new.community_id, new.street_id
          from areas g join areas c on c.id = g.parent_id where g.id = new.grid_id;
        end if;
      end if;
      if tg_op = 'INSERT' or new.priority is distinct from old.priority or new.category is distinct from old.category then
        select * into s from hazard_sla
        where priority = new.priority and (category = new.category or category is null)
        order by category is null limit 1;
        if tg_op = 'INSERT' then
          -- Stages an imported case has already passed get no due time (their times are unknown).
          new.respond_due_at := case when new.status = 'submitted' then hazard_due(new.reported_at, s.respond) end;
          new.on_site_due_at := case when new.status in ('submitted','verified') then hazard_due(new.reported_at, s.on_site) end;
          new.resolve_due_at := case when new.status in ('submitted','verified','in_progress','escalated') then hazard_due(new.reported_at, s.resolve) end;
        else
          if new.responded_at is null and new.respond_due_at is not null then new.respond_due_at := hazard_due(new.reported_at, s.respond); end if;
          if new.on_site_at is null and new.on_site_due_at is not null then new.on_site_due_at := hazard_due(new.reported_at, s.on_site); end if;
          if new.resolved_at is null and new.resolve_due_at is not null then new.resolve_due_at := hazard_due(new.reported_at, s.resolve); end if;
        end if;
      end if;
      return new;
    end $fn$;
    create trigger hazards_before_write before insert or update of priority, category on hazards
      for each row execute function hazards_before_write();

    -- Each transition is an appended event (who, when, note); nothing is edited in place.
    create table hazard_events (
      id bigserial primary key,
      hazard_id int not null references hazards(id) on delete cascade,
      at timestamptz not null,
      kind text not null check (kind ~ '^[a-z_]{2,30}$'),
      from_state text check (from_state in (${STATES})),
      to_state text check (to_state in (${STATES})),
      actor_id int references users(id),
      actor_role text,
      note text check (length(note) <= 2000),
      data jsonb not null default '{}',
      idempotency_key text check (length(idempotency_key) between 1 and 100)
    );
    create index hazard_events_hazard_idx on hazard_events (hazard_id, id);
    create unique index hazard_events_idem_key on hazard_events (hazard_id, idempotency_key) where idempotency_key is not null;

    create function hazard_log_append_only() returns trigger language plpgsql as $fn$
    begin
      raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = '42501';
    end $fn$;
    create trigger hazard_events_no_change before update or delete on hazard_events
      for each row execute function hazard_log_append_only();

    -- The first event of every case, whoever inserts it (the API, Open311, a dataset load).
    create function hazards_first_event() returns trigger language plpgsql as $fn$
    begin
      insert into hazard_events (hazard_id, at, kind, to_state, actor_id, actor_role, data)
      select n.id, n.reported_at, case when n.status = 'submitted' then 'submit' else 'import' end, n.status,
             n.reporter_id, case when n.reporter_id is null then 'public' else 'reporter' end,
             jsonb_build_object('source', n.source)
      from new_hazards n;
      return null;
    end $fn$;
    create trigger hazards_first_event after insert on hazards referencing new table as new_hazards
      for each statement execute function hazards_first_event();
    insert into hazard_events (hazard_id, at, kind, to_state, actor_role, data)
      select id, reported_at, 'import', status, 'public', '{"source":"import"}' from hazards;

    -- Photos: uploaded first (metadata stripped), attached to a case by the upload token.
    create table hazard_photos (
      id serial primary key,
      hazard_id int references hazards(id) on delete cascade,
      event_id bigint references hazard_events(id),
      kind text check (kind in ('report','evidence')),
      upload_hash text not null unique,
      mime text not null check (mime in ('image/jpeg','image/png')),
      width int not null check (width > 0),
      height int not null check (height > 0),
      bytes int not null check (bytes > 0),
      sha256 text not null,
      data bytea not null,
      uploaded_at timestamptz not null,
      uploader_id int references users(id),
      attached_at timestamptz,
      constraint hazard_photos_attached check ((hazard_id is null) = (kind is null))
    );
    create index hazard_photos_hazard_idx on hazard_photos (hazard_id);
    create index hazard_photos_loose_idx on hazard_photos (uploaded_at) where hazard_id is null;

    -- Points: one credit per case and reason, whatever retries happen.
    create table hazard_points (
      id bigserial primary key,
      user_id int not null references users(id),
      hazard_id int not null references hazards(id) on delete cascade,
      points int not null,
      reason text not null,
      at timestamptz not null,
      unique (hazard_id, reason)
    );
    create index hazard_points_user_idx on hazard_points (user_id, at);
    create trigger hazard_points_no_change before update or delete on hazard_points
      for each row execute function hazard_log_append_only();

    create table hazard_supporters (
      id bigserial primary key,
      hazard_id int not null references hazards(id) on delete cascade,
      at timestamptz not null,
      user_id int references users(id),
      device text,
      check (user_id is not null or device is not null)
    );
    create unique index hazard_supporters_user_key on hazard_supporters (hazard_id, user_id) where user_id is not null;
    create unique index hazard_supporters_device_key on hazard_supporters (hazard_id, device) where device is not null;

    create table hazard_flags (
      id bigserial primary key,
      hazard_id int not null references hazards(id) on delete cascade,
      at timestamptz not null,
      reason text not null check (length(reason) between 1 and 500),
      user_id int references users(id),
      device text
    );
    create index hazard_flags_hazard_idx on hazard_flags (hazard_id, at);

    -- Anonymous submissions by IP and device, for rate limits (pruned as it goes).
    create table hazard_submissions (
      id bigserial primary key,
      at timestamptz not null,
      kind text not null,
      ip text not null,
      device text
    );
    create index hazard_submissions_ip_idx on hazard_submissions (ip, kind, at);
    create index hazard_submissions_device_idx on hazard_submissions (device, kind, at) where device is not null;
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists hazard_submissions, hazard_flags, hazard_supporters, hazard_points, hazard_photos, hazard_events cascade;
    drop trigger if exists hazards_first_event on hazards;
    drop trigger if exists hazards_before_write on hazards;
    drop function if exists hazards_first_event, hazard_log_append_only, hazards_before_write, hazard_due;
    drop index if exists hazards_grid_idx, hazards_community_idx, hazards_street_idx, hazards_reported_idx, hazards_reporter_idx, hazards_flagged_idx;
    alter table hazards
      drop constraint if exists hazards_status_check,
      drop constraint if exists hazards_category_fkey,
      alter column status drop default,
      drop column if exists priority, drop column if exists details, drop column if exists source,
      drop column if exists building_id, drop column if exists unit_id, drop column if exists grid_id,
      drop column if exists community_id, drop column if exists street_id, drop column if exists reporter_id,
      drop column if exists contact_name, drop column if exists contact_phone, drop column if exists follow_hash,
      drop column if exists duplicate_of, drop column if exists escalation_level, drop column if exists agency,
      drop column if exists respond_due_at, drop column if exists on_site_due_at, drop column if exists resolve_due_at,
      drop column if exists responded_at, drop column if exists on_site_at, drop column if exists escalated_at,
      drop column if exists resolved_at, drop column if exists closed_at, drop column if exists published_at,
      drop column if exists updated_at, drop column if exists me_too, drop column if exists flags,
      drop column if exists hidden, drop column if exists moderated_at;
    drop table if exists hazard_sla, hazard_categories cascade;
  `).execute(db);
}
