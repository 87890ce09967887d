/**
 * A worst-served building picked in the panel: where it is (its unit's box, from the areas API)
 * and the walk from there to its nearest station (GET /api/circle/walk).
 */
import { api, isAbortError, type Bbox, type WalkRoute, type WorstBuilding } from '../lib/api';

export class FocusState {
  building = $state.raw<WorstBuilding | null>(null);
  route = $state.raw<WalkRoute | null>(null);
  routeError = $state<string | null>(null);
  /** No existing station within the search bound (or only hypothetical ones): no route to ask for. */
  noStation = $state(false);
  #controller: AbortController | null = null;

  /**
   * @param station - the nearest station's place id; hypothetical (negative) or null: no route
   * @param onPlace - called with the unit's box as soon as it is known, then with the box of the
   *   unit and its walk (to fly there and show the whole way)
   */
  async focus(b: WorstBuilding, station: number | null, q: { speed: number; at?: string }, onPlace: (bbox: Bbox) => void): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.building = b;
    this.route = null;
    this.routeError = null;
    this.noStation = station === null;
    try {
      const unit = await api.area(b.unitId, controller.signal);
      if (controller.signal.aborted) return;
      onPlace(unit.bbox);
      if (station === null || station < 0) return;
      const route = await api.circleWalk({ from: unit.center, to: station, speed: q.speed, at: q.at }, controller.signal);
      if (controller.signal.aborted) return;
      this.route = route;
      onPlace(extend(unit.bbox, route.geometry.coordinates as [number, number][]));
    } catch (err) {
      if (!isAbortError(err)) this.routeError = err instanceof Error ? err.message : String(err);
    } finally {
      if (this.#controller === controller) this.#controller = null;
    }
  }

  clear(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.building = null;
    this.route = null;
    this.routeError = null;
    this.noStation = false;
  }
}

function extend(bbox: Bbox, points: readonly [number, number][]): Bbox {
  let [w, s, e, n] = bbox;
  for (const [x, y] of points) {
    w = Math.min(w, x);
    s = Math.min(s, y);
    e = Math.max(e, x);
    n = Math.max(n, y);
  }
  return [w, s, e, n];
}
