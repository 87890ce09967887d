/**
 * The circle's drawing on one maplibre Map: building colours through feature-state on the
 * buildings source (buildingId → state; the buildings loaded later pick the state up), stations,
 * isochrone bands and a walking route. `destroy()` leaves the map as it found it.
 */
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { BuildingCoverage, IsochroneCollection, PlaceCollection, WalkRoute } from '../lib/api';
import { BASE_SOURCES } from '../lib/map/layers/base';
import { paintByBuilding } from './bands';
import { addCircleLayers, BUILDING_STATE, CIRCLE_SOURCES, removeCircleLayers, STATION_STATE } from './layers';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const building = (id: number) => ({ source: BASE_SOURCES.buildings, id });
const station = (id: number) => ({ source: CIRCLE_SOURCES.stations, id });

export class CircleMap {
  #painted = new Set<number>();
  #removed = new Set<number>();
  #selected: number | null = null;
  #focus: number | null = null;

  constructor(private readonly map: MapLibreMap) {
    addCircleLayers(map);
  }

  #set(sourceId: string, data: FeatureCollection): void {
    this.map.getSource<GeoJSONSource>(sourceId)?.setData(data);
  }

  /** Colours every building of the coverage by its walking time; buildings no longer in it lose theirs. */
  paintBuildings(rows: readonly BuildingCoverage[] | null): void {
    const paints = paintByBuilding(rows ?? []);
    for (const id of this.#painted) {
      if (paints.has(id)) continue;
      this.map.removeFeatureState(building(id), BUILDING_STATE.band);
      this.map.removeFeatureState(building(id), BUILDING_STATE.uncovered);
    }
    for (const [id, p] of paints) {
      this.map.setFeatureState(building(id), { [BUILDING_STATE.band]: p.band, [BUILDING_STATE.uncovered]: p.uncovered });
    }
    this.#painted = new Set(paints.keys());
  }

  setStations(data: PlaceCollection | null): void {
    this.#set(CIRCLE_SOURCES.stations, data ?? EMPTY);
  }

  /** Existing stations left out in the what-if (drawn grey). */
  setRemoved(ids: readonly number[]): void {
    const next = new Set(ids);
    for (const id of this.#removed) if (!next.has(id)) this.map.setFeatureState(station(id), { [STATION_STATE.removed]: false });
    for (const id of next) this.map.setFeatureState(station(id), { [STATION_STATE.removed]: true });
    this.#removed = next;
  }

  selectStation(id: number | null): void {
    if (this.#selected !== null) this.map.setFeatureState(station(this.#selected), { [STATION_STATE.selected]: false });
    this.#selected = id;
    if (id !== null) this.map.setFeatureState(station(id), { [STATION_STATE.selected]: true });
  }

  /** Widest band first, so the narrower ones are drawn over it. */
  setIsochrones(data: IsochroneCollection | null): void {
    const features = [...(data?.features ?? [])].sort((a, b) => b.properties.minutes - a.properties.minutes);
    this.#set(CIRCLE_SOURCES.isochrones, { type: 'FeatureCollection', features });
  }

  setRoute(route: WalkRoute | null): void {
    this.#set(CIRCLE_SOURCES.route, route ? { type: 'FeatureCollection', features: [route] } : EMPTY);
  }

  /** Outlines one building (a worst-served one picked in the panel). */
  focusBuilding(id: number | null): void {
    if (this.#focus !== null) this.map.removeFeatureState(building(this.#focus), BUILDING_STATE.focus);
    this.#focus = id;
    if (id !== null) this.map.setFeatureState(building(id), { [BUILDING_STATE.focus]: true });
  }

  destroy(): void {
    this.paintBuildings(null);
    this.focusBuilding(null);
    removeCircleLayers(this.map);
    this.#removed.clear();
    this.#selected = null;
  }
}
