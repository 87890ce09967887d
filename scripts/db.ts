/** `npm run db:migrate` / `npm run db:rollback` against DATABASE_URL or the embedded database. */
import { loadConfig } from '../server/config.ts';
import { createDatabase } from '../server/db/database.ts';
import { migrateToLatest, migrationStatus, rollbackOne } from '../server/db/migrate.ts';

const cmd = process.argv[2];
const config = loadConfig();
const database = await createDatabase({ databaseUrl: config.databaseUrl, dbDir: config.dbDir });
try {
  if (cmd === 'migrate') {
    const applied = await migrateToLatest(database.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'already current');
  } else if (cmd === 'rollback') {
    const name = await rollbackOne(database.db);
    console.log(name ? `rolled back: ${name}` : 'nothing to roll back');
  } else {
    console.log(await migrationStatus(database.db));
  }
} finally {
  await database.close();
}
