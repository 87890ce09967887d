/**
 * `npm run import -- <file> --kind roads|buildings|areas|households|places --crs wgs84|cgcs2000|gcj02|bd09 [--bbox w,s,e,n]`
 * Reads, converts to WGS84, validates, then writes in one transaction. Any error: nothing written.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { isAppError } from '../server/errors.ts';
import { isCrs, CRS_NAMES } from '../server/geo/crs.ts';
import { IMPORT_KINDS, isImportKind, prepareImport } from '../server/import/index.ts';
import { expectedBBox, writeImport } from '../server/import/import.service.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { kind: { type: 'string' }, crs: { type: 'string', default: 'wgs84' }, bbox: { type: 'string' } },
});
const file = positionals[0];
const fail = (msg: string): never => {
  console.error(msg);
  process.exit(2);
};
if (!file) fail('usage: npm run import -- <file> --kind <kind> --crs <crs>');
if (!isImportKind(values.kind)) fail(`--kind must be one of ${IMPORT_KINDS.join(', ')}`);
if (!isCrs(values.crs)) fail(`--crs must be one of ${CRS_NAMES.join(', ')}`);
const bbox = values.bbox?.split(',').map(Number) as [number, number, number, number] | undefined;
if (bbox && (bbox.length !== 4 || bbox.some((n) => !Number.isFinite(n)))) fail('--bbox must be w,s,e,n');

const bar = (label: string, done: number, total: number) => {
  const w = 30;
  const f = total ? Math.round((done / total) * w) : w;
  process.stderr.write(`\r${label.padEnd(9)} [${'#'.repeat(f)}${'.'.repeat(w - f)}] ${done}/${total}   `);
};
const database = await openDatabase(loadConfig());
const expected = bbox ?? (await expectedBBox(database.db));
const prepared = await prepareImport(file!, { kind: values.kind as any, crs: values.crs as any, bbox: expected, onProgress: (p, d, t) => bar(p, d, t) });
process.stderr.write('\n');
for (const w of prepared.warnings) console.warn(`warning: ${w}`);
if (!prepared.valid) {
  for (const e of prepared.errors) console.error(e.message);
  if (prepared.errorCount > prepared.errors.length) console.error(`… ${prepared.errorCount - prepared.errors.length} more errors not shown`);
  console.error(`import refused: ${prepared.errorCount} error(s); nothing was written`);
  await database.close();
  process.exit(1);
}
try {
  const n = await writeImport(database.db, values.kind as any, prepared.records as any);
  console.log(`imported ${n} ${values.kind} from ${file}`);
} catch (e) {
  if (isAppError(e)) {
    for (const d of (e.details as string[] | undefined) ?? [e.message]) console.error(d);
    console.error('import refused; nothing was written');
    process.exitCode = 1;
  } else throw e;
} finally {
  await database.close();
}
