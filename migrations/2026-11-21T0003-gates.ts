/**
 * Compound gates (小区 gates locked at night) on the walking network: a gate closes one road edge
 * during a daily window (China local time, may pass midnight). Frozen; imports no app code.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    create table gates (
      id serial primary key,
      road_edge_id int not null references road_edges(id) on delete cascade,
      name text not null,
      closed_from text not null check (closed_from ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      closed_to text not null check (closed_to ~ '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'),
      created_at timestamptz not null default now()
    );
    create index gates_edge_idx on gates (road_edge_id);
  `).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists gates`.execute(db);
}
