/**
 * Reads a dataset folder (docs/DATA-FORMAT.md) into plain records. No database here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { badRequest } from '../errors.ts';

export interface Feature<P = Record<string, any>> {
  type: 'Feature';
  geometry: { type: string; coordinates: any };
  properties: P;
}

export interface Dataset {
  dir: string;
  meta: Record<string, any>;
  areas: Feature[];
  buildings: Feature[];
  roads: Feature[];
  places: Feature[];
  pois: Feature[];
  spaces: Feature[];
  hazards: Feature[];
  entrances: Feature[];
  basemap: Feature[];
  households: Record<string, string>[];
  members: Record<string, string>[];
  people: Record<string, string>[];
}

function readGeoJson(dir: string, file: string, required = true): Feature[] {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) {
    if (required) throw badRequest(`dataset ${dir}: ${file} is missing`);
    return [];
  }
  let doc: any;
  try {
    doc = JSON.parse(fs.readFileSync(p, 'utf8'));
  } catch (e) {
    throw badRequest(`dataset ${file}: not valid JSON (${(e as Error).message})`);
  }
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    throw badRequest(`dataset ${file}: not a GeoJSON FeatureCollection`);
  }
  return doc.features;
}

function readCsv(dir: string, file: string, required = true): Record<string, string>[] {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) {
    if (required) throw badRequest(`dataset ${dir}: ${file} is missing`);
    return [];
  }
  return parse(fs.readFileSync(p), { columns: true, skip_empty_lines: true, bom: true });
}

export function readDataset(dir: string): Dataset {
  if (!fs.existsSync(dir)) throw badRequest(`dataset folder ${dir} does not exist`);
  const metaPath = path.join(dir, 'meta.json');
  return {
    dir,
    meta: fs.existsSync(metaPath) ? JSON.parse(fs.readFileSync(metaPath, 'utf8')) : {},
    areas: readGeoJson(dir, 'areas.geojson'),
    buildings: readGeoJson(dir, 'buildings.geojson'),
    roads: readGeoJson(dir, 'roads.geojson'),
    places: readGeoJson(dir, 'places.geojson', false),
    pois: readGeoJson(dir, 'pois.geojson', false),
    spaces: readGeoJson(dir, 'spaces.geojson', false),
    hazards: readGeoJson(dir, 'hazards.geojson', false),
    entrances: readGeoJson(dir, 'entrances.geojson', false),
    basemap: readGeoJson(dir, 'basemap.geojson', false),
    households: readCsv(dir, 'households.csv'),
    members: readCsv(dir, 'members.csv', false),
    people: readCsv(dir, 'people.csv', false),
  };
}
