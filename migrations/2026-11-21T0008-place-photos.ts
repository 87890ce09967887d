/**
 * Place photos (issue 6): uploaded photos of a station, decoded and re-encoded before they are
 * stored (the bytes of what was sent are never kept). `places.photos` lists their URLs, so the
 * place's own history records when a photo was added or taken off.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table place_photos (
      id serial primary key,
      place_id int not null references places(id) on delete cascade,
      width int not null check (width between 1 and 4000),
      height int not null check (height between 1 and 4000),
      bytes int not null check (bytes between 1 and 10485760),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      data bytea not null,
      uploaded_at timestamptz not null default now(),
      uploaded_by int references users(id)
    );
    create index place_photos_place_idx on place_photos (place_id);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists place_photos`.execute(db);
}
