/**
 * A log of road-edge changes, so the walking graphs kept in memory per jurisdiction are updated
 * incrementally (issue 4): each insert, update or delete of a road edge appends its id and its
 * bounding box (an update both the old and the new box); a truncate appends one 'truncate' row,
 * after which every graph is rebuilt. `tag` is random per row: a server that saw (rev, tag) knows
 * the log it continues from is the same one (not a database restored or recreated since).
 * Statement-level triggers with transition tables, so a bulk import logs in one statement.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table road_edge_log (
      rev bigserial primary key,
      tag uuid not null default gen_random_uuid(),
      op text not null check (op in ('baseline', 'insert', 'update', 'delete', 'truncate')),
      edge_id int,
      west double precision,
      south double precision,
      east double precision,
      north double precision,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create function road_edges_logged() returns trigger language plpgsql as $$
    begin
      if tg_op = 'TRUNCATE' then
        insert into road_edge_log (op) values ('truncate');
      elsif tg_op = 'INSERT' then
        insert into road_edge_log (op, edge_id, west, south, east, north)
          select 'insert', n.id, ST_XMin(n.geom), ST_YMin(n.geom), ST_XMax(n.geom), ST_YMax(n.geom) from new_rows n order by n.id;
      elsif tg_op = 'DELETE' then
        insert into road_edge_log (op, edge_id, west, south, east, north)
          select 'delete', o.id, ST_XMin(o.geom), ST_YMin(o.geom), ST_XMax(o.geom), ST_YMax(o.geom) from old_rows o order by o.id;
      else
        insert into road_edge_log (op, edge_id, west, south, east, north)
          select 'update', x.id, ST_XMin(x.geom), ST_YMin(x.geom), ST_XMax(x.geom), ST_YMax(x.geom)
          from (select id, geom from old_rows union all select id, geom from new_rows) x order by x.id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger road_edges_log_insert after insert on road_edges referencing new table as new_rows for each statement execute function road_edges_logged()`.execute(db);
  await sql`create trigger road_edges_log_update after update on road_edges referencing old table as old_rows new table as new_rows for each statement execute function road_edges_logged()`.execute(db);
  await sql`create trigger road_edges_log_delete after delete on road_edges referencing old table as old_rows for each statement execute function road_edges_logged()`.execute(db);
  await sql`create trigger road_edges_log_truncate after truncate on road_edges for each statement execute function road_edges_logged()`.execute(db);
  await sql`insert into road_edge_log (op) values ('baseline')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['insert', 'update', 'delete', 'truncate']) await sql.raw(`drop trigger road_edges_log_${t} on road_edges`).execute(db);
  await sql`drop function road_edges_logged()`.execute(db);
  await sql`drop table road_edge_log`.execute(db);
}
