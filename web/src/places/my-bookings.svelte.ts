/**
 * The signed-in user's bookings and activity registrations (`GET /api/me/bookings`), cancelling
 * either, and signing up for an activity (registered, or on the waiting list when full).
 */
import { ApiError, isAbortError, placesApi, type MyBookings, type MyRegistration, type Registration } from '../lib/api';

export type SignUpResult = { ok: true; registration: Registration } | { ok: false; code: string; message: string };

export class MyBookingsState {
  data = $state.raw<MyBookings | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The booking or registration being cancelled, as `b<id>` / `r<id>`. */
  busy = $state<string | null>(null);
  #ctrl: AbortController | null = null;

  /** My active (registered or waiting) registration for an activity. */
  registrationFor(activityId: number): MyRegistration | null {
    return this.data?.registrations.find((r) => r.activityId === activityId && r.status !== 'cancelled') ?? null;
  }

  async load(): Promise<void> {
    this.#ctrl?.abort();
    const ctrl = (this.#ctrl = new AbortController());
    this.loading = true;
    this.error = null;
    try {
      this.data = await placesApi.myBookings(ctrl.signal);
    } catch (err) {
      if (isAbortError(err)) return;
      this.data = null;
      if (!(err instanceof ApiError && err.status === 401)) this.error = messageOf(err);
    } finally {
      if (this.#ctrl === ctrl) this.loading = false;
    }
  }

  clear(): void {
    this.#ctrl?.abort();
    this.data = null;
    this.error = null;
  }

  async cancelBooking(id: number): Promise<void> {
    await this.#act(`b${id}`, () => placesApi.cancelBooking(id));
  }

  async cancelRegistration(id: number): Promise<void> {
    await this.#act(`r${id}`, () => placesApi.cancelRegistration(id));
  }

  async signUp(activityId: number): Promise<SignUpResult> {
    try {
      const registration = await placesApi.register(activityId);
      void this.load();
      return { ok: true, registration };
    } catch (err) {
      return { ok: false, code: err instanceof ApiError ? err.code : 'NETWORK', message: messageOf(err) };
    }
  }

  async #act(key: string, run: () => Promise<unknown>): Promise<void> {
    this.busy = key;
    this.error = null;
    try {
      await run();
    } catch (err) {
      this.error = messageOf(err);
    } finally {
      this.busy = null;
    }
    await this.load();
  }

  dispose(): void {
    this.#ctrl?.abort();
  }
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
