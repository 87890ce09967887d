/** Reading the sources and writing the dataset files: one feature / one row per line, stable order. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Feature } from 'geojson';
import { roundGeometry } from './geo.ts';
import type { OsmFeature } from './types.ts';

export function readOsm(file: string): OsmFeature[] {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (doc.type !== 'FeatureCollection') throw new Error(`${file}: not a FeatureCollection`);
  return doc.features;
}

export interface StreetCode {
  code: string;
  name: string;
  countyCode: string;
  countyName: string;
}

export function readStreetCodes(file: string): StreetCode[] {
  const rows: Record<string, string>[] = parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true, bom: true });
  return rows.map((r) => ({ code: r.street_code, name: r.street_name, countyCode: r.county_code, countyName: r.county_name }));
}

/** Write a FeatureCollection, coordinates rounded to 7 decimals, one feature per line. */
export function writeGeoJson(file: string, features: Feature[]): number {
  const lines = features.map((f) =>
    JSON.stringify({ type: 'Feature', properties: f.properties, geometry: roundGeometry(f.geometry as any) }),
  );
  const text = `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
  return writeText(file, text);
}

function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function writeCsv(file: string, header: string[], rows: unknown[][]): number {
  const text = [header.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
  return writeText(file, text);
}

export function writeJson(file: string, value: unknown): number {
  return writeText(file, JSON.stringify(value, null, 2) + '\n');
}

function writeText(file: string, text: string): number {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return Buffer.byteLength(text);
}
