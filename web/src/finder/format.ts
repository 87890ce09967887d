/** Small formatters for the finder (times in Beijing time, as the API's opening hours). */

const TZ = 'Asia/Shanghai';

/** `14:30`, or `周二 14:30` / `Tue 14:30` when not on the same Beijing day as `now`. */
export function changeTime(iso: string, lang: string, now = new Date()): string {
  const at = new Date(iso);
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, dateStyle: 'short' }).format(d);
  const time = new Intl.DateTimeFormat(lang, { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  if (day(at) === day(now)) return time;
  const weekday = new Intl.DateTimeFormat(lang, { timeZone: TZ, weekday: 'short' }).format(at);
  return `${weekday} ${time}`;
}

/** Walking minutes for the list: whole minutes, at least 1. */
export const wholeMinutes = (min: number): number => Math.max(1, Math.round(min));

/** A phone number as a `tel:` href, or null when the contact is not one. */
export function telHref(contact: string | null): string | null {
  if (!contact) return null;
  const digits = contact.replace(/[\s()-]/g, '');
  return /^\+?\d{5,20}$/.test(digits) ? `tel:${digits}` : null;
}
