/**
 * What the finder draws on one maplibre Map: the walking route of the selected result, the
 * results as numbered dots (the selected one larger) and the origin. Added when the finder opens,
 * removed by `destroy()`; nothing here is in the base style. Data is small (≤ 20 places), so
 * the selection is a property re-sent with `setData`, not feature-state.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { NearestResult } from '../lib/api';
import { MAP_FONT_STACK } from '../lib/map/fonts';

export const FINDER_SOURCES = { route: 'finder-route', places: 'finder-places', origin: 'finder-origin' } as const;
export const FINDER_LAYERS = {
  routeCasing: 'finder-route-casing',
  route: 'finder-route-line',
  places: 'finder-place',
  placeLabels: 'finder-place-label',
  origin: 'finder-origin-dot',
} as const;

const ROUTE_COLOR = '#0b62b0';
const PLACE_COLOR = '#b71c1c';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function layerSpecs(): LayerSpecification[] {
  return [
    {
      id: FINDER_LAYERS.routeCasing, type: 'line', source: FINDER_SOURCES.route,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': 'white', 'line-width': 9 },
    },
    {
      id: FINDER_LAYERS.route, type: 'line', source: FINDER_SOURCES.route,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': ROUTE_COLOR, 'line-width': 5, 'line-dasharray': [1, 0.6] },
    },
    {
      id: FINDER_LAYERS.places, type: 'circle', source: FINDER_SOURCES.places,
      paint: {
        'circle-color': ['case', ['get', 'selected'], PLACE_COLOR, 'white'],
        'circle-stroke-color': PLACE_COLOR,
        'circle-stroke-width': 2.5,
        'circle-radius': ['case', ['get', 'selected'], 12, 9],
      },
    },
    {
      id: FINDER_LAYERS.placeLabels, type: 'symbol', source: FINDER_SOURCES.places,
      layout: { 'text-field': ['to-string', ['get', 'rank']], 'text-size': 12, 'text-allow-overlap': true, 'text-font': [...MAP_FONT_STACK] },
      paint: { 'text-color': ['case', ['get', 'selected'], 'white', PLACE_COLOR] },
    },
    {
      id: FINDER_LAYERS.origin, type: 'circle', source: FINDER_SOURCES.origin,
      paint: { 'circle-color': ROUTE_COLOR, 'circle-radius': 8, 'circle-stroke-color': 'white', 'circle-stroke-width': 3 },
    },
  ];
}

export class FinderMap {
  constructor(private readonly map: MapLibreMap) {
    for (const id of Object.values(FINDER_SOURCES)) {
      if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: EMPTY });
    }
    for (const spec of layerSpecs()) if (!map.getLayer(spec.id)) map.addLayer(spec);
  }

  #set(id: string, data: FeatureCollection): void {
    this.map.getSource<GeoJSONSource>(id)?.setData(data);
  }

  setOrigin(origin: [number, number] | null): void {
    const f: Feature<Point>[] = origin ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: origin } }] : [];
    this.#set(FINDER_SOURCES.origin, { type: 'FeatureCollection', features: f });
  }

  /** The results as numbered dots (rank from 1, as in the list). */
  setResults(results: readonly NearestResult[], selectedId: number | null): void {
    this.#set(FINDER_SOURCES.places, {
      type: 'FeatureCollection',
      features: results.map((r, i) => ({
        type: 'Feature',
        id: r.place.id,
        properties: { id: r.place.id, rank: i + 1, selected: r.place.id === selectedId },
        geometry: { type: 'Point', coordinates: r.place.point },
      })),
    });
  }

  setRoute(route: LineString | null): void {
    this.#set(FINDER_SOURCES.route, route ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: route }] } : EMPTY);
  }

  destroy(): void {
    for (const spec of layerSpecs().reverse()) if (this.map.getLayer(spec.id)) this.map.removeLayer(spec.id);
    for (const id of Object.values(FINDER_SOURCES)) if (this.map.getSource(id)) this.map.removeSource(id);
  }
}
