/**
 * Daily time windows for gates (小区 gates locked at night, DOMAIN.md). Times are local wall-clock
 * `HH:MM` (China has one zone, UTC+8, no daylight saving). A window is half-open, [from, to):
 * a gate closed 22:00–06:00 is closed at 22:00 and at 05:59, open at 06:00. A window whose `to`
 * is not after `from` runs past midnight; `from === to` means closed all day.
 */
export interface TimeWindow {
  /** `HH:MM`, 00:00–23:59 (24:00 is accepted as the end of the day). */
  from: string;
  to: string;
}

/** Minutes in a day. */
export const DAY_MIN = 1440;
/** China Standard Time, minutes east of UTC. */
export const CHINA_UTC_OFFSET_MIN = 480;

/** `'22:30'` → 1350 (minutes after midnight). Throws, naming the value, when it is not HH:MM. */
export function parseHhMm(s: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minutes > DAY_MIN) throw new Error(`time ${JSON.stringify(s)} is not HH:MM between 00:00 and 24:00`);
  return minutes;
}

/** Whether minute-of-day `t` (0–1439) falls in the window [from, to), wrapping past midnight. */
export function inWindow(fromMin: number, toMin: number, t: number): boolean {
  if (fromMin === toMin || (fromMin === 0 && toMin === DAY_MIN)) return true;
  return fromMin < toMin ? t >= fromMin && t < toMin : t >= fromMin || t < toMin;
}

/** Whether any of the windows covers minute-of-day `t`. */
export function isClosedAt(windows: readonly TimeWindow[], t: number): boolean {
  return windows.some((w) => inWindow(parseHhMm(w.from), parseHhMm(w.to), t));
}

/**
 * Minute of the local day of an instant: a `Date`, or minutes after midnight passed through.
 * @param utcOffsetMin minutes east of UTC of the local clock (default China, +480)
 */
export function minuteOfDay(at: Date | number, utcOffsetMin = CHINA_UTC_OFFSET_MIN): number {
  if (typeof at === 'number') return ((Math.floor(at) % DAY_MIN) + DAY_MIN) % DAY_MIN;
  const utcMin = Math.floor(at.getTime() / 60_000);
  return (((utcMin + utcOffsetMin) % DAY_MIN) + DAY_MIN) % DAY_MIN;
}
