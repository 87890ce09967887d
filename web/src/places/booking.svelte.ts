/**
 * Booking one room: the chosen day's busy slots (`GET /api/rooms/:id/calendar`) and opening hours
 * (the place page asked `at` that day), the free start times for the chosen length, and the
 * booking itself. A taken slot (409 `ROOM_TAKEN`, someone was quicker) is named and the day reloaded.
 */
import { ApiError, isAbortError, placesApi, type Booking, type BusySlot, type RoomTakenDetails } from '../lib/api';
import { addDays, at, dayOf, overlaps } from './time';

/** Start times every 30 minutes. */
export const SLOT_STEP_MIN = 30;
/** Lengths offered, minutes (the API allows 15 min – 8 h). */
export const DURATIONS_MIN = [30, 60, 90, 120, 180, 240] as const;
/** When a place has no (readable) hours, offer this part of the day (minutes since midnight). */
const DEFAULT_DAY: [number, number] = [8 * 60, 22 * 60];

export interface Slot {
  /** Minutes since Beijing midnight. */
  minute: number;
  start: Date;
  end: Date;
  free: boolean;
}

export type BookingProblem =
  | { kind: 'taken'; taken: { start: string; end: string } | null }
  | { kind: 'login' }
  | { kind: 'other'; code: string; message: string };

/** `08:30–12:00` spans of a day as minute pairs. Pure. */
export function spansOf(hours: string[]): [number, number][] {
  const min = (t: string) => {
    const [h, m] = t.split(':').map(Number);
    return h * 60 + m;
  };
  return hours
    .map((s) => s.split(/[–-]/))
    .filter((p) => p.length === 2)
    .map(([a, b]) => [min(a), min(b)] as [number, number])
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && b > a);
}

/** Start times of a day inside its opening spans, each marked free unless past or overlapping a busy slot. Pure. */
export function slotsOf(day: string, hours: string[] | null, durationMin: number, busy: readonly BusySlot[], now: Date): Slot[] {
  const spans = hours === null ? [DEFAULT_DAY] : spansOf(hours);
  const out: Slot[] = [];
  for (const [s, e] of spans) {
    for (let m = Math.ceil(s / SLOT_STEP_MIN) * SLOT_STEP_MIN; m + durationMin <= e; m += SLOT_STEP_MIN) {
      const start = at(day, m);
      const end = at(day, m + durationMin);
      const free = start.getTime() >= now.getTime() && !busy.some((b) => overlaps(start.getTime(), end.getTime(), b.start, b.end));
      out.push({ minute: m, start, end, free });
    }
  }
  return out;
}

export class BookingState {
  day = $state(dayOf(new Date()));
  durationMin = $state(60);
  busy = $state.raw<BusySlot[]>([]);
  /** That day's opening hours; null = unknown; undefined = not loaded yet. */
  hours = $state.raw<string[] | null | undefined>(undefined);
  selected = $state<number | null>(null);
  purpose = $state('');
  loading = $state(false);
  submitting = $state(false);
  problem = $state.raw<BookingProblem | null>(null);
  done = $state.raw<Booking | null>(null);
  now = $state(new Date());

  readonly slots = $derived(this.hours === undefined ? [] : slotsOf(this.day, this.hours, this.durationMin, this.busy, this.now));
  readonly selectedSlot = $derived(this.slots.find((s) => s.minute === this.selected && s.free) ?? null);

  #load: AbortController | null = null;

  constructor(
    readonly placeId: number,
    readonly roomId: number,
  ) {}

  /** The next `n` days, from today. */
  days(n = 14): string[] {
    const today = dayOf(this.now);
    return Array.from({ length: n }, (_, i) => addDays(today, i));
  }

  setDay(day: string): void {
    this.day = day;
    this.selected = null;
    void this.load();
  }

  setDuration(min: number): void {
    this.durationMin = min;
    if (this.selected !== null && !this.selectedSlot) this.selected = null;
  }

  async load(): Promise<void> {
    this.#load?.abort();
    const ctrl = (this.#load = new AbortController());
    const day = this.day;
    this.loading = true;
    this.now = new Date();
    try {
      const [cal, page] = await Promise.all([
        placesApi.calendar(this.roomId, { from: at(day, 0).toISOString(), to: at(day, 24 * 60).toISOString() }, ctrl.signal),
        placesApi.place(this.placeId, at(day, 12 * 60).toISOString(), ctrl.signal),
      ]);
      this.busy = cal.busy;
      this.hours = page.todayHours;
    } catch (err) {
      if (isAbortError(err)) return;
      this.problem = problemOf(err);
    } finally {
      if (this.#load === ctrl) this.loading = false;
    }
  }

  /** Books the selected slot; on success `done` holds the booking. */
  async book(): Promise<boolean> {
    const slot = this.selectedSlot;
    if (!slot || this.submitting) return false;
    this.submitting = true;
    this.problem = null;
    this.done = null;
    try {
      this.done = await placesApi.book(this.roomId, { start: slot.start.toISOString(), end: slot.end.toISOString(), purpose: this.purpose.trim() || null });
      this.selected = null;
      this.purpose = '';
      return true;
    } catch (err) {
      this.problem = problemOf(err);
      return false;
    } finally {
      this.submitting = false;
      void this.load();
    }
  }

  dispose(): void {
    this.#load?.abort();
  }
}

function problemOf(err: unknown): BookingProblem {
  if (err instanceof ApiError && err.status === 409 && (err.details as RoomTakenDetails | undefined)?.reason === 'ROOM_TAKEN') {
    return { kind: 'taken', taken: (err.details as RoomTakenDetails).taken };
  }
  if (err instanceof ApiError && err.status === 401) return { kind: 'login' };
  if (err instanceof ApiError) return { kind: 'other', code: err.code, message: err.message };
  return { kind: 'other', code: 'NETWORK', message: err instanceof Error ? err.message : String(err) };
}
