/**
 * `npm run bench`: every target next to its baseline in the same run (the machine is shared and
 * noisy; ratios hold, absolute times do not). Results: stdout and var/bench/results.json.
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL) adds the real-PostGIS backend; BENCH_SYNTH sets the
 * synthetic city size (default 200000 households; 0 skips it).
 */
import { execFileSync } from 'node:child_process';
import { sql } from 'kysely';
import fs from 'node:fs';
import path from 'node:path';
import { createDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { seedFromDir } from '../../server/seed/seed.service.ts';
import { benchQueries, type QueryResult } from './queries.ts';
import { benchStartup } from './startup.ts';
import { fmt, root } from './util.ts';

const only = process.argv[2];
const results: Record<string, unknown> = { date: new Date().toISOString() };
const pgUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || '';
const synthN = Number(process.env.BENCH_SYNTH ?? 200000);

if (!only || only === 'startup') {
  console.log('\n## Embedded start (child processes, tsx)');
  const s = await benchStartup();
  results.startup = s;
  console.log(`bare PGlite+PostGIS create: ${fmt(s.bareCreateMs)} | our cold start (create + migrate + sample + serve): ${fmt(s.coldMs)} | overhead ${((s.coldMs / s.bareCreateMs - 1) * 100).toFixed(0)}% (goal ≤ 50%)`);
  console.log(`bare PGlite+PostGIS open:   ${fmt(s.bareOpenMs)} | our warm start (open + check + serve):            ${fmt(s.warmMs)} | overhead ${((s.warmMs / s.bareOpenMs - 1) * 100).toFixed(0)}% (goal ≤ 50%)`);
  console.log(`bare PGlite+PostGIS opening our data dir (with the sample): ${fmt(s.bareOpenSameDirMs)} | our warm start ÷ that: ${(s.warmMs / s.bareOpenSameDirMs).toFixed(2)}`);
  console.log(`peak RSS of the server on the embedded default: ${s.peakRssMb.toFixed(0)} MB`);
}

function synthDir(n: number): string {
  const dir = path.join(root, 'var', 'synth', String(n));
  if (!fs.existsSync(path.join(dir, 'areas.geojson'))) {
    console.log(`generating a synthetic city of ${n} households…`);
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/synth/main.ts', '--households', String(n), '--out', dir], { cwd: root, stdio: 'inherit' });
  }
  return dir;
}

if (!only || only === 'queries') {
  const datasets: [string, () => string][] = [['sample', () => path.join(root, 'data', 'sample')]];
  if (synthN > 0) datasets.push([`synthetic ${synthN}`, () => synthDir(synthN)]);
  const backends: [string, string | null][] = [['pglite', null]];
  if (pgUrl) backends.push(['postgres', pgUrl]);
  else console.log('\n(no BENCH_DATABASE_URL/TEST_DATABASE_URL: real PostGIS backend not measured)');
  const rows: (QueryResult & { dataset: string; backend: string })[] = [];
  for (const [dname, dir] of datasets) {
    for (const [bname, url] of backends) {
      const database = await createDatabase({ databaseUrl: url, dbDir: null });
      await migrateToLatest(database.db);
      const t = performance.now();
      await seedFromDir(database.db, dir());
      const seedMs = performance.now() - t;
      console.log(`\n## ${dname} on ${bname} (seeded in ${fmt(seedMs)})`);
      console.log('| query | features | API | raw SQL | API ÷ raw |\n|---|---|---|---|---|');
      for (const r of await benchQueries(database)) {
        rows.push({ ...r, dataset: dname, backend: bname });
        console.log(`| ${r.name} | ${r.features} | ${fmt(r.apiMs)} | ${fmt(r.rawMs)} | ${r.ratio.toFixed(2)} |`);
      }
      rows.push({ name: 'seed', apiMs: seedMs, rawMs: NaN, ratio: NaN, features: 0, dataset: dname, backend: bname });
      await database.close();
    }
  }
  results.queries = rows;
}

if (!only || only === 'circle') {
  const { benchCoverageVsPgRouting, benchSitingVsIlp } = await import('./circle.ts');
  if (!pgUrl) console.log('\n(no BENCH_DATABASE_URL/TEST_DATABASE_URL: pgRouting baseline not measured)');
  const circle: Record<string, unknown>[] = [];
  const datasets: [string, () => string][] = [['sample', () => path.join(root, 'data', 'sample')]];
  if (synthN > 0) datasets.push([`synthetic ${synthN}`, () => synthDir(synthN)]);
  for (const [dname, dir] of pgUrl ? datasets : []) {
    const database = await createDatabase({ databaseUrl: pgUrl, dbDir: null });
    await migrateToLatest(database.db);
    await seedFromDir(database.db, dir());
    const r = await benchCoverageVsPgRouting(database.db);
    console.log(`\n## service circle on ${dname}: ${r.edges} edges, ${r.stations} stations, budget 750 m`);
    console.log(`whole-area multi-source search: ours ${fmt(r.oursMs)} | pgr_drivingDistance ${fmt(r.pgroutingMs)} | ${r.speedup.toFixed(1)}× faster (goal ≥ 5×)`);
    console.log(`distances: ${r.nodesCompared} nodes compared, max difference ${r.maxDiffM.toFixed(3)} m where pgRouting's equicost picks the same nearest station; ${r.equicostDisagreements} nodes where it does not, ${r.equicostWrong} of them settled in our favour by pgr_dijkstraCost from every root; max difference after that check ${r.maxDiffAfterCheckM.toFixed(3)} m (goal < 1 m); ${r.nodesOnlyPgRouting} nodes reached only by pgRouting`);
    console.log(`move one station: ${fmt(r.incrementalMs)} vs full ${fmt(r.fullMs)} = ${(r.incrementalRatio * 100).toFixed(1)}% (goal ≤ 10%)`);
    console.log(`graph memory: ${r.graphMbPer100kEdges.toFixed(2)} MB per 100,000 edges`);
    const { benchJurisdictions } = await import('./circle-network.ts');
    const j = await benchJurisdictions(database.db);
    console.log(`graphs per street (box grown by 2 km, coverage at 10 min): ${j.streets.length} streets; edges ÷ whole network (${j.wholeEdges} edges, ${j.wholeMb.toFixed(2)} MB): median ${(j.edgesShareMedian * 100).toFixed(0)}%, largest ${(j.edgesShareMax * 100).toFixed(0)}%; held in all ${j.streets.reduce((s, x) => s + x.mb, 0).toFixed(2)} MB`);
    console.log(`road change (one edge) in the busiest street: incremental splice ${fmt(j.incrementalMs)} vs rebuilding that street's graph ${fmt(j.rebuildMs)} = ${((j.incrementalMs / j.rebuildMs) * 100).toFixed(1)}% (a request with no change: ${fmt(j.unchangedMs)}); pure, whole network: splice ${fmt(j.pureSpliceMs)} vs build ${fmt(j.pureBuildMs)} = ${((j.pureSpliceMs / j.pureBuildMs) * 100).toFixed(1)}%`);
    const area = (await sql<{ id: number }>`select id from areas where level = 'street' order by households desc limit 1`.execute(database.db)).rows[0].id;
    const s = await benchSitingVsIlp(database.db, area, [1, 3, 5, 8]);
    console.log('| k | candidates | ILP optimum (glpsol) | glpsol time | greedy+swap | ÷ optimum | time ÷ glpsol | with exact polish (API) | ÷ optimum | time ÷ glpsol |\n|---|---|---|---|---|---|---|---|---|---|');
    for (const x of s) console.log(`| ${x.k} | ${x.candidates} | ${x.optimum} | ${fmt(x.ilpMs)} | ${x.greedy} | ${(x.greedyRatio * 100).toFixed(2)}% | ${x.greedyTimeRatio.toFixed(3)} | ${x.ours} | ${(x.ratio * 100).toFixed(2)}% | ${x.timeRatio.toFixed(3)} |`);
    circle.push({ dataset: dname, ...r, jurisdictions: j, siting: s });
    await database.close();
  }
  results.circle = circle;
}

if (!only || only === 'planning') {
  const { benchPlanning, benchSample, printPlanningTable } = await import('./planning.ts');
  console.log('\n## Grid proposals (issue 8) next to METIS: one synthetic city per size, taken whole as one community');
  const rows = [...benchPlanning(), ...benchSample()];
  printPlanningTable(rows);
  results.planning = rows;
}

if (!only || only === 'hazards') {
  // Issue 7: report throughput and map-layer queries with BENCH_HAZARDS (default 100000) cases.
  const { hazardsSection } = await import('./hazards.ts');
  results.hazards = await hazardsSection(pgUrl, Number(process.env.BENCH_HAZARDS ?? 100000));
}

if (!only || only === 'places') {
  const { placesSection } = await import('./places.ts');
  results.places = await placesSection(pgUrl);
}

fs.mkdirSync(path.join(root, 'var', 'bench'), { recursive: true });
fs.writeFileSync(path.join(root, 'var', 'bench', 'results.json'), JSON.stringify(results, null, 2));
console.log('\nresults written to var/bench/results.json');
process.exit(0);
