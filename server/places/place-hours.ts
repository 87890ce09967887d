/**
 * Opening-hours facts of a place at an instant, for the finder and the place page. Pure, with a
 * small cache of parsed `opening_hours` strings (a city has a few dozen distinct ones).
 */
import { isOpen, nextChange, parseOpeningHours, todayHours, type OpeningRule } from './opening-hours.ts';

const cache = new Map<string, OpeningRule[] | null>();
const CACHE_MAX = 5000;

/** Parsed rules, or null when the value is missing or (in old data) malformed. */
export function rulesOf(openingHours: string | null): OpeningRule[] | null {
  if (!openingHours) return null;
  let rules = cache.get(openingHours);
  if (rules === undefined) {
    const r = parseOpeningHours(openingHours);
    rules = r.ok ? r.rules : null;
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(openingHours, rules);
  }
  return rules;
}

/** Open at `at`: true/false, or null when the hours are unknown. */
export function openAt(openingHours: string | null, at: Date): boolean | null {
  return hoursFacts(openingHours, at).open;
}

export interface HoursFacts {
  /** Open at the instant asked; null when the place has no (readable) hours. */
  open: boolean | null;
  /** Hours of that local day, e.g. ["08:30–12:00", "14:00–20:30"]; null when unknown. */
  todayHours: string[] | null;
  /** The next opening or closing after the instant (within 8 days). */
  nextChange: { at: string; open: boolean } | null;
  /** The next time it opens: now-or-later when closed, after the coming closing when open. */
  nextOpening: string | null;
}

const facts = new Map<string, HoursFacts>();

/**
 * Memoised per whole minute: hours are written in minutes and spans are half-open, so every
 * instant of one minute has the same facts (the finder asks for the same few strings at "now").
 */
export function hoursFacts(openingHours: string | null, at: Date): HoursFacts {
  const key = `${Math.floor(at.getTime() / 60_000)}|${openingHours}`;
  let f = facts.get(key);
  if (!f) {
    if (facts.size >= CACHE_MAX) facts.clear();
    facts.set(key, (f = computeFacts(openingHours, new Date(Math.floor(at.getTime() / 60_000) * 60_000))));
  }
  return f;
}

function computeFacts(openingHours: string | null, at: Date): HoursFacts {
  const rules = rulesOf(openingHours);
  if (!rules) return { open: null, todayHours: null, nextChange: null, nextOpening: null };
  const open = isOpen(rules, at);
  const change = nextChange(rules, at);
  let nextOpening: Date | null = null;
  if (change && change.open) nextOpening = change.at;
  else if (change) nextOpening = nextChange(rules, change.at)?.at ?? null;
  return {
    open,
    todayHours: todayHours(rules, at),
    nextChange: change && { at: change.at.toISOString(), open: change.open },
    nextOpening: nextOpening?.toISOString() ?? null,
  };
}

/**
 * Whether the place is open during all of [start, end): open at the start and no closing before
 * the end. Unknown hours count as open (staff decide). Used to refuse bookings outside the hours.
 */
export function openThroughout(openingHours: string | null, start: Date, end: Date): boolean {
  const rules = rulesOf(openingHours);
  if (!rules) return true;
  if (!isOpen(rules, start)) return false;
  const change = nextChange(rules, start);
  return change === null || change.at.getTime() >= end.getTime();
}
