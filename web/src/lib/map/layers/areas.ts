/**
 * The four area levels on the map: which zooms show each, their fills, outlines, selection
 * highlight and labels. Grids and units are coloured by their household band
 * (grid 200–400, unit 20–30: see docs/DOMAIN.md).
 */
import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import { AREA_LEVELS, type AreaLevel, type Band } from '../../api/types';
import { MAP_FONT_STACK } from '../fonts';

export interface LevelStyle {
  /** Zoom from which the level is fetched and outlined (the outline stays on when zooming in). */
  minzoom: number;
  /** Zooms over which the fill and the labels show. */
  fill: [number, number];
  label: [number, number];
  lineColor: string;
  /** Outline width in px at [minzoom, minzoom + 4]. */
  lineWidth: [number, number];
  labelSize: number;
  labelColor: string;
}

export const LEVEL_STYLES: Record<AreaLevel, LevelStyle> = {
  street: { minzoom: 10, fill: [10, 14], label: [10, 13.8], lineColor: '#6a3d9a', lineWidth: [2, 4], labelSize: 17, labelColor: '#4b2470' },
  community: { minzoom: 12.5, fill: [12.5, 15.5], label: [13, 15.5], lineColor: '#1f78b4', lineWidth: [1.5, 3], labelSize: 14, labelColor: '#134f78' },
  grid: { minzoom: 14.5, fill: [14.5, 17.5], label: [14.8, 17.5], lineColor: '#3d4a55', lineWidth: [0.8, 2], labelSize: 12, labelColor: '#1f2a33' },
  unit: { minzoom: 16.5, fill: [16.5, 22], label: [17, 22], lineColor: '#6f7b85', lineWidth: [0.5, 1.2], labelSize: 11, labelColor: '#2b3640' },
};

export const BAND_COLORS: Record<Band, string> = {
  under: '#f4b942',
  in: '#4fb286',
  over: '#e4572e',
};
export const NO_BAND_COLOR = '#b8bec4';
export const LEVEL_FILL: Record<AreaLevel, string> = {
  street: '#6a3d9a',
  community: '#1f78b4',
  grid: NO_BAND_COLOR,
  unit: NO_BAND_COLOR,
};
export const SELECTED_COLOR = '#d7191c';

export const areaSourceId = (level: AreaLevel) => `area-${level}`;
export const areaLabelSourceId = (level: AreaLevel) => `area-${level}-labels`;
export const areaFillLayerId = (level: AreaLevel) => `area-${level}-fill`;
export const areaLabelLayerId = (level: AreaLevel) => `area-${level}-label`;

/** Every area source promotes the `id` property, so feature-state works with any id type. */
export function areaSources(): Record<string, SourceSpecification> {
  const sources: Record<string, SourceSpecification> = {};
  for (const level of AREA_LEVELS) {
    const empty = { type: 'FeatureCollection' as const, features: [] };
    sources[areaSourceId(level)] = { type: 'geojson', data: empty, promoteId: 'id' };
    sources[areaLabelSourceId(level)] = { type: 'geojson', data: empty, promoteId: 'id' };
  }
  return sources;
}

const state = (name: string): ExpressionSpecification => ['boolean', ['feature-state', name], false];

const bandColor: ExpressionSpecification = [
  'match', ['coalesce', ['get', 'band'], ''],
  'under', BAND_COLORS.under,
  'in', BAND_COLORS.in,
  'over', BAND_COLORS.over,
  NO_BAND_COLOR,
];

/** Opacity ramp: 0 at the edges of `[from, to]`, `peak` inside, selected/hovered areas stronger. */
function fillOpacity([from, to]: [number, number], peak: number): ExpressionSpecification {
  const value: ExpressionSpecification = ['case', state('selected'), peak + 0.2, state('hover'), peak + 0.12, peak];
  const stops: unknown[] = ['interpolate', ['linear'], ['zoom'], from, 0, from + 0.5, value];
  if (to < 22) stops.push(to - 0.5, value, to, 0);
  return stops as ExpressionSpecification;
}

function fillLayer(level: AreaLevel): LayerSpecification {
  const s = LEVEL_STYLES[level];
  const banded = level === 'grid' || level === 'unit';
  const peak = { street: 0.06, community: 0.08, grid: 0.38, unit: 0.42 }[level];
  return {
    id: areaFillLayerId(level), type: 'fill', source: areaSourceId(level),
    minzoom: s.fill[0], maxzoom: s.fill[1],
    paint: { 'fill-color': banded ? bandColor : LEVEL_FILL[level], 'fill-opacity': fillOpacity(s.fill, peak) },
  };
}

function outlineLayer(level: AreaLevel): LayerSpecification {
  const s = LEVEL_STYLES[level];
  const width: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], s.minzoom, s.lineWidth[0], s.minzoom + 4, s.lineWidth[1]];
  return {
    id: `area-${level}-line`, type: 'line', source: areaSourceId(level), minzoom: s.minzoom,
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': s.lineColor,
      'line-width': width,
      'line-opacity': ['interpolate', ['linear'], ['zoom'], s.minzoom, 0, s.minzoom + 0.4, 0.9],
      ...(level === 'community' ? { 'line-dasharray': [3, 1.5] } : {}),
    },
  };
}

/** Drawn whatever the zoom, so a selected street still shows when zoomed in to its units. */
function selectedLayer(level: AreaLevel): LayerSpecification {
  return {
    id: `area-${level}-selected`, type: 'line', source: areaSourceId(level),
    layout: { 'line-join': 'round' },
    paint: {
      'line-color': SELECTED_COLOR,
      'line-width': ['interpolate', ['linear'], ['zoom'], 10, 3, 18, 5],
      'line-opacity': ['case', state('selected'), 1, 0],
    },
  };
}

/**
 * Name, and for grids and units a second line with the household count.
 * @param householdsSuffix - e.g. "户" or " hh", from the current language
 */
export function labelTextField(level: AreaLevel, householdsSuffix: string): ExpressionSpecification {
  if (level === 'street' || level === 'community') return ['get', 'name'];
  return [
    'format',
    ['get', 'name'], {},
    '\n', {},
    ['concat', ['to-string', ['get', 'households']], householdsSuffix], { 'font-scale': 0.85 },
  ];
}

function labelLayer(level: AreaLevel, householdsSuffix: string): LayerSpecification {
  const s = LEVEL_STYLES[level];
  return {
    id: areaLabelLayerId(level), type: 'symbol', source: areaLabelSourceId(level),
    minzoom: s.label[0], maxzoom: s.label[1],
    layout: {
      'text-field': labelTextField(level, householdsSuffix),
      'text-font': MAP_FONT_STACK,
      'text-size': s.labelSize,
      'text-max-width': 8,
      'text-padding': 4,
      'symbol-sort-key': ['-', 0, ['coalesce', ['get', 'households'], 0]],
    },
    paint: {
      'text-color': s.labelColor,
      'text-halo-color': 'rgba(255,255,255,0.92)',
      'text-halo-width': 1.6,
    },
  };
}

/** Fills (streets at the bottom), outlines (streets on top), selection, then labels (streets on top). */
export function areaLayers(householdsSuffix: string): { shapes: LayerSpecification[]; labels: LayerSpecification[] } {
  const bottomUp = [...AREA_LEVELS].reverse(); // unit, grid, community, street
  return {
    shapes: [
      ...AREA_LEVELS.map(fillLayer),
      ...bottomUp.map(outlineLayer),
      ...bottomUp.map(selectedLayer),
    ],
    labels: bottomUp.map((level) => labelLayer(level, householdsSuffix)),
  };
}

export const AREA_FILL_LAYERS = AREA_LEVELS.map(areaFillLayerId);
