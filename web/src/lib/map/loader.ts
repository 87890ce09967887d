/**
 * Keeps the map's GeoJSON sources filled for the visible area: after the map stops moving
 * (debounced), each feed whose zoom range is visible fetches the view plus a margin, unless what it
 * already holds covers the view; a newer fetch aborts the stale one.
 */
import type { Map as MapLibreMap, GeoJSONSource } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { isAbortError } from '../api/http';
import type { Bbox } from '../api/types';
import { clampBbox, containsBbox, intersectBbox, padBbox } from './bbox';

export interface Feed {
  /** A name for errors and debugging. */
  name: string;
  /** Fetched from this zoom up. */
  minzoom: number;
  /** A different value for a new zoom means refetch (e.g. the server simplifies by zoom). */
  zoomBucket?: (zoom: number) => number;
  load(bbox: Bbox, zoom: number, signal: AbortSignal): Promise<FeatureCollection>;
  /** Puts the data on the map, e.g. `setData` on one or more sources. */
  apply(map: MapLibreMap, data: FeatureCollection): void;
}

interface FeedState {
  controller: AbortController | null;
  covered: Bbox | null;
  bucket: number | null;
}

export interface LoaderOptions {
  /** Where there is data at all (meta.bbox); outside it nothing is fetched. */
  dataBbox: Bbox;
  debounceMs?: number;
  /** Fraction of the view added on every side of a fetch, so small pans need no new request. */
  margin?: number;
  onError?: (feed: string, err: unknown) => void;
  /** After a feed's data has been put on the map. */
  onApplied?: (feed: string, data: FeatureCollection) => void;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export class MapDataLoader {
  #states = new Map<Feed, FeedState>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #dataBbox: Bbox;

  constructor(
    private readonly map: MapLibreMap,
    private readonly feeds: Feed[],
    private readonly options: LoaderOptions,
  ) {
    for (const feed of feeds) this.#states.set(feed, { controller: null, covered: null, bucket: null });
    this.#dataBbox = padBbox(options.dataBbox, 0.02);
  }

  start(): void {
    this.map.on('moveend', this.#schedule);
    this.update();
  }

  stop(): void {
    this.map.off('moveend', this.#schedule);
    clearTimeout(this.#timer);
    for (const state of this.#states.values()) state.controller?.abort();
  }

  /** Forgets what was loaded and loads the view again. */
  refresh(): void {
    for (const state of this.#states.values()) state.covered = null;
    this.update();
  }

  #schedule = (): void => {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.update(), this.options.debounceMs ?? 150);
  };

  update(): void {
    const zoom = this.map.getZoom();
    const b = this.map.getBounds();
    const view: Bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
    for (const feed of this.feeds) {
      if (zoom < feed.minzoom) continue;
      const state = this.#states.get(feed)!;
      const bucket = feed.zoomBucket?.(zoom) ?? 0;
      if (state.covered && state.bucket === bucket && containsBbox(state.covered, clampBbox(view))) continue;
      void this.#load(feed, state, view, zoom, bucket);
    }
  }

  async #load(feed: Feed, state: FeedState, view: Bbox, zoom: number, bucket: number): Promise<void> {
    state.controller?.abort();
    const controller = new AbortController();
    state.controller = controller;
    const covered = clampBbox(padBbox(view, this.options.margin ?? 0.5));
    const query = intersectBbox(covered, this.#dataBbox);
    try {
      const data = query ? await feed.load(query, zoom, controller.signal) : EMPTY;
      if (controller.signal.aborted) return;
      feed.apply(this.map, data);
      state.covered = covered;
      state.bucket = bucket;
      this.options.onApplied?.(feed.name, data);
    } catch (err) {
      if (!isAbortError(err)) this.options.onError?.(feed.name, err);
    } finally {
      if (state.controller === controller) state.controller = null;
    }
  }
}

/** `setData` on a GeoJSON source that the style declares. */
export function setSourceData(map: MapLibreMap, sourceId: string, data: FeatureCollection): void {
  map.getSource<GeoJSONSource>(sourceId)?.setData(data);
}
