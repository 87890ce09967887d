/**
 * Grid proposal benchmark (issue 8), next to METIS in the same run: a synthetic city of N
 * households (scripts/synth) is taken whole as one community; its unit adjacency graph goes to
 * proposeGrids (fresh) and, in METIS format (vertex weight = households, edge weight = shared
 * boundary in metres, rounded, at least 1), to `gpmetis -contig` with k = round(H/300), once with
 * the default imbalance (ufactor 30) and once allowing 1/3 (ufactor 333, so no part exceeds ≈400).
 * No roads: both sides see plain shared-boundary lengths. The sample's communities follow, pooled.
 * Both partitions are judged by planQuality. Times: ours in process (median of runs after a
 * warm-up); METIS wall time of the gpmetis process and its own "Partitioning" time.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AdjacencyEdge } from '../../server/planning/adjacency.ts';
import type { PlanningUnit } from '../../server/planning/graph.ts';
import { planningInput } from '../../server/planning/input.ts';
import { proposeGrids } from '../../server/planning/partition.ts';
import { planQuality, type QualitySummary } from '../../server/planning/quality.ts';
import { readDataset } from '../unit/planning/helpers.ts';
import { median, root } from './util.ts';

export interface PlanningRow {
  households: number;
  units: number;
  edges: number;
  method: string;
  grids: number;
  shareInBand: number;
  islands: number;
  meanPP: number;
  minPP: number;
  /** Mean |households − 300| per grid. */
  meanAbsDev: number;
  ms: number;
  /** METIS only: its own partitioning time. */
  metisMs?: number;
  timeRatio?: number;
}

function synthDir(n: number): string {
  const dir = path.join(root, 'var', 'synth', String(n));
  if (!fs.existsSync(path.join(dir, 'areas.geojson'))) {
    console.log(`generating a synthetic city of ${n} households…`);
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/synth/main.ts', '--households', String(n), '--out', dir], { cwd: root, stdio: 'inherit' });
  }
  return dir;
}

/** The graph in METIS format (fmt 011: vertex and edge weights), vertices numbered from 1. */
export function metisGraph(units: readonly PlanningUnit[], edges: readonly AdjacencyEdge[]): string {
  const index = new Map(units.map((u, i) => [u.id, i]));
  const adj: [number, number][][] = units.map(() => []);
  for (const e of edges) {
    const a = index.get(e.a)!, b = index.get(e.b)!, w = Math.max(1, Math.round(e.sharedM));
    adj[a].push([b + 1, w]);
    adj[b].push([a + 1, w]);
  }
  const lines = [`${units.length} ${edges.length} 011`];
  units.forEach((u, i) => lines.push([Math.max(0, Math.round(u.households)), ...adj[i].flat()].join(' ')));
  return lines.join('\n') + '\n';
}

export function gpmetisAvailable(): boolean {
  return spawnSync('gpmetis', ['-help'], { stdio: 'ignore' }).status !== null;
}

/** Runs gpmetis; returns unit id → part and the wall and METIS-reported times (ms). */
export function runMetis(units: readonly PlanningUnit[], graphFile: string, k: number, args: string[]) {
  const t = performance.now();
  const out = execFileSync('gpmetis', [...args, graphFile, String(k)], { encoding: 'utf8' });
  const wallMs = performance.now() - t;
  const metisMs = Number(/Partitioning:\s+([\d.]+) sec/.exec(out)?.[1] ?? NaN) * 1000;
  const parts = fs.readFileSync(`${graphFile}.part.${k}`, 'utf8').trim().split('\n');
  return { assignment: new Map(units.map((u, i) => [u.id, `m${parts[i]}`])), wallMs, metisMs };
}

function row(base: Omit<PlanningRow, 'grids' | 'shareInBand' | 'islands' | 'meanPP' | 'minPP' | 'meanAbsDev'>, s: QualitySummary): PlanningRow {
  return { ...base, grids: s.grids, shareInBand: s.shareInBand, islands: s.islands, meanPP: s.meanPolsbyPopper, minPP: s.minPolsbyPopper, meanAbsDev: s.meanAbsDeviation };
}

export function benchPlanning(sizes: number[] = [1000, 10000, 50000]): PlanningRow[] {
  const rows: PlanningRow[] = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planning-metis-'));
  for (const n of sizes) {
    const ds = readDataset(synthDir(n));
    const { units, adjacency } = planningInput(ds.cells);
    const households = units.reduce((s, u) => s + u.households, 0);
    const base = { households, units: units.length, edges: adjacency.length };
    const runs = n >= 50000 ? 3 : 5;
    proposeGrids({ units, adjacency });
    const times: number[] = [];
    let proposal = proposeGrids({ units, adjacency });
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      proposal = proposeGrids({ units, adjacency });
      times.push(performance.now() - t);
    }
    const ours = row({ ...base, method: 'proposeGrids', ms: median(times) }, planQuality({ units, adjacency, assignment: proposal.assignment }).summary);
    rows.push(ours);
    if (!gpmetisAvailable()) {
      console.log('(gpmetis not found: apt-get install metis for the baseline)');
      continue;
    }
    const file = path.join(tmp, `city-${n}.graph`);
    fs.writeFileSync(file, metisGraph(units, adjacency));
    const k = Math.max(1, Math.round(households / 300));
    for (const [label, args] of [['METIS -contig', ['-contig']], ['METIS -contig -ufactor=333', ['-contig', '-ufactor=333']]] as const) {
      const wall: number[] = [], own: number[] = [];
      let m = runMetis(units, file, k, [...args]);
      for (let i = 0; i < runs; i++) { m = runMetis(units, file, k, [...args]); wall.push(m.wallMs); own.push(m.metisMs); }
      const r = row({ ...base, method: label, ms: median(wall), metisMs: median(own) }, planQuality({ units, adjacency, assignment: m.assignment }).summary);
      r.timeRatio = ours.ms / r.ms;
      rows.push(r);
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  return rows;
}

/**
 * The sample's 11 communities (OSM-derived cells), each proposed on its own, next to METIS on
 * each community's graph: one row per method with the grids of all communities pooled.
 */
export function benchSample(): PlanningRow[] {
  const ds = readDataset(path.join(root, 'data', 'sample'));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planning-sample-'));
  const methods: [string, string[] | null][] = [['proposeGrids', null], ['METIS -contig', ['-contig']], ['METIS -contig -ufactor=333', ['-contig', '-ufactor=333']]];
  const rows: PlanningRow[] = [];
  for (const [label, args] of methods) {
    if (args && !gpmetisAvailable()) continue;
    const pooled = { grids: 0, inBand: 0, islands: 0, pp: [] as number[], dev: 0, ms: 0, units: 0, edges: 0, households: 0 };
    for (const cells of ds.byCommunity.values()) {
      const { units, adjacency } = planningInput(cells);
      const k = Math.max(1, Math.round(units.reduce((t, u) => t + u.households, 0) / 300));
      let assignment: Map<string, string>;
      const t = performance.now();
      if (!args) assignment = proposeGrids({ units, adjacency }).assignment;
      else if (k === 1) assignment = new Map(units.map((u) => [u.id, 'm0']));
      else {
        const file = path.join(tmp, 'community.graph');
        fs.writeFileSync(file, metisGraph(units, adjacency));
        assignment = runMetis(units, file, k, args).assignment;
      }
      pooled.ms += performance.now() - t;
      const q = planQuality({ units, adjacency, assignment });
      pooled.grids += q.summary.grids;
      pooled.inBand += q.summary.gridsInBand;
      pooled.islands += q.summary.islands;
      pooled.pp.push(...q.grids.map((g) => g.polsbyPopper));
      pooled.dev += q.grids.reduce((t, g) => t + Math.abs(g.deviation), 0);
      pooled.units += units.length;
      pooled.edges += adjacency.length;
      pooled.households += q.summary.households;
    }
    rows.push({
      households: pooled.households, units: pooled.units, edges: pooled.edges, method: `${label} (sample, ${ds.byCommunity.size} communities)`, grids: pooled.grids,
      shareInBand: pooled.inBand / pooled.grids, islands: pooled.islands, meanPP: pooled.pp.reduce((a, b) => a + b, 0) / pooled.pp.length, minPP: Math.min(...pooled.pp),
      meanAbsDev: pooled.dev / pooled.grids, ms: pooled.ms,
    });
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const r of rows.slice(1)) r.timeRatio = rows[0].ms / r.ms;
  return rows;
}

export function printPlanningTable(rows: PlanningRow[]): void {
  const f = (v: number, d = 3) => v.toFixed(d);
  console.log('| households | units | adjacencies | method | grids | in band | islands | mean PP | min PP | mean \\|h−300\\| | time | METIS own time | ours ÷ this (wall) |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.households} | ${r.units} | ${r.edges} | ${r.method} | ${r.grids} | ${(r.shareInBand * 100).toFixed(1)}% | ${r.islands} | ${f(r.meanPP)} | ${f(r.minPP)} | ${f(r.meanAbsDev, 1)} | ${f(r.ms, 1)} ms | ${r.metisMs === undefined ? '' : `${f(r.metisMs, 1)} ms`} | ${r.timeRatio === undefined ? '' : f(r.timeRatio, 2)} |`);
  }
}
