/**
 * Real street codes and names (GB/T 2260 county + 3-digit street) from data/street-codes.csv.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { StreetCode } from './plan.ts';

export interface County {
  code: string;
  name: string;
  /** Where the synthetic city is centred, [lon, lat]: inland, inside the county. */
  center: [number, number];
}

/** 莱州市 (Yantai, Shandong), the county of the 300-grid redraw in DOMAIN.md; centred south-east of the town, inland. */
export const DEFAULT_COUNTY: County = { code: '370683', name: '莱州市', center: [120.05, 37.13] };

/** Street codes of one county, sorted by code (街道 0xx before 镇 1xx). */
export function readStreetCodes(csvPath: string, countyCode: string): StreetCode[] {
  const rows: Record<string, string>[] = parse(fs.readFileSync(csvPath), { columns: true, skip_empty_lines: true, bom: true });
  const out = rows
    .filter((r) => r.county_code === countyCode)
    .map((r) => ({ code: r.street_code, name: r.street_name }))
    .sort((a, b) => a.code.localeCompare(b.code));
  if (!out.length) throw new Error(`${csvPath} lists no streets for county ${countyCode}`);
  return out;
}
