/**
 * Evaluates parsed OpenStreetMap `opening_hours` rules (see opening-hours.parse.ts) at an instant:
 * open now, the next opening or closing, and a day's hours. Pure: no I/O, no `process.env`.
 *
 * Time is the wall clock of `timeZone` (default Asia/Shanghai: UTC+8, no daylight saving since
 * 1991), worked out with `Intl`, never the server's own time zone.
 *
 * Semantics, after the OSM specification:
 * - Rules are read in order. A normal rule (first, or after `;`) that selects a day replaces what
 *   earlier rules said about that day (`Mo-Fr 08:00-18:00; We 08:00-12:00`); an additional rule
 *   (after `,`) adds to it. `off` without times closes the whole day; `off` with times closes only
 *   those times (`Mo-Su 08:00-20:00; We 12:00-13:00 off`).
 * - A span past midnight belongs to the day it is written for: `Fr 18:00-02:00` keeps the place
 *   open until 02:00 on Saturday even if a later rule says `Sa off` or Saturday is a holiday.
 * - `PH` days come from the `holidays` option (local dates YYYY-MM-DD; default: China 2026).
 * - Spans are half-open: `09:00-17:00` is closed at 17:00 exactly.
 */
import { CN_PUBLIC_HOLIDAYS } from './holidays.ts';
import type { OpeningRule } from './opening-hours.parse.ts';

export { OPENING_HOURS_ERRORS, parseOpeningHours } from './opening-hours.parse.ts';
export type { OpeningHoursErrorCode, OpeningRule, ParseResult } from './opening-hours.parse.ts';

export interface EvalOptions {
  /** IANA time zone whose wall clock the hours are written in. Default `Asia/Shanghai`. */
  timeZone?: string;
  /** Public holidays (local dates YYYY-MM-DD) for `PH`. Default: China's 2026 holidays (holidays.ts). */
  holidays?: ReadonlySet<string>;
}

/** A change of state: at `at` the place opens (`open: true`) or closes. */
export interface StateChange {
  at: Date;
  open: boolean;
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
/** How far ahead `nextChange` looks (days): a week plus a day, so "next Monday 09:00" is always found. */
export const NEXT_CHANGE_HORIZON_DAYS = 8;

const MIN_MS = 60_000;
const DAY_MS = 86_400_000;
const DAY_MIN = 1440;

/** [start, end) in minutes from a local midnight (end ≤ 2880), or in wall-clock ms in `nextChange`. */
type Span = [number, number];

/** Merges overlapping and touching spans, sorted by start. */
function merge(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function subtract(spans: Span[], cuts: readonly Span[]): Span[] {
  let out = spans;
  for (const [cs, ce] of cuts) {
    const next: Span[] = [];
    for (const [s, e] of out) {
      if (ce <= s || cs >= e) { next.push([s, e]); continue; }
      if (s < cs) next.push([s, cs]);
      if (ce < e) next.push([ce, e]);
    }
    out = next;
  }
  return out;
}

/**
 * Whether `rule` applies on a local calendar day. Days are passed as the wall-clock ms of their
 * midnight (the local date read as if it were UTC), so `getUTC*` gives local fields.
 */
function selects(rule: OpeningRule, dayWall: number, holidays: ReadonlySet<string>): boolean {
  const d = new Date(dayWall);
  if (rule.months && !rule.months.includes(d.getUTCMonth() + 1)) return false;
  if (rule.weekdays === null && !rule.holidays) return true;
  if (rule.weekdays?.includes((d.getUTCDay() + 6) % 7)) return true;
  return rule.holidays && holidays.has(d.toISOString().slice(0, 10));
}

/** The open spans (minutes from that day's midnight, up to 2880) the rules give one local day. */
function daySpans(rules: readonly OpeningRule[], dayWall: number, holidays: ReadonlySet<string>): Span[] {
  let spans: Span[] = [];
  for (const rule of rules) {
    if (!selects(rule, dayWall, holidays)) continue;
    const times: Span[] = rule.times ? rule.times.map(([s, e]) => [s, e]) : [[0, DAY_MIN]];
    if (rule.open) spans = rule.kind === 'normal' ? times : [...spans, ...times];
    else spans = rule.times ? subtract(spans, times) : [];
  }
  return merge(spans);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC (ms, east positive) at the instant `utcMs`. @throws RangeError for an unknown zone. */
function offsetMs(timeZone: string, utcMs: number): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(utcMs)) p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(utcMs / 1000) * 1000;
}

const toWall = (tz: string, utcMs: number): number => utcMs + offsetMs(tz, utcMs);
/** Wall-clock ms → instant; at a daylight-saving gap or overlap it picks one of the candidates. */
const fromWall = (tz: string, wall: number): number => wall - offsetMs(tz, wall - offsetMs(tz, wall));

interface Context { tz: string; holidays: ReadonlySet<string>; utc: number; wall: number; dayWall: number }

function context(at: Date, options: EvalOptions): Context {
  const utc = at instanceof Date ? at.getTime() : NaN;
  if (!Number.isFinite(utc)) throw new RangeError(`invalid instant ${String(at)}: expected a valid Date`);
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const wall = toWall(tz, utc);
  return { tz, holidays: options.holidays ?? CN_PUBLIC_HOLIDAYS, utc, wall, dayWall: wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS) };
}

/** Open spans in wall-clock ms of the local days `from`..`to` relative to the day of `c` (inclusive). */
function wallSpans(rules: readonly OpeningRule[], c: Context, from: number, to: number): Span[] {
  const out: Span[] = [];
  for (let i = from; i <= to; i++) {
    const day = c.dayWall + i * DAY_MS;
    for (const [s, e] of daySpans(rules, day, c.holidays)) out.push([day + s * MIN_MS, day + e * MIN_MS]);
  }
  return merge(out);
}

/**
 * Whether the place is open at `at`. Spans written for the previous day that run past midnight count.
 * @throws RangeError for an invalid Date or time zone.
 */
export function isOpen(rules: readonly OpeningRule[], at: Date, options: EvalOptions = {}): boolean {
  const c = context(at, options);
  return wallSpans(rules, c, -1, 0).some(([s, e]) => s <= c.wall && c.wall < e);
}

/**
 * The next instant after `at` when the place opens or closes, within NEXT_CHANGE_HORIZON_DAYS;
 * null when nothing changes in that time (`24/7`, or closed all week). Spans that touch across
 * midnight (`22:00-24:00,00:00-02:00`) are one opening, not a close and a reopen.
 */
export function nextChange(rules: readonly OpeningRule[], at: Date, options: EvalOptions = {}): StateChange | null {
  const c = context(at, options);
  // Day +8 is the last whose spans can start before the horizon; its spans may run into day +10.
  const spans = wallSpans(rules, c, -1, NEXT_CHANGE_HORIZON_DAYS);
  const current = spans.find(([s, e]) => s <= c.wall && c.wall < e);
  const upcoming = current ? null : spans.find(([s]) => s > c.wall);
  const wall = current ? current[1] : upcoming?.[0];
  if (wall === undefined) return null;
  const utc = fromWall(c.tz, wall);
  if (utc > c.utc + NEXT_CHANGE_HORIZON_DAYS * DAY_MS) return null;
  return { at: new Date(utc), open: !current };
}

const hhmm = (min: number): string => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/**
 * The hours of the local day of `at`, as written for that day: `["08:30–12:00", "14:00–20:30"]`,
 * a span past midnight as `"18:00–02:00"`, a whole day as `"00:00–24:00"`; `[]` when closed all day.
 * The early-morning tail of the previous day's span is not repeated here (`isOpen` does count it).
 */
export function todayHours(rules: readonly OpeningRule[], at: Date, options: EvalOptions = {}): string[] {
  const c = context(at, options);
  return daySpans(rules, c.dayWall, c.holidays).map(([s, e]) => `${hhmm(s)}–${e % DAY_MIN === 0 ? '24:00' : hhmm(e % DAY_MIN)}`);
}
