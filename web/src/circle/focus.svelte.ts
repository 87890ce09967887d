/**
 * A worst-served building picked in the panel: where it is (its unit's box, from the areas API)
 * and the walk from there to its nearest station (GET /api/circle/walk).
 */
import { api, isAbortError, type AreaDetail, type WalkRoute, type WorstBuilding } from '../lib/api';

export class FocusState {
  building = $state.raw<WorstBuilding | null>(null);
  route = $state.raw<WalkRoute | null>(null);
  routeError = $state<string | null>(null);
  #controller: AbortController | null = null;

  /**
   * @param station - the nearest station's place id; hypothetical (negative) or null: no route
   * @param onPlace - called with the unit's details as soon as they are known (to fly there)
   */
  async focus(
    b: WorstBuilding,
    station: number | null,
    q: { speed: number; at?: string },
    onPlace: (unit: AreaDetail) => void,
  ): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    this.building = b;
    this.route = null;
    this.routeError = null;
    try {
      const unit = await api.area(b.unitId, controller.signal);
      if (controller.signal.aborted) return;
      onPlace(unit);
      if (station === null || station < 0) return;
      this.route = await api.circleWalk({ from: unit.center, to: station, speed: q.speed, at: q.at }, controller.signal);
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
  }
}
