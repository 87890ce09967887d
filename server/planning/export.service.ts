/**
 * Exports of a draft version or a published version: GeoJSON, zipped Shapefile, GeoPackage,
 * CSV (unit code → grid code) and an XLSX summary with Chinese headers.
 */
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.ts';
import type { Config } from '../config.ts';
import type { DB } from '../db/types.ts';
import type { MultiPolygon } from '../geo/geojson.ts';
import { draftFor, loadScope, versionOf } from './drafts.service.ts';
import { writeGpkg } from './export-gpkg.ts';
import { WGS84_PRJ, writeDbf, writeShp, type DbfField } from './export-shapefile.ts';
import * as repo from './history.repository.ts';
import { communityFor, publicationOr404 } from './history.service.ts';
import { measurePlan } from './plan-input.ts';
import type { EXPORT_FORMATS } from './planning.schema.ts';

type Format = (typeof EXPORT_FORMATS)[number];
export interface ExportFile { filename: string; contentType: string; body: Buffer }

interface PlanGrid { code: string; name: string; households: number; population: number; units: number; band: string; polsbyPopper: number | null; geometry: MultiPolygon }
interface Plan { title: string; base: string; grids: PlanGrid[]; units: { unit: string; grid: string }[] }

export async function exportDraft(db: Kysely<DB>, config: Config, p: Principal, id: number, q: { format: Format; version?: number }) {
  const d = await draftFor(db, p, id, 'planning.read');
  const v = await versionOf(db, d, q.version);
  const { rows, input } = await loadScope(db, d.scope_area_id);
  const assignment = new Map(Object.entries(v.assignments));
  const m = measurePlan(input, assignment, { band: config.gridBand, unitBand: config.unitBand });
  const groups = new Map<string, number[]>();
  for (const [u, g] of assignment) groups.set(g, [...(groups.get(g) ?? []), Number(u)]);
  const unions = new Map((await repo.unionsOf(db, [...groups].map(([key, units]) => ({ key, units })))).map((x) => [x.key, x.geometry as MultiPolygon]));
  const grids = m.grids.map((g) => ({ code: g.id, name: g.id, households: g.households, population: g.population, units: g.units, band: g.band, polsbyPopper: g.polsbyPopper, geometry: unions.get(g.id)! }));
  const units = rows.filter((r) => assignment.has(String(r.id))).map((r) => ({ unit: r.code, grid: assignment.get(String(r.id))! }));
  return render({ title: `${d.scope_name} 草案 ${d.id} 第${v.version}版`, base: `plan-draft-${d.id}-v${v.version}`, grids, units }, q.format);
}

export async function exportPublished(db: Kysely<DB>, p: Principal, communityId: number, version: number, format: Format) {
  const c = await communityFor(db, p, communityId);
  const pub = await publicationOr404(db, c, version);
  const hist = await repo.gridsOf(db, pub.id, true);
  const grids = hist.map((g) => ({ code: g.code, name: g.name, households: g.households, population: g.population, units: g.units, band: '', polsbyPopper: null, geometry: g.geometry as MultiPolygon }));
  const units = hist.flatMap((g) => g.unit_codes.map((u) => ({ unit: u, grid: g.code })));
  return render({ title: `${c.name} 网格 第${version}版`, base: `grids-${c.code}-v${version}`, grids, units }, format);
}

const DBF_FIELDS: DbfField[] = [
  { name: 'code', type: 'C', length: 40 }, { name: 'name', type: 'C', length: 120 }, { name: 'households', type: 'N', length: 9 },
  { name: 'population', type: 'N', length: 9 }, { name: 'units', type: 'N', length: 6 }, { name: 'pp', type: 'N', length: 8, decimals: 4 },
];

async function render(plan: Plan, format: Format): Promise<ExportFile> {
  const props = (g: PlanGrid) => ({ code: g.code, name: g.name, households: g.households, population: g.population, units: g.units, pp: g.polsbyPopper });
  switch (format) {
    case 'geojson': {
      const fc = { type: 'FeatureCollection', name: plan.title, features: plan.grids.map((g) => ({ type: 'Feature', geometry: g.geometry, properties: { ...props(g), band: g.band || null } })) };
      return { filename: `${plan.base}.geojson`, contentType: 'application/geo+json', body: Buffer.from(JSON.stringify(fc)) };
    }
    case 'csv': {
      const csv = ['unit_code,grid_code', ...plan.units.map((u) => `${u.unit},${csvCell(u.grid)}`)].join('\r\n') + '\r\n';
      return { filename: `${plan.base}.csv`, contentType: 'text/csv; charset=utf-8', body: Buffer.from(csv) };
    }
    case 'shp': {
      const { shp, shx } = writeShp(plan.grids);
      const dbf = writeDbf(DBF_FIELDS, plan.grids.map(props));
      const zip = zipSync({ 'grids.shp': shp, 'grids.shx': shx, 'grids.dbf': dbf, 'grids.prj': strToU8(WGS84_PRJ), 'grids.cpg': strToU8('UTF-8') });
      return { filename: `${plan.base}.shp.zip`, contentType: 'application/zip', body: Buffer.from(zip) };
    }
    case 'gpkg': {
      const cols = [{ name: 'code', type: 'TEXT' }, { name: 'name', type: 'TEXT' }, { name: 'households', type: 'INTEGER' }, { name: 'population', type: 'INTEGER' }, { name: 'units', type: 'INTEGER' }, { name: 'pp', type: 'REAL' }] as const;
      const bytes = await writeGpkg('grids', cols, plan.grids.map((g) => ({ geometry: g.geometry, properties: props(g) })), plan.title);
      return { filename: `${plan.base}.gpkg`, contentType: 'application/geopackage+sqlite3', body: Buffer.from(bytes) };
    }
    case 'xlsx':
      return { filename: `${plan.base}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await xlsx(plan) };
  }
}

const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const BAND_ZH: Record<string, string> = { in: '区间内', under: '低于下限', over: '高于上限' };

async function xlsx(plan: Plan): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('网格汇总');
  s.addRow([plan.title]);
  s.addRow(['网格编码', '网格名称', '户数', '人口', '单元数', '户数区间', '紧凑度(Polsby–Popper)']);
  for (const g of plan.grids) s.addRow([g.code, g.name, g.households, g.population, g.units, BAND_ZH[g.band] ?? '', g.polsbyPopper]);
  s.addRow(['合计', '', plan.grids.reduce((a, g) => a + g.households, 0), plan.grids.reduce((a, g) => a + g.population, 0), plan.grids.reduce((a, g) => a + g.units, 0)]);
  const u = wb.addWorksheet('单元归属');
  u.addRow(['单元编码', '网格编码']);
  for (const x of plan.units) u.addRow([x.unit, x.grid]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
