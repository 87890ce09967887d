/**
 * The whole sample as records, before anything is written: buildings → streets → hierarchy →
 * households → people → roads, places, spaces, hazards. Deterministic for a given seed.
 */
import type { Feature } from 'geojson';
import { type AreaRec, type CodedUnit, sortAreas, streetHierarchy } from './areas.ts';
import { basemapFeatures, entranceFeatures, poiFeatures, readPois } from './basemap.ts';
import { buildBuildings, landuseAreas } from './buildings.ts';
import { studyBbox, type Bbox } from './counties.ts';
import { localProjection, type Projection } from './geo.ts';
import { buildHazards } from './hazards.ts';
import { householdMembers, unitHouseholds, type HouseholdRow, type MemberRow } from './households.ts';
import { infillSlabs } from './infill.ts';
import type { StreetCode } from './io.ts';
import { lineParts } from './merge-pieces.ts';
import { weightedCenter } from './names.ts';
import { buildingLeader, centralHouseholds, gridStaff, type PersonRow } from './people.ts';
import { buildPlaces, type AreaInfo } from './places.ts';
import { forkRng } from './prng.ts';
import { RoadIndex, isLabelRoad } from './road-index.ts';
import { buildRoads } from './roads.ts';
import { SEED } from './rules.ts';
import { buildSpaces } from './spaces.ts';
import { buildStreets } from './streets.ts';
import type { Building, OsmFeature } from './types.ts';

export interface Sample {
  bbox: Bbox;
  proj: Projection;
  areas: AreaRec[];
  units: CodedUnit[];
  buildings: Building[];
  households: HouseholdRow[];
  members: MemberRow[];
  people: PersonRow[];
  roads: Feature[];
  roadNodes: number;
  basemap: Feature[];
  pois: Feature[];
  entrances: Feature[];
  places: Feature[];
  spaces: Feature[];
  hazards: Feature[];
  droppedStreets: string[];
}

/** Road names fit for labels, indexed for nearest-road queries. */
function labelRoads(osm: OsmFeature[], proj: Projection): RoadIndex {
  const named = osm.filter((f) => f.properties.layer === 'road' && isLabelRoad(f.properties.name, f.properties.highway));
  return new RoadIndex(named.flatMap((f) => lineParts(f).map((line) => ({ name: f.properties.name as string, line }))), proj);
}

export function buildSample(osm: OsmFeature[], codes: StreetCode[]): Sample {
  const bbox = studyBbox(osm);
  const proj = localProjection((bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2);
  const landuse = landuseAreas(osm);
  const mapped = buildBuildings(osm, landuse);
  const surfaceRoads = osm.filter((f) => f.properties.layer === 'road' && f.properties.highway && !f.properties.is_tunnel).flatMap(lineParts);
  const buildings = [...mapped, ...infillSlabs(landuse, mapped, surfaceRoads, proj)];
  const roadIndex = labelRoads(osm, proj);

  const collected: AreaRec[] = [];
  const units: CodedUnit[] = [];
  const droppedStreets: string[] = [];
  const labels = new Map<string, string>();
  for (const street of buildStreets(osm, codes, proj, bbox).sort((a, b) => (a.code < b.code ? -1 : 1))) {
    const h = streetHierarchy(street, buildings, roadIndex, proj);
    if (!h) droppedStreets.push(`${street.code} ${street.name}`);
    else {
      collected.push(...h.areas);
      units.push(...h.units);
      for (const [ref, label] of h.labels) labels.set(ref, label);
    }
  }
  const areas = sortAreas(collected);
  units.sort((a, b) => (a.code < b.code ? -1 : 1));

  settleBuildings(buildings, units);
  const byRef = new Map(buildings.map((b) => [b.ref, b]));
  const hhRng = forkRng(SEED, 'households');
  const households = units.flatMap((u) => unitHouseholds(u, (ref) => byRef.get(ref)!.floors, hhRng));
  const memberRng = forkRng(SEED, 'members');
  const members = households.flatMap((h) => householdMembers(h, memberRng));
  const heads = new Map(members.filter((m) => m.relation === '户主').map((m) => [m.householdCode, m]));
  const people = buildPeople(areas, households, heads);

  const infos = areaInfos(areas, units, byRef, proj);
  const pois = readPois(osm);
  const housing = [...labels].map(([ref, label]) => ({ building: byRef.get(ref)!, label }));
  const network = buildRoads(osm, proj);
  return {
    bbox, proj, areas, units, buildings, households, members, people,
    roads: network.features, roadNodes: network.nodeCount,
    basemap: basemapFeatures(osm, landuse), pois: poiFeatures(pois), entrances: entranceFeatures(osm, buildings, proj),
    places: buildPlaces({ ...infos, pois, roads: roadIndex, labels, proj }, forkRng(SEED, 'places')),
    spaces: buildSpaces(housing, forkRng(SEED, 'spaces')),
    hazards: buildHazards(housing, 60, proj, forkRng(SEED, 'hazards')),
    droppedStreets,
  };
}

/**
 * Buildings whose households all sit in one unit carry its code; buildings outside the kept streets
 * (beyond the bbox, or in a street left out) keep their use but hold no households.
 */
function settleBuildings(buildings: Building[], units: CodedUnit[]): void {
  const unitsOf = new Map<string, Set<string>>();
  const housed = new Map<string, number>();
  for (const u of units) {
    for (const p of u.parts) {
      unitsOf.set(p.ref, (unitsOf.get(p.ref) ?? new Set()).add(u.code));
      housed.set(p.ref, (housed.get(p.ref) ?? 0) + p.households);
    }
  }
  for (const b of buildings) {
    b.unitCode = unitsOf.get(b.ref)?.size === 1 ? [...unitsOf.get(b.ref)!][0] : null;
    b.households = housed.get(b.ref) ?? 0;
  }
}

function buildPeople(areas: AreaRec[], households: HouseholdRow[], heads: Map<string, MemberRow>): PersonRow[] {
  const rng = forkRng(SEED, 'people');
  const byUnit = new Map<string, HouseholdRow[]>();
  for (const h of households) byUnit.set(h.unitCode, [...(byUnit.get(h.unitCode) ?? []), h]);
  const out: PersonRow[] = [];
  for (const g of areas.filter((a) => a.level === 'grid')) {
    out.push(...gridStaff(g.code, rng));
    const gridHouseholds = households.filter((h) => h.unitCode.startsWith(g.code));
    out.push(...centralHouseholds(g.code, gridHouseholds, heads, rng));
  }
  for (const u of areas.filter((a) => a.level === 'unit')) out.push(buildingLeader(u.code, byUnit.get(u.code)!, heads, rng));
  return out;
}

/** Streets, communities and grids with their housing, for places. */
function areaInfos(areas: AreaRec[], units: CodedUnit[], byRef: Map<string, Building>, proj: Projection) {
  const info = (a: AreaRec): AreaInfo => {
    const inside = units.filter((u) => u.code.startsWith(a.code));
    const refs = new Set(inside.flatMap((u) => u.parts.map((p) => p.ref)));
    const community = areas.find((c) => c.level === 'community' && a.code.startsWith(c.code));
    return {
      code: a.code, name: a.name, geometry: a.geometry, households: a.households,
      center: weightedCenter(inside.map((u) => ({ at: u.seed, w: u.households })), proj),
      buildings: [...refs].map((r) => byRef.get(r)!), communityName: community?.name,
    };
  };
  return {
    streets: areas.filter((a) => a.level === 'street').map(info),
    communities: areas.filter((a) => a.level === 'community').map(info),
    grids: areas.filter((a) => a.level === 'grid').map(info),
  };
}
