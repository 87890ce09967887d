/**
 * What the hazard screens draw on one maplibre Map: cases coloured by state and clustered when
 * zoomed out (GeoJSON source clustering, overdue counted per cluster), a heat map, per-area count
 * labels, the report's pin and the open case. Added while a hazard screen is open, removed by
 * `destroy()`; nothing here is in the base style.
 */
import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, GeoJSONSource, LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { HazardCounts, HazardLayer } from '../lib/api/hazards-types';
import { MAP_FONT_STACK } from '../lib/map/fonts';
import { STATE_COLORS } from './format';
import type { HazardShow } from './hazard-url';

export const HZ_SOURCES = { cases: 'hz-cases', heat: 'hz-heat', counts: 'hz-counts', pin: 'hz-pin', focus: 'hz-focus' } as const;
export const HZ_LAYERS = {
  heat: 'hz-heat',
  clusters: 'hz-clusters',
  clusterCount: 'hz-cluster-count',
  points: 'hz-points',
  counts: 'hz-counts-dot',
  countLabels: 'hz-counts-label',
  focus: 'hz-focus-ring',
  pin: 'hz-pin-dot',
} as const;

const OVERDUE = '#d50000';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
/** Clusters break apart from this zoom on (a compound at z16 is a few hundred px). */
const CLUSTER_MAX_ZOOM = 15;

const stateColor: ExpressionSpecification = ['match', ['get', 'state'], ...Object.entries(STATE_COLORS).flat(), '#607d8b'] as unknown as ExpressionSpecification;
const font = [...MAP_FONT_STACK];

function layerSpecs(): LayerSpecification[] {
  return [
    {
      id: HZ_LAYERS.heat, type: 'heatmap', source: HZ_SOURCES.heat, layout: { visibility: 'none' },
      paint: {
        'heatmap-weight': ['case', ['get', 'overdue'], 1, 0.6],
        'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 11, 0.6, 17, 2],
        'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 11, 10, 17, 30],
        'heatmap-opacity': 0.8,
      },
    },
    {
      id: HZ_LAYERS.clusters, type: 'circle', source: HZ_SOURCES.cases, filter: ['has', 'point_count'],
      paint: {
        'circle-color': ['step', ['get', 'point_count'], '#ffb74d', 10, '#fb8c00', 50, '#e65100'],
        'circle-radius': ['step', ['get', 'point_count'], 15, 10, 19, 50, 24],
        'circle-stroke-color': ['case', ['>', ['get', 'overdue'], 0], OVERDUE, 'white'],
        'circle-stroke-width': ['case', ['>', ['get', 'overdue'], 0], 3, 2],
      },
    },
    {
      id: HZ_LAYERS.clusterCount, type: 'symbol', source: HZ_SOURCES.cases, filter: ['has', 'point_count'],
      layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-size': 13, 'text-font': font, 'text-allow-overlap': true },
      paint: { 'text-color': 'white' },
    },
    {
      id: HZ_LAYERS.points, type: 'circle', source: HZ_SOURCES.cases, filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': stateColor,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 6, 18, 10],
        'circle-stroke-color': ['case', ['get', 'overdue'], OVERDUE, 'white'],
        'circle-stroke-width': ['case', ['get', 'overdue'], 3.5, 2],
      },
    },
    {
      id: HZ_LAYERS.counts, type: 'circle', source: HZ_SOURCES.counts, layout: { visibility: 'none' },
      paint: {
        'circle-color': ['case', ['>', ['get', 'overdue'], 0], OVERDUE, ['>', ['get', 'open'], 0], '#e65100', '#2e7d32'],
        'circle-radius': ['interpolate', ['linear'], ['get', 'total'], 0, 12, 50, 22, 500, 32],
        'circle-opacity': 0.85,
        'circle-stroke-color': 'white',
        'circle-stroke-width': 2,
      },
    },
    {
      id: HZ_LAYERS.countLabels, type: 'symbol', source: HZ_SOURCES.counts, layout: {
        visibility: 'none',
        'text-field': ['concat', ['to-string', ['get', 'open']], '/', ['to-string', ['get', 'total']]],
        'text-size': 12, 'text-font': font, 'text-allow-overlap': true,
      },
      paint: { 'text-color': 'white' },
    },
    {
      id: HZ_LAYERS.focus, type: 'circle', source: HZ_SOURCES.focus,
      paint: { 'circle-radius': 16, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#b71c1c', 'circle-stroke-width': 3 },
    },
    {
      id: HZ_LAYERS.pin, type: 'circle', source: HZ_SOURCES.pin,
      paint: { 'circle-radius': 10, 'circle-color': '#b71c1c', 'circle-stroke-color': 'white', 'circle-stroke-width': 3 },
    },
  ];
}

const point = (p: [number, number] | null): FeatureCollection =>
  p ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: p } }] } : EMPTY;

export class HazardMap {
  constructor(private readonly map: MapLibreMap) {
    if (!map.getSource(HZ_SOURCES.cases)) {
      map.addSource(HZ_SOURCES.cases, {
        type: 'geojson', data: EMPTY, cluster: true, clusterMaxZoom: CLUSTER_MAX_ZOOM, clusterRadius: 48,
        clusterProperties: { overdue: ['+', ['case', ['get', 'overdue'], 1, 0]] },
      });
    }
    for (const id of [HZ_SOURCES.heat, HZ_SOURCES.counts, HZ_SOURCES.pin, HZ_SOURCES.focus]) {
      if (!map.getSource(id)) map.addSource(id, { type: 'geojson', data: EMPTY });
    }
    for (const spec of layerSpecs()) if (!map.getLayer(spec.id)) map.addLayer(spec);
  }

  #set(id: string, data: FeatureCollection): void {
    this.map.getSource<GeoJSONSource>(id)?.setData(data);
  }

  setCases(data: HazardLayer | null): void {
    this.#set(HZ_SOURCES.cases, data ?? EMPTY);
    this.#set(HZ_SOURCES.heat, data ?? EMPTY);
  }

  setCounts(data: HazardCounts | null): void {
    this.#set(HZ_SOURCES.counts, data ?? EMPTY);
  }

  setPin(p: [number, number] | null): void {
    this.#set(HZ_SOURCES.pin, point(p));
  }

  setFocus(p: [number, number] | null): void {
    this.#set(HZ_SOURCES.focus, point(p));
  }

  /** Points (with clusters), a heat map, or count labels per area. */
  show(mode: HazardShow): void {
    const vis = (id: string, on: boolean) => this.map.getLayer(id) && this.map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
    for (const id of [HZ_LAYERS.clusters, HZ_LAYERS.clusterCount, HZ_LAYERS.points]) vis(id, mode === 'points');
    vis(HZ_LAYERS.heat, mode === 'heat');
    vis(HZ_LAYERS.counts, mode === 'counts');
    vis(HZ_LAYERS.countLabels, mode === 'counts');
  }

  /** Zooms into a cluster far enough to split it. */
  async expandCluster(clusterId: number, center: [number, number]): Promise<void> {
    const zoom = await this.map.getSource<GeoJSONSource>(HZ_SOURCES.cases)?.getClusterExpansionZoom(clusterId);
    if (zoom !== undefined) this.map.easeTo({ center, zoom: zoom + 0.2 });
  }

  destroy(): void {
    for (const spec of layerSpecs().reverse()) if (this.map.getLayer(spec.id)) this.map.removeLayer(spec.id);
    for (const id of Object.values(HZ_SOURCES)) if (this.map.getSource(id)) this.map.removeSource(id);
  }
}
