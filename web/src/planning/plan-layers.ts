/**
 * The workspace's map layers: the units source, uploaded ONCE when a draft loads and then painted
 * through feature state (`color`, `locked`, `island`, `unassigned`), and small derived sources for
 * grid outlines (turf union of the grid's cells, per changed grid) and grid labels.
 */
import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { featureCollection, union } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { MAP_FONT_STACK } from '../lib/map/fonts';
import { labelPoint } from '../lib/map/label-points';
import type { PlanWorkspace } from './workspace.svelte';

export const UNITS_SOURCE = 'plan-units';
export const GRIDS_SOURCE = 'plan-grids';
export const GRID_LABELS_SOURCE = 'plan-grid-labels';
export const UNITS_FILL = 'plan-units-fill';
const UNASSIGNED = '#ffffff';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function layers(): LayerSpecification[] {
  const state = (k: string): ExpressionSpecification => ['boolean', ['feature-state', k], false];
  return [
    {
      id: UNITS_FILL, type: 'fill', source: UNITS_SOURCE,
      paint: {
        'fill-color': ['to-color', ['coalesce', ['feature-state', 'color'], UNASSIGNED]],
        'fill-opacity': ['case', state('locked'), 0.3, state('unassigned'), 0.75, 0.55],
      },
    },
    { id: 'plan-units-line', type: 'line', source: UNITS_SOURCE, paint: { 'line-color': '#ffffff', 'line-width': 0.8, 'line-opacity': 0.9 } },
    {
      id: 'plan-units-flag', type: 'line', source: UNITS_SOURCE,
      paint: {
        'line-color': ['case', state('island'), '#d7191c', '#6a3d9a'],
        'line-width': ['case', state('island'), 3, state('outside'), 1.5, 0],
      },
    },
    { id: 'plan-grids-line', type: 'line', source: GRIDS_SOURCE, paint: { 'line-color': '#1f2a33', 'line-width': 2.2 } },
    {
      id: 'plan-grid-labels', type: 'symbol', source: GRID_LABELS_SOURCE,
      layout: { 'text-field': ['get', 'text'], 'text-font': MAP_FONT_STACK, 'text-size': 13, 'text-allow-overlap': false },
      paint: { 'text-color': '#1f2a33', 'text-halo-color': '#ffffff', 'text-halo-width': 1.6 },
    },
  ];
}

/**
 * Puts the workspace on the map and keeps it painted. @returns a function that removes it all
 */
export function attachPlanLayers(map: MapLibreMap, ws: PlanWorkspace, householdsSuffix: () => string): () => void {
  for (const id of [UNITS_SOURCE, GRIDS_SOURCE, GRID_LABELS_SOURCE]) map.addSource(id, { type: 'geojson', data: EMPTY, promoteId: 'id' });
  for (const l of layers()) map.addLayer(l as Parameters<MapLibreMap['addLayer']>[0]);

  const outlines = new Map<string, { sig: string; feature: Feature<Polygon | MultiPolygon> | null }>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let flagged = new Set<string>();

  const paintUnit = (id: string) => {
    const g = ws.gridOf(id);
    map.setFeatureState({ source: UNITS_SOURCE, id: Number(id) }, { color: g === null ? null : ws.colorOf(g), locked: ws.isLocked(g), unassigned: g === null });
  };

  /** islands and units outside the unit band, from the live measures */
  const paintFlags = () => {
    const m = ws.measures;
    const islands = new Set(m.grids.flatMap((g) => g.islandUnits));
    const outside = new Set(m.summary.unitsOutsideUnitBand);
    const next = new Set([...islands, ...outside]);
    for (const id of new Set([...flagged, ...next])) map.setFeatureState({ source: UNITS_SOURCE, id: Number(id) }, { island: islands.has(id), outside: outside.has(id) });
    flagged = next;
  };

  const redrawGrids = () => {
    const feats: Feature<Polygon | MultiPolygon>[] = [];
    const labels: Feature<Point>[] = [];
    const byGrid = new Map(ws.measures.grids.map((g) => [g.id, g]));
    for (const grid of ws.grids) {
      const members = ws.unitsOf(grid);
      const sig = members.join(',');
      let o = outlines.get(grid);
      if (!o || o.sig !== sig) {
        const polys = members.map((u) => ({ type: 'Feature' as const, properties: {}, geometry: ws.unit(u)!.geometry }));
        let feature: Feature<Polygon | MultiPolygon> | null = null;
        try {
          feature = polys.length === 0 ? null : polys.length === 1 ? polys[0] : (union(featureCollection(polys)) as Feature<Polygon | MultiPolygon> | null);
        } catch {
          feature = null; // a degenerate union leaves the grid without an outline, never without its units
        }
        o = { sig, feature };
        outlines.set(grid, o);
      }
      if (!o.feature) continue;
      feats.push({ ...o.feature, properties: { grid } });
      const hh = byGrid.get(grid)?.households ?? 0;
      labels.push({ type: 'Feature', properties: { text: `${grid}\n${hh}${householdsSuffix()}` }, geometry: { type: 'Point', coordinates: labelPoint(o.feature.geometry) } });
    }
    (map.getSource(GRIDS_SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: feats });
    (map.getSource(GRID_LABELS_SOURCE) as GeoJSONSource | undefined)?.setData({ type: 'FeatureCollection', features: labels });
  };

  const scheduleGrids = (delayMs: number) => {
    clearTimeout(timer);
    timer = setTimeout(redrawGrids, delayMs);
  };

  const unsubscribe = ws.onChange((units) => {
    if (units === 'all') {
      // the one upload of the unit cells for this draft
      const data: FeatureCollection = {
        type: 'FeatureCollection',
        features: ws.units.map((u) => ({ type: 'Feature', properties: { id: Number(u.id), code: u.code, households: u.households }, geometry: u.geometry })),
      };
      (map.getSource(UNITS_SOURCE) as GeoJSONSource).setData(data);
      map.removeFeatureState({ source: UNITS_SOURCE });
      outlines.clear();
      flagged = new Set();
      for (const u of ws.units) paintUnit(u.id);
    } else {
      for (const id of units) paintUnit(id);
    }
    paintFlags();
    scheduleGrids(units === 'all' ? 0 : 250);
  });
  if (ws.units.length) {
    // loaded before the map was ready
    const data: FeatureCollection = { type: 'FeatureCollection', features: ws.units.map((u) => ({ type: 'Feature', properties: { id: Number(u.id), code: u.code, households: u.households }, geometry: u.geometry })) };
    (map.getSource(UNITS_SOURCE) as GeoJSONSource).setData(data);
    for (const u of ws.units) paintUnit(u.id);
    paintFlags();
    scheduleGrids(0);
  }

  return () => {
    clearTimeout(timer);
    unsubscribe();
    for (const l of layers()) if (map.getLayer(l.id)) map.removeLayer(l.id);
    for (const id of [UNITS_SOURCE, GRIDS_SOURCE, GRID_LABELS_SOURCE]) if (map.getSource(id)) map.removeSource(id);
  };
}

/** Bounding box [w, s, e, n] of the workspace's cells. */
export function unitsBbox(ws: PlanWorkspace): [number, number, number, number] | null {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const u of ws.units) {
    const polys = u.geometry.type === 'Polygon' ? [u.geometry.coordinates] : u.geometry.coordinates;
    for (const p of polys) for (const [x, y] of p[0]) {
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
