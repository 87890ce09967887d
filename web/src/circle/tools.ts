/**
 * The circle's map tools, one active at a time (terra-draw style start()/stop()):
 * - inspect: a click on a station shows its walking bands;
 * - what-if: a click on a station removes or restores it, a click elsewhere adds a hypothetical one.
 */
import type { Map as MapLibreMap, MapMouseEvent, PointLike } from 'maplibre-gl';
import type { LonLat } from '../lib/api';
import { STATION_LAYER } from './layers';

export interface MapTool {
  start(): void;
  stop(): void;
}

/** px around a tap that still hits a station (fingers are wide). */
const HIT_PX = 10;

export interface StationHit {
  id: number;
  name: string;
}

function stationAt(map: MapLibreMap, e: MapMouseEvent): StationHit | null {
  if (!map.getLayer(STATION_LAYER)) return null;
  const box: [PointLike, PointLike] = [
    [e.point.x - HIT_PX, e.point.y - HIT_PX],
    [e.point.x + HIT_PX, e.point.y + HIT_PX],
  ];
  const f = map.queryRenderedFeatures(box, { layers: [STATION_LAYER] })[0];
  const p = f?.properties as { id?: number; name?: string } | undefined;
  return p?.id !== undefined ? { id: Number(p.id), name: String(p.name ?? p.id) } : null;
}

/** Pointer cursor over stations. */
function hoverStations(map: MapLibreMap): (e: MapMouseEvent) => void {
  return (e) => {
    if (stationAt(map, e)) map.getCanvas().style.cursor = 'pointer';
  };
}

export class InspectTool implements MapTool {
  #onMove: (e: MapMouseEvent) => void;

  constructor(
    private readonly map: MapLibreMap,
    private readonly onStation: (s: StationHit) => void,
  ) {
    this.#onMove = hoverStations(map);
  }

  #onClick = (e: MapMouseEvent) => {
    const s = stationAt(this.map, e);
    if (s) this.onStation(s);
  };

  start(): void {
    this.map.on('click', this.#onClick);
    this.map.on('mousemove', this.#onMove);
  }

  stop(): void {
    this.map.off('click', this.#onClick);
    this.map.off('mousemove', this.#onMove);
  }
}

export class WhatIfTool implements MapTool {
  constructor(
    private readonly map: MapLibreMap,
    private readonly on: { toggleStation: (s: StationHit) => void; add: (at: LonLat) => void },
  ) {}

  #onClick = (e: MapMouseEvent) => {
    const s = stationAt(this.map, e);
    if (s) this.on.toggleStation(s);
    else this.on.add([e.lngLat.lng, e.lngLat.lat]);
  };

  start(): void {
    this.map.on('click', this.#onClick);
    this.map.getContainer().classList.add('circle-editing');
  }

  stop(): void {
    this.map.off('click', this.#onClick);
    this.map.getContainer().classList.remove('circle-editing');
  }
}
