import { afterEach, describe, expect, it } from 'vitest';
import { CN_PUBLIC_HOLIDAYS } from '../../../server/places/holidays.ts';
import {
  isOpen, nextChange, parseOpeningHours, todayHours, type EvalOptions, type OpeningRule,
} from '../../../server/places/opening-hours.ts';

/** An instant given as Beijing wall-clock time, e.g. `sh('2026-03-07T01:00')`. */
const sh = (local: string): Date => new Date(`${local}+08:00`);

function rules(text: string): OpeningRule[] {
  const r = parseOpeningHours(text);
  if (!r.ok) throw new Error(`${text}: ${r.reason}`);
  return r.rules;
}

/** Week of 2026-03-02: Mo 2, Tu 3, We 4, Th 5, Fr 6, Sa 7, Su 8, Mo 9 (no holidays). */
describe('isOpen', () => {
  it('24/7 is always open', () => {
    const r = rules('24/7');
    for (const t of ['2026-03-02T00:00', '2026-03-07T03:33', '2026-10-01T12:00', '2026-12-31T23:59']) expect(isOpen(r, sh(t)), t).toBe(true);
  });

  it('past midnight: Fr-Sa 18:00-02:00 is open Sat 01:00 (Friday night) and closed Sat 03:00', () => {
    const r = rules('Fr-Sa 18:00-02:00');
    expect(isOpen(r, sh('2026-03-06T17:59'))).toBe(false);
    expect(isOpen(r, sh('2026-03-06T18:00'))).toBe(true);
    expect(isOpen(r, sh('2026-03-07T01:00'))).toBe(true);
    expect(isOpen(r, sh('2026-03-07T02:00'))).toBe(false); // spans are half-open
    expect(isOpen(r, sh('2026-03-07T03:00'))).toBe(false);
    expect(isOpen(r, sh('2026-03-08T01:59'))).toBe(true); // Saturday night into Sunday
    expect(isOpen(r, sh('2026-03-09T01:00'))).toBe(false); // Sunday night: no rule
    expect(isOpen(r, sh('2026-03-06T01:00'))).toBe(false); // Thursday night: no rule
  });

  it('22:00-24:00 closes at midnight; extended 18:00-26:00 equals 18:00-02:00', () => {
    const r = rules('Mo 22:00-24:00');
    expect(isOpen(r, sh('2026-03-02T23:59'))).toBe(true);
    expect(isOpen(r, sh('2026-03-03T00:00'))).toBe(false);
    const ext = rules('Fr 18:00-26:00');
    expect(isOpen(ext, sh('2026-03-07T01:30'))).toBe(true);
    expect(isOpen(ext, sh('2026-03-07T02:30'))).toBe(false);
  });

  it('several ranges a day: Mo-Fr 08:00-12:00,14:00-18:00', () => {
    const r = rules('Mo-Fr 08:00-12:00,14:00-18:00');
    expect(isOpen(r, sh('2026-03-04T09:00'))).toBe(true);
    expect(isOpen(r, sh('2026-03-04T13:00'))).toBe(false);
    expect(isOpen(r, sh('2026-03-04T17:59'))).toBe(true);
    expect(isOpen(r, sh('2026-03-07T09:00'))).toBe(false);
  });

  it('weekday lists and wrapping ranges: Mo,We-Fr and Sa-Mo', () => {
    const r = rules('Mo,We-Fr 09:00-10:00');
    expect([2, 3, 4, 5, 6, 7, 8].map((d) => isOpen(r, sh(`2026-03-0${d}T09:30`)))).toEqual([true, false, true, true, true, false, false]);
    const w = rules('Sa-Mo 09:00-10:00');
    expect([2, 3, 4, 5, 6, 7, 8].map((d) => isOpen(w, sh(`2026-03-0${d}T09:30`)))).toEqual([true, false, false, false, false, true, true]);
  });

  it('later rules override earlier ones for the days they name', () => {
    const r = rules('Mo-Fr 08:00-18:00; We 14:00-20:00');
    expect(isOpen(r, sh('2026-03-04T10:00'))).toBe(false); // Wednesday replaced
    expect(isOpen(r, sh('2026-03-04T19:00'))).toBe(true);
    expect(isOpen(r, sh('2026-03-03T10:00'))).toBe(true); // Tuesday untouched
  });

  it('off overrides: Mo-Fr 09:00-17:00; We off, and off with times closes only those times', () => {
    const r = rules('Mo-Fr 09:00-17:00; We off');
    expect(isOpen(r, sh('2026-03-04T10:00'))).toBe(false);
    expect(isOpen(r, sh('2026-03-05T10:00'))).toBe(true);
    const lunch = rules('Mo-Su 08:00-20:00; We 12:00-13:00 closed');
    expect(isOpen(lunch, sh('2026-03-04T12:30'))).toBe(false);
    expect(isOpen(lunch, sh('2026-03-04T14:00'))).toBe(true);
    expect(isOpen(lunch, sh('2026-03-05T12:30'))).toBe(true);
  });

  it('additional rules (",") add to the day instead of replacing it', () => {
    const r = rules('Mo-Fr 08:00-12:00, We 14:00-18:00');
    expect(isOpen(r, sh('2026-03-04T10:00'))).toBe(true);
    expect(isOpen(r, sh('2026-03-04T15:00'))).toBe(true);
    expect(isOpen(r, sh('2026-03-05T15:00'))).toBe(false);
  });

  it('PH off closes on a holiday that falls on a weekday (2026-10-01 is a Thursday)', () => {
    const r = rules('Mo-Fr 09:00-17:00; PH off');
    expect(isOpen(r, sh('2026-10-01T10:00'))).toBe(false);
    expect(isOpen(r, sh('2026-10-01T10:00'), { holidays: new Set() })).toBe(true); // no holiday list: an ordinary Thursday
    expect(isOpen(r, sh('2026-10-08T10:00'))).toBe(true); // the Thursday after
    expect(isOpen(r, sh('2026-05-04T10:00'))).toBe(false); // Labour Day week, a Monday
  });

  it('PH 10:00-16:00 gives holiday hours, also on weekends that are holidays', () => {
    const r = rules('Mo-Fr 09:00-17:00; PH 10:00-16:00');
    expect(isOpen(r, sh('2026-10-01T09:30'))).toBe(false);
    expect(isOpen(r, sh('2026-10-01T10:30'))).toBe(true);
    expect(isOpen(r, sh('2026-10-03T11:00'))).toBe(true); // Saturday in the National Day period
    expect(isOpen(r, sh('2026-10-10T11:00'))).toBe(false); // an ordinary Saturday
  });

  it('takes a configurable holiday list', () => {
    const r = rules('Mo-Fr 09:00-17:00; PH off');
    const opts: EvalOptions = { holidays: new Set(['2026-03-04']) };
    expect(isOpen(r, sh('2026-03-04T10:00'), opts)).toBe(false);
    expect(isOpen(r, sh('2026-10-01T10:00'), opts)).toBe(true);
  });

  it('month ranges: Jan-Mar winter hours, Apr-Dec summer hours, and Nov-Feb wrapping', () => {
    const r = rules('Jan-Mar Mo-Su 08:00-17:00; Apr-Dec Mo-Su 08:00-19:00');
    expect(isOpen(r, sh('2026-03-31T18:00'))).toBe(false);
    expect(isOpen(r, sh('2026-04-01T18:00'))).toBe(true);
    const w = rules('Nov-Feb off');
    expect(isOpen(w, sh('2026-01-15T12:00'))).toBe(false);
  });

  it('reads full-width punctuation from Chinese input', () => {
    const r = rules('Mo-Fr 08:30～12:00，14:00－20:30；Sa off');
    expect(todayHours(r, sh('2026-03-04T12:00'))).toEqual(['08:30–12:00', '14:00–20:30']);
  });
});

describe('nextChange', () => {
  const office = rules('Mo-Fr 09:00-17:00');

  it('finds the closing on Friday and the opening on Monday, across the weekend', () => {
    expect(nextChange(office, sh('2026-03-06T16:00'))).toEqual({ at: sh('2026-03-06T17:00'), open: false });
    expect(nextChange(office, sh('2026-03-06T17:00'))).toEqual({ at: sh('2026-03-09T09:00'), open: true });
    expect(nextChange(office, sh('2026-03-07T12:34:56'))).toEqual({ at: sh('2026-03-09T09:00'), open: true });
  });

  it('treats spans that touch at midnight as one opening', () => {
    const r = rules('22:00-24:00,00:00-02:00');
    expect(nextChange(r, sh('2026-03-04T23:00'))).toEqual({ at: sh('2026-03-05T02:00'), open: false });
  });

  it('skips a holiday week: after 30 Sep the office reopens on 8 Oct', () => {
    const r = rules('Mo-Fr 09:00-17:00; PH off');
    expect(nextChange(r, sh('2026-09-30T18:00'))).toEqual({ at: sh('2026-10-08T09:00'), open: true });
  });

  it('returns null for 24/7, for always closed, and beyond 8 days', () => {
    expect(nextChange(rules('24/7'), sh('2026-03-04T10:00'))).toBeNull();
    expect(nextChange(rules('off'), sh('2026-03-04T10:00'))).toBeNull();
    expect(nextChange(rules('Jun 10:00-12:00'), sh('2026-03-04T10:00'))).toBeNull();
    expect(nextChange(rules('Mo 10:00-12:00'), sh('2026-03-02T12:00'))).toEqual({ at: sh('2026-03-09T10:00'), open: true });
  });

  it('from inside a past-midnight span, the change is the early-morning close', () => {
    expect(nextChange(rules('Fr-Sa 18:00-02:00'), sh('2026-03-07T01:00'))).toEqual({ at: sh('2026-03-07T02:00'), open: false });
  });
});

describe('todayHours', () => {
  it('lists the local day’s spans, "" when closed', () => {
    const r = rules('Mo-Fr 08:30-12:00,14:00-20:30; Sa 09:00-12:00');
    expect(todayHours(r, sh('2026-03-06T23:00'))).toEqual(['08:30–12:00', '14:00–20:30']);
    expect(todayHours(r, sh('2026-03-07T08:00'))).toEqual(['09:00–12:00']);
    expect(todayHours(r, sh('2026-03-08T08:00'))).toEqual([]);
  });

  it('shows a past-midnight span on the day it starts, and 24/7 as a whole day', () => {
    expect(todayHours(rules('Fr-Sa 18:00-02:00'), sh('2026-03-06T10:00'))).toEqual(['18:00–02:00']);
    expect(todayHours(rules('Mo 22:00-24:00'), sh('2026-03-02T10:00'))).toEqual(['22:00–24:00']);
    expect(todayHours(rules('24/7'), sh('2026-03-06T10:00'))).toEqual(['00:00–24:00']);
  });

  it('uses the Beijing date, not the UTC one (23:30 UTC on Friday is Saturday in Beijing)', () => {
    const r = rules('Mo-Fr 08:00-17:00; Sa 10:00-12:00');
    expect(todayHours(r, new Date('2026-03-06T23:30:00Z'))).toEqual(['10:00–12:00']);
  });
});

describe('the server time zone does not matter', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  const r = rules('Mo-Fr 08:00-12:00,14:00-18:00; Fr-Sa 20:00-02:00; PH off');
  const instants = ['2026-03-05T07:59', '2026-03-05T08:00', '2026-03-06T21:00', '2026-03-07T01:30', '2026-03-07T02:30',
    '2026-10-01T09:00', '2026-12-31T23:59', '2026-01-01T00:00'].map(sh);
  const evaluate = () => instants.map((t) => ({ open: isOpen(r, t), next: nextChange(r, t)?.at.toISOString(), today: todayHours(r, t) }));

  it('gives the same answers with TZ=UTC, America/Los_Angeles (DST) and Pacific/Kiritimati (UTC+14)', () => {
    process.env.TZ = 'UTC';
    const utc = evaluate();
    const offsetUtc = new Date('2026-03-06T00:00:00Z').getTimezoneOffset();
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai']) {
      process.env.TZ = tz;
      if (tz !== 'Asia/Shanghai') expect(new Date('2026-03-06T00:00:00Z').getTimezoneOffset()).not.toBe(offsetUtc); // the change took effect
      expect(evaluate(), tz).toEqual(utc);
    }
    expect(utc.map((x) => x.open)).toEqual([false, true, true, true, false, false, false, false]);
  });

  it('can evaluate in another zone when asked', () => {
    const nine = rules('Mo-Fr 09:00-17:00');
    const at = new Date('2026-03-04T14:30:00Z'); // 22:30 in Beijing, 09:30 in New York (EST)
    expect(isOpen(nine, at)).toBe(false);
    expect(isOpen(nine, at, { timeZone: 'America/New_York' })).toBe(true);
    expect(() => isOpen(nine, at, { timeZone: 'Mars/Olympus' })).toThrow(RangeError);
    expect(() => isOpen(nine, new Date(Number.NaN))).toThrow(/invalid instant/);
  });
});

describe('parseOpeningHours: malformed values are rejected with a reason and position', () => {
  const bad: [string, string, number, RegExp][] = [
    ['Mo-Fr 25:00-26:00', 'BAD_TIME', 6, /hour 25 out of range .* "25:00" at 6/],
    ['Xx 10:00-12:00', 'UNKNOWN_WEEKDAY', 0, /unknown weekday "Xx" .*at 0/],
    ['Mo,We-Mx 10:00-12:00', 'UNKNOWN_WEEKDAY', 6, /unknown weekday "Mx" .*at 6/],
    ['Mo-Fr 10:00', 'MISSING_END_TIME', 6, /time "10:00" has no end/],
    ['', 'EMPTY', 0, /empty opening_hours/],
    ['   ', 'EMPTY', 0, /empty opening_hours/],
    ['Mo-Fr 10:60-12:00', 'BAD_TIME', 6, /minute 60/],
    ['Mo-Fr 9-17', 'BAD_TIME', 6, /expected a time HH:MM, got "9"/],
    ['Mo-Fr 10:00-10:00', 'EMPTY_TIME_RANGE', 6, /empty time range/],
    ['Mo-Fr 10:00-', 'BAD_TIME', 12, /expected an end time/],
    ['Mo-Fr 08:00-12:00 Sa 10:00-12:00', 'UNEXPECTED', 18, /unexpected "Sa" \(separate rules with ";"\)/],
    ['Mo-Fr 08:00-12:00;; Sa off', 'EMPTY_RULE', 18, /empty rule/],
    ['Mo-Fr 10:00-12:00 || "by appointment"', 'UNSUPPORTED', 18, /fallback rules/],
    ['Mo-Fr 10:00-12:00 "call first"', 'UNSUPPORTED', 18, /comments/],
    ['Mo[1] 10:00-12:00', 'UNSUPPORTED', 2, /nth weekdays/],
    ['SH off', 'UNSUPPORTED', 0, /school holidays/],
    ['10:00+', 'UNSUPPORTED', 0, /open-ended/],
    ['sunrise-sunset', 'UNSUPPORTED', 0, /variable times/],
    ['Dec 25 off', 'UNSUPPORTED', 4, /dates within a month/],
    ['2026 Jan off', 'UNSUPPORTED', 0, /year selectors/],
    ['Mo-Fr unknown', 'UNSUPPORTED', 6, /"unknown" state/],
    ['Mo-Fr 10:00-12:00 @', 'UNEXPECTED', 18, /unexpected character "@"/],
  ];
  for (const [text, code, position, reason] of bad) {
    it(JSON.stringify(text), () => {
      const r = parseOpeningHours(text);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r).toMatchObject({ code, position });
      expect(r.reason).toMatch(reason);
      expect(r.reason).toMatch(new RegExp(` at ${position}$`));
    });
  }
});

describe('parseOpeningHours: accepted values', () => {
  it('returns plain rules in order, with kinds, selectors and spans in minutes', () => {
    const r = parseOpeningHours('Mo-Fr 08:00-12:00,14:00-18:00; Fr-Sa 18:00-02:00, PH off;');
    expect(r).toEqual({
      ok: true,
      rules: [
        { kind: 'normal', months: null, weekdays: [0, 1, 2, 3, 4], holidays: false, times: [[480, 720], [840, 1080]], open: true, source: 'Mo-Fr 08:00-12:00,14:00-18:00' },
        { kind: 'normal', months: null, weekdays: [4, 5], holidays: false, times: [[1080, 1560]], open: true, source: 'Fr-Sa 18:00-02:00' },
        { kind: 'additional', months: null, weekdays: null, holidays: true, times: null, open: false, source: 'PH off' },
      ],
    });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('accepts lower case, spaces around dashes, 24/7 with a modifier, and Mo-Fr,PH', () => {
    for (const t of ['mo-fr 08:00-12:00', 'Mo - Fr 08:00 - 12:00', '24/7 open', 'Mo-Fr,PH 10:00-12:00', 'Jan-Mar: Mo 10:00-12:00', 'Mo-Fr 8:00-12:00']) {
      expect(parseOpeningHours(t).ok, t).toBe(true);
    }
  });

  it('the default holiday list is China 2026', () => {
    expect(CN_PUBLIC_HOLIDAYS.has('2026-02-15')).toBe(true);
    expect(isOpen(rules('PH 10:00-12:00'), sh('2026-02-23T11:00'))).toBe(true);
    expect(isOpen(rules('PH 10:00-12:00'), sh('2026-02-24T11:00'))).toBe(false);
  });
});
