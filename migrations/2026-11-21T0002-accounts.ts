/**
 * Accounts: users, role grants bound to a jurisdiction, server-side sessions, login attempts
 * (brute-force limits) and the append-only audit log (PIPL: who read or wrote what, when, from where).
 * Frozen once shipped; imports no app code. Same SQL on PostgreSQL 15 and PGlite.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table users (
      id serial primary key,
      username text not null check (username ~ '^[A-Za-z][A-Za-z0-9_.-]{2,63}$'),
      phone text check (phone ~ '^\\+?[0-9]{5,20}$'),
      display_name text not null check (length(display_name) between 1 and 100),
      -- argon2id PHC string; the password itself is never stored.
      password_hash text not null check (password_hash like '$argon2id$%'),
      disabled boolean not null default false,
      failed_logins int not null default 0 check (failed_logins >= 0),
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      created_by int references users(id)
    );
    create unique index users_username_key on users (lower(username));
    create unique index users_phone_key on users (phone);

    -- A grant is revoked (revoked_at set), never deleted, so the history of who could see what stays.
    create table role_grants (
      id serial primary key,
      user_id int not null references users(id),
      role text not null check (role in ('resident','rider','grid_worker','community_staff','street_staff','planner','admin')),
      area_id int references areas(id),
      household_id int references households(id),
      granted_by int references users(id),
      granted_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by int references users(id),
      constraint role_grants_staff_area check (role not in ('grid_worker','community_staff','street_staff','planner') or area_id is not null),
      constraint role_grants_household_resident check (household_id is null or role = 'resident'),
      constraint role_grants_rider_unscoped check (role <> 'rider' or (area_id is null and household_id is null))
    );
    create unique index role_grants_active_key on role_grants (user_id, role, coalesce(area_id, 0), coalesce(household_id, 0))
      where revoked_at is null;
    create index role_grants_user_idx on role_grants (user_id);
    create index role_grants_area_idx on role_grants (area_id);

    create function role_grants_revoke_only() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'DELETE' then
        raise exception 'role grant % cannot be deleted, revoke it', old.id using errcode = '23514';
      end if;
      if old.revoked_at is not null
         or (new.user_id, new.role, new.area_id, new.household_id, new.granted_by, new.granted_at)
            is distinct from (old.user_id, old.role, old.area_id, old.household_id, old.granted_by, old.granted_at) then
        raise exception 'role grant % can only be revoked, once', old.id using errcode = '23514';
      end if;
      return new;
    end $fn$;
    create trigger role_grants_revoke_only before update or delete on role_grants
      for each row execute function role_grants_revoke_only();

    -- Only a SHA-256 of the session token is stored: a copy of this table does not log anyone in.
    create table sessions (
      id_hash text primary key check (id_hash ~ '^[0-9a-f]{64}$'),
      user_id int not null references users(id) on delete cascade,
      created_at timestamptz not null,
      last_seen_at timestamptz not null,
      idle_expires_at timestamptz not null,
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index sessions_user_idx on sessions (user_id);
    create index sessions_expires_idx on sessions (expires_at);

    create table login_attempts (
      id bigserial primary key,
      at timestamptz not null,
      ip text not null,
      login text not null,
      user_id int references users(id) on delete cascade,
      success boolean not null
    );
    create index login_attempts_ip_idx on login_attempts (ip, at);
    create index login_attempts_login_idx on login_attempts (login, at);

    -- No foreign keys: entries outlive the users, areas and households they name.
    create table audit_log (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_id int,
      actor_username text,
      action text not null,
      target_type text,
      target_id text,
      area_id int,
      ip text,
      user_agent text,
      details jsonb not null default '{}'
    );
    create index audit_log_area_idx on audit_log (area_id, id);
    create index audit_log_actor_idx on audit_log (actor_id, id);

    create function audit_log_append_only() returns trigger language plpgsql as $fn$
    begin
      raise exception 'audit_log is append-only: % refused', tg_op using errcode = '42501';
    end $fn$;
    create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only();
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only();
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    drop table if exists audit_log, login_attempts, sessions, role_grants, users cascade;
    drop function if exists audit_log_append_only, role_grants_revoke_only;
  `).execute(db);
}
