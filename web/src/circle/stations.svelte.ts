/**
 * The stations drawn on the map: service points of the counted kinds around the area
 * (`/api/map/places`). Stations outside the area serve it too, so the box is padded.
 */
import { api, isAbortError, type Bbox, type PlaceCollection } from '../lib/api';
import { STATION_KINDS } from './params';

/** Degrees added around the area's box: about 2 km, beyond any walking budget offered. */
const PAD_DEG = 0.02;

export class StationsState {
  data = $state.raw<PlaceCollection | null>(null);
  error = $state<string | null>(null);
  #controller: AbortController | null = null;
  #key = '';

  async load(areaBbox: Bbox): Promise<void> {
    const [w, s, e, n] = areaBbox;
    const bbox: Bbox = [w - PAD_DEG, s - PAD_DEG, e + PAD_DEG, n + PAD_DEG];
    const key = bbox.join(',');
    if (key === this.#key && this.data) return;
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.error = null;
    try {
      const data = await api.places({ bbox, kinds: STATION_KINDS }, controller.signal);
      if (controller.signal.aborted) return;
      this.data = data;
      this.#key = key;
    } catch (err) {
      if (!isAbortError(err)) this.error = err instanceof Error ? err.message : String(err);
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
  }

  /** A station's name by id, for lists. */
  name(id: number): string | undefined {
    return this.data?.features.find((f) => f.properties.id === id)?.properties.name;
  }

  clear(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.data = null;
    this.#key = '';
  }
}
