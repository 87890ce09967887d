/**
 * The road-edge log's revisions in commit order (migration 0010 numbered them in write order): a
 * held graph that has seen revision r reads only the changes after r, so a transaction that took
 * revisions 100–200 but committed after another one that took 201 would never be spliced in.
 * Road writers now take one transaction-scoped advisory lock before they log, so the next writer
 * takes its revisions only after the one before has committed (road writes are rare: imports).
 */
import { sql, type Kysely } from 'kysely';

/** Any constant, the same for every writer: "road-edge log". */
const LOCK = 7_310_010;

/** The trigger function of migration 0010, with (up) or without (down) the lock first. */
function logged(lock: boolean) {
  return sql`
    create or replace function road_edges_logged() returns trigger language plpgsql as $$
    begin
      ${lock ? sql.raw(`perform pg_advisory_xact_lock(${LOCK});`) : sql``}
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
    end $$`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await logged(true).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await logged(false).execute(db);
}
