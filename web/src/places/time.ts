/**
 * Times for bookings in Beijing time (Asia/Shanghai, UTC+8, no daylight saving), as the API's
 * opening hours. A day is named `YYYY-MM-DD`; instants are ISO 8601 strings. Pure.
 */

export const TZ = 'Asia/Shanghai';
const OFFSET = '+08:00';
const DAY_MS = 86_400_000;

/** The Beijing day of an instant, `YYYY-MM-DD`. */
export function dayOf(at: Date | string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
}

/** The instant of `HH:MM` (minutes since midnight) on a Beijing day. */
export function at(day: string, minutes: number): Date {
  return new Date(new Date(`${day}T00:00:00${OFFSET}`).getTime() + minutes * 60_000);
}

/** The day `n` days after `day`. */
export function addDays(day: string, n: number): string {
  return dayOf(new Date(at(day, 12 * 60).getTime() + n * DAY_MS));
}

/** Monday of the week of `day` (weeks start on Monday in China). */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T12:00:00${OFFSET}`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** `14:30`, Beijing time. */
export function hhmm(atIso: Date | string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(atIso));
}

/** `11月21日 周六` / `Sat 21 Nov`, Beijing day. */
export function dayLabel(day: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { timeZone: TZ, month: 'short', day: 'numeric', weekday: 'short' }).format(at(day, 12 * 60));
}

/** `11月21日 周六 14:30–16:00`: one span, both ends Beijing time. */
export function spanLabel(start: string, end: string, lang: string): string {
  return `${dayLabel(dayOf(start), lang)} ${hhmm(start)}–${hhmm(end)}`;
}

/** Minutes since Beijing midnight of an instant on `day` (clamped to the day). */
export function minuteOfDay(day: string, atIso: string): number {
  const m = (new Date(atIso).getTime() - at(day, 0).getTime()) / 60_000;
  return Math.max(0, Math.min(24 * 60, m));
}

/** Do [a0, a1) and [b0, b1) overlap? (ms or ISO) */
export function overlaps(a0: number, a1: number, b0: string, b1: string): boolean {
  return a0 < new Date(b1).getTime() && new Date(b0).getTime() < a1;
}
