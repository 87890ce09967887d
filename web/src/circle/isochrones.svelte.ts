/** The walking bands (5/10/15 min) of one clicked station, drawn from the edges the API reached. */
import { api, isAbortError, type IsochroneCollection } from '../lib/api';
import { ISOCHRONE_MINUTES } from './params';

export class IsochroneState {
  station = $state.raw<{ id: number; name: string } | null>(null);
  bands = $state.raw<IsochroneCollection | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #controller: AbortController | null = null;

  /** @param speed - km/h @param at - ISO time, or undefined for any time */
  async show(station: { id: number; name: string }, speed: number, at: string | undefined): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    if (this.station?.id !== station.id) this.bands = null;
    this.station = station;
    this.loading = true;
    this.error = null;
    try {
      const bands = await api.circleIsochrones({ station: station.id, minutes: ISOCHRONE_MINUTES, speed, at }, controller.signal);
      if (!controller.signal.aborted) this.bands = bands;
    } catch (err) {
      if (!isAbortError(err)) this.error = err instanceof Error ? err.message : String(err);
    } finally {
      if (this.#controller === controller) {
        this.loading = false;
        this.#controller = null;
      }
    }
  }

  clear(): void {
    this.#controller?.abort();
    this.#controller = null;
    this.station = null;
    this.bands = null;
    this.loading = false;
    this.error = null;
  }
}
