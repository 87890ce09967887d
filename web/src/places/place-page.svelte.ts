/** The place page's data: one cancellable load per place, reloaded after a booking or sign-up. */
import { ApiError, isAbortError, placesApi, type PlacePage } from '../lib/api';

export class PlacePageState {
  place = $state.raw<PlacePage | null>(null);
  loading = $state(false);
  /** `NOT_FOUND`, or the message of another failure. */
  error = $state<{ code: string; message: string } | null>(null);
  #ctrl: AbortController | null = null;

  async load(id: number): Promise<void> {
    this.#ctrl?.abort();
    const ctrl = (this.#ctrl = new AbortController());
    if (this.place?.id !== id) this.place = null;
    this.loading = true;
    this.error = null;
    try {
      this.place = await placesApi.place(id, undefined, ctrl.signal);
    } catch (err) {
      if (isAbortError(err)) return;
      this.error = err instanceof ApiError ? { code: err.code, message: err.message } : { code: 'NETWORK', message: String(err) };
    } finally {
      if (this.#ctrl === ctrl) this.loading = false;
    }
  }

  dispose(): void {
    this.#ctrl?.abort();
  }
}
