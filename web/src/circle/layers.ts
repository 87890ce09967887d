/**
 * What the circle mode draws: walking-time colours on the existing buildings source (through
 * feature-state, never re-uploading it), stations, isochrone bands and a walking route.
 * Added when the mode starts and removed when it stops; nothing here is in the base style.
 */
import type { ExpressionSpecification, LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { BASE_SOURCES } from '../lib/map/layers/base';
import { MAP_FONT_STACK } from '../lib/map/fonts';
import { BAND_COLOR, UNCOVERED_COLOR } from './bands';

export const CIRCLE_SOURCES = { stations: 'circle-stations', isochrones: 'circle-isochrones', route: 'circle-route' } as const;
export const STATION_LAYER = 'circle-station';
export const BUILDING_FILL_LAYER = 'circle-building-fill';

/** Feature-state keys on the buildings source. */
export const BUILDING_STATE = { band: 'circleBand', uncovered: 'circleUncovered', focus: 'circleFocus' } as const;
/** Feature-state keys on the stations source. */
export const STATION_STATE = { removed: 'removed', selected: 'selected' } as const;

/** Isochrone band colours, by the band's minutes (wider bands lighter). */
export const ISOCHRONE_COLOR: Record<number, string> = { 5: '#08519c', 10: '#3182bd', 15: '#9ecae1' };
export const STATION_COLOR = '#b71c1c';
export const REMOVED_COLOR = '#8a939b';

const flag = (key: string): ExpressionSpecification => ['boolean', ['feature-state', key], false];
const band: ExpressionSpecification = ['coalesce', ['feature-state', BUILDING_STATE.band], ''];

function layers(): { layer: LayerSpecification; before?: string }[] {
  return [
    {
      layer: {
        id: 'circle-isochrone-fill', type: 'fill', source: CIRCLE_SOURCES.isochrones,
        paint: {
          'fill-color': ['match', ['get', 'minutes'], 5, ISOCHRONE_COLOR[5], 10, ISOCHRONE_COLOR[10], ISOCHRONE_COLOR[15]],
          'fill-opacity': 0.28,
        },
      },
      before: 'road-label',
    },
    {
      layer: {
        id: 'circle-isochrone-line', type: 'line', source: CIRCLE_SOURCES.isochrones,
        paint: { 'line-color': '#08519c', 'line-width': 1.2, 'line-opacity': 0.7 },
      },
      before: 'road-label',
    },
    {
      // above the area fills, so walking-time colours are not tinted by the grid bands
      layer: {
        id: BUILDING_FILL_LAYER, type: 'fill', source: BASE_SOURCES.buildings, minzoom: 14,
        paint: {
          'fill-color': ['match', band,
            'b5', BAND_COLOR.b5, 'b10', BAND_COLOR.b10, 'b15', BAND_COLOR.b15, 'b99', BAND_COLOR.b99, 'none', BAND_COLOR.none,
            'rgba(0,0,0,0)'],
          'fill-opacity': ['case', ['==', band, ''], 0, 0.9],
        },
      },
      before: 'road-label',
    },
    {
      layer: {
        id: 'circle-building-line', type: 'line', source: BASE_SOURCES.buildings, minzoom: 14,
        paint: {
          'line-color': ['case', flag(BUILDING_STATE.focus), '#111111', UNCOVERED_COLOR],
          'line-width': ['interpolate', ['linear'], ['zoom'], 14, ['case', flag(BUILDING_STATE.focus), 3, 0.6], 18, ['case', flag(BUILDING_STATE.focus), 4, 2]],
          'line-opacity': ['case', flag(BUILDING_STATE.focus), 1, flag(BUILDING_STATE.uncovered), 0.95, 0],
        },
      },
      before: 'road-label',
    },
    {
      layer: {
        id: 'circle-route', type: 'line', source: CIRCLE_SOURCES.route,
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': '#111111', 'line-width': 4, 'line-dasharray': [1.2, 1], 'line-opacity': 0.85 },
      },
    },
    {
      layer: {
        id: STATION_LAYER, type: 'circle', source: CIRCLE_SOURCES.stations,
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, ['case', flag(STATION_STATE.selected), 7, 4], 17, ['case', flag(STATION_STATE.selected), 12, 8]],
          'circle-color': ['case', flag(STATION_STATE.removed), REMOVED_COLOR, STATION_COLOR],
          'circle-opacity': ['case', flag(STATION_STATE.removed), 0.55, 1],
          'circle-stroke-color': ['case', flag(STATION_STATE.selected), '#08519c', '#ffffff'],
          'circle-stroke-width': ['case', flag(STATION_STATE.selected), 3, 2],
        },
      },
    },
    {
      layer: {
        id: 'circle-station-label', type: 'symbol', source: CIRCLE_SOURCES.stations, minzoom: 16,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': MAP_FONT_STACK,
          'text-size': 12,
          'text-offset': [0, 1.1],
          'text-anchor': 'top',
          'text-optional': true,
        },
        paint: {
          'text-color': ['case', flag(STATION_STATE.removed), REMOVED_COLOR, '#7a1212'],
          'text-halo-color': '#ffffff',
          'text-halo-width': 1.5,
        },
      },
    },
  ];
}

/** Adds the circle's sources and layers (idempotent). */
export function addCircleLayers(map: MapLibreMap): void {
  const empty = { type: 'FeatureCollection' as const, features: [] };
  for (const id of Object.values(CIRCLE_SOURCES)) {
    if (map.getSource(id)) continue;
    // feature-state on stations is keyed by the place id
    map.addSource(id, id === CIRCLE_SOURCES.stations ? { type: 'geojson', data: empty, promoteId: 'id' } : { type: 'geojson', data: empty });
  }
  for (const { layer, before } of layers()) {
    if (!map.getLayer(layer.id)) map.addLayer(layer, before && map.getLayer(before) ? before : undefined);
  }
}

export function removeCircleLayers(map: MapLibreMap): void {
  for (const { layer } of layers().reverse()) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
  for (const id of Object.values(CIRCLE_SOURCES)) if (map.getSource(id)) map.removeSource(id);
}
