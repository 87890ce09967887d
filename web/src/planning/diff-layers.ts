/**
 * The diff on the workspace map: old boundaries dashed red, new ones solid blue, changed grids
 * filled; the plan's own layers hidden meanwhile.
 */
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { DiffResult } from '../lib/api/planning-types';

const SOURCE = 'plan-diff';
const PLAN_LAYERS = ['plan-units-fill', 'plan-units-line', 'plan-units-flag', 'plan-grids-line', 'plan-grid-labels'];

export function showDiff(map: MapLibreMap, diff: DiffResult | null): void {
  const visible = diff ? 'none' : 'visible';
  for (const id of PLAN_LAYERS) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible);
  if (!map.getSource(SOURCE)) {
    map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({ id: 'plan-diff-fill', type: 'fill', source: SOURCE, filter: ['all', ['==', ['get', 'side'], 'after'], ['!=', ['get', 'status'], 'unchanged']], paint: { 'fill-color': '#1f77b4', 'fill-opacity': 0.12 } });
    map.addLayer({ id: 'plan-diff-before', type: 'line', source: SOURCE, filter: ['==', ['get', 'side'], 'before'], paint: { 'line-color': '#d7191c', 'line-width': 2.5, 'line-dasharray': [2, 2] } });
    map.addLayer({ id: 'plan-diff-after', type: 'line', source: SOURCE, filter: ['==', ['get', 'side'], 'after'], paint: { 'line-color': '#1f4e9c', 'line-width': 2 } });
  }
  const data = (diff?.boundaries ?? { type: 'FeatureCollection', features: [] }) as FeatureCollection;
  (map.getSource(SOURCE) as GeoJSONSource).setData({ type: 'FeatureCollection', features: data.features.filter((f) => f.geometry) });
}
