/**
 * Our own base map: land background, water and land use from /api/map/basemap, roads from
 * /api/map/roads (width by OSM highway class), buildings from /api/map/buildings.
 */
import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import { MAP_FONT_STACK } from '../fonts';

export const BASE_SOURCES = { basemap: 'basemap', roads: 'roads', buildings: 'buildings' } as const;

export const LAND_COLOR = '#f4f1ea';

const emptyGeojson = (): SourceSpecification => ({
  type: 'geojson',
  data: { type: 'FeatureCollection', features: [] },
});

export function baseSources(): Record<string, SourceSpecification> {
  return {
    [BASE_SOURCES.basemap]: emptyGeojson(),
    [BASE_SOURCES.roads]: emptyGeojson(),
    [BASE_SOURCES.buildings]: emptyGeojson(),
  };
}

const isPolygon: ExpressionSpecification = ['==', ['geometry-type'], 'Polygon'];
const isLine: ExpressionSpecification = ['==', ['geometry-type'], 'LineString'];

const GREEN = ['park', 'grass', 'garden', 'forest', 'natural_wood', 'wood', 'recreation_ground', 'pitch', 'meadow', 'village_green', 'cemetery', 'protected_area', 'nature_reserve', 'golf_course'];

const landuseColor: ExpressionSpecification = [
  'match', ['get', 'kind'],
  GREEN, '#d6e9c9',
  ['residential'], '#efe8df',
  ['commercial', 'retail'], '#f4e3e1',
  ['school', 'university', 'college', 'kindergarten', 'hospital', 'library', 'place_of_worship'], '#f1ead3',
  ['industrial', 'railway'], '#e9e3ea',
  ['parking', 'pier', 'pedestrian', 'footway', 'bridge'], '#e7e4df',
  '#ece8e1',
];

/** Road classes, widest first: [OSM highway values, colour, width at z12, width at z18 (px)]. */
const ROAD_CLASSES: [string[], string, number, number][] = [
  [['motorway', 'motorway_link', 'trunk', 'trunk_link'], '#f2b35c', 1.6, 18],
  [['primary', 'primary_link'], '#f9d180', 1.3, 15],
  [['secondary', 'secondary_link'], '#fbeaa7', 1.1, 13],
  [['tertiary', 'tertiary_link'], '#ffffff', 0.9, 11],
  [['residential', 'unclassified', 'living_street', 'road'], '#ffffff', 0.5, 8],
  [['service'], '#ffffff', 0.3, 4.5],
];
const PATHS = ['footway', 'path', 'cycleway', 'steps', 'pedestrian', 'track', 'bridleway', 'corridor', 'pier'];

function roadMatch(pick: (c: (typeof ROAD_CLASSES)[number]) => string | number, fallback: string | number): ExpressionSpecification {
  const expr: unknown[] = ['match', ['get', 'highway']];
  for (const c of ROAD_CLASSES) expr.push(c[0], pick(c));
  expr.push(fallback);
  return expr as ExpressionSpecification;
}

function roadWidth(extra: number): ExpressionSpecification {
  return [
    'interpolate', ['exponential', 1.6], ['zoom'],
    12, roadMatch((c) => c[2] + extra * 0.3, 0.3),
    18, roadMatch((c) => c[3] + extra, 1),
  ];
}

const notPath: ExpressionSpecification = ['!', ['in', ['get', 'highway'], ['literal', PATHS]]];
const isPath: ExpressionSpecification = ['in', ['get', 'highway'], ['literal', PATHS]];
const tunnelOpacity: ExpressionSpecification = ['case', ['boolean', ['get', 'tunnel'], false], 0.45, 1];

export function baseLayers(): LayerSpecification[] {
  return [
    { id: 'background', type: 'background', paint: { 'background-color': LAND_COLOR } },
    {
      id: 'landuse', type: 'fill', source: BASE_SOURCES.basemap,
      filter: ['all', ['==', ['get', 'layer'], 'landuse'], isPolygon],
      paint: { 'fill-color': landuseColor },
    },
    {
      id: 'water', type: 'fill', source: BASE_SOURCES.basemap,
      filter: ['all', ['==', ['get', 'layer'], 'water'], isPolygon],
      paint: { 'fill-color': '#a9d0e8' },
    },
    {
      id: 'water-line', type: 'line', source: BASE_SOURCES.basemap,
      filter: ['all', ['==', ['get', 'layer'], 'water'], isLine],
      paint: { 'line-color': '#a9d0e8', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 1, 18, 6] },
    },
    {
      id: 'road-path', type: 'line', source: BASE_SOURCES.roads, minzoom: 14.5, filter: isPath,
      layout: { 'line-cap': 'round' },
      paint: {
        'line-color': '#b5a595',
        'line-width': ['interpolate', ['linear'], ['zoom'], 14.5, 0.5, 18, 2],
        'line-dasharray': [2, 1.5],
        'line-opacity': tunnelOpacity,
      },
    },
    {
      id: 'road-casing', type: 'line', source: BASE_SOURCES.roads, filter: notPath,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: {
        'line-color': ['case', ['boolean', ['get', 'bridge'], false], '#9d9182', '#d3c8ba'],
        'line-width': roadWidth(2),
        'line-opacity': tunnelOpacity,
      },
    },
    {
      id: 'road', type: 'line', source: BASE_SOURCES.roads, filter: notPath,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': roadMatch((c) => c[1], '#ffffff'), 'line-width': roadWidth(0), 'line-opacity': tunnelOpacity },
    },
    {
      id: 'building', type: 'fill', source: BASE_SOURCES.buildings, minzoom: 14,
      paint: {
        'fill-color': '#dcd5cb',
        'fill-outline-color': '#c4baad',
        'fill-opacity': ['interpolate', ['linear'], ['zoom'], 14, 0, 15, 1],
      },
    },
  ];
}

/** Street names along the roads, drawn above the area fills so they stay readable. */
export function roadLabelLayer(): LayerSpecification {
  return {
    id: 'road-label', type: 'symbol', source: BASE_SOURCES.roads, minzoom: 15,
    filter: ['all', notPath, ['!=', ['coalesce', ['get', 'name'], ''], '']],
    layout: {
      'symbol-placement': 'line',
      'text-field': ['get', 'name'],
      'text-font': MAP_FONT_STACK,
      'text-size': ['interpolate', ['linear'], ['zoom'], 15, 10, 18, 13],
      'text-max-angle': 30,
      'symbol-spacing': 300,
    },
    paint: { 'text-color': '#6b5e50', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
  };
}
