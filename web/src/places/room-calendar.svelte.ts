/**
 * A room's week (Monday to Sunday, Beijing time) for the place's staff: every booking with who
 * booked and why (`names: true`; the API audits that read). Others see busy slots only.
 */
import { isAbortError, placesApi, type BusySlot, type RoomCalendar } from '../lib/api';
import { addDays, at, dayOf, mondayOf } from './time';

export class RoomCalendarState {
  calendar = $state.raw<RoomCalendar | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #ctrl: AbortController | null = null;

  /** The week's days, Monday first, each with its bookings in order. */
  readonly days = $derived.by(() => {
    const cal = this.calendar;
    if (!cal) return [];
    const monday = dayOf(cal.from);
    return Array.from({ length: 7 }, (_, i) => {
      const day = addDays(monday, i);
      return { day, busy: cal.busy.filter((b: BusySlot) => dayOf(b.start) === day).sort((a, b) => a.start.localeCompare(b.start)) };
    });
  });

  /** @param week - any day of the wanted week (default this week) */
  async load(roomId: number, week: string | null): Promise<void> {
    this.#ctrl?.abort();
    const ctrl = (this.#ctrl = new AbortController());
    const monday = mondayOf(week ?? dayOf(new Date()));
    this.loading = true;
    this.error = null;
    try {
      this.calendar = await placesApi.calendar(roomId, { from: at(monday, 0).toISOString(), to: at(addDays(monday, 7), 0).toISOString() }, ctrl.signal);
    } catch (err) {
      if (isAbortError(err)) return;
      this.calendar = null;
      this.error = err instanceof Error ? err.message : String(err);
    } finally {
      if (this.#ctrl === ctrl) this.loading = false;
    }
  }

  dispose(): void {
    this.#ctrl?.abort();
  }
}
