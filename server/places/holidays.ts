/**
 * Public holidays for the `PH` selector of `opening_hours` (see opening-hours.ts).
 *
 * China's holidays move every year (lunar calendar, bridging with 调休 make-up working days), so
 * they are data, not a rule: the State Council publishes the next year's schedule each November.
 * The default list below is the 2026 schedule as best known to us, from 国务院办公厅关于2026年部分
 * 节假日安排的通知 (dated 2025-11-04, published via Xinhua). Check it against the official notice
 * before relying on it, add each new year when it is published, and pass your own set (e.g. a
 * province's extra holidays) through the `holidays` option of the evaluator.
 *
 * A "holiday" here is every day of the 放假 period (including the weekend days folded into it),
 * which is what a station's "PH off" means in practice.
 */

/** One continuous holiday period, inclusive, as local calendar dates (YYYY-MM-DD, Asia/Shanghai). */
export interface HolidayPeriod {
  readonly name: string;
  readonly nameZh: string;
  readonly from: string;
  readonly to: string;
}

/** 2026 public holiday periods of mainland China (放假调休安排). */
export const CN_HOLIDAYS_2026: readonly HolidayPeriod[] = Object.freeze([
  { name: "New Year's Day", nameZh: '元旦', from: '2026-01-01', to: '2026-01-03' },
  { name: 'Spring Festival', nameZh: '春节', from: '2026-02-15', to: '2026-02-23' }, // 腊月二十八 – 正月初七
  { name: 'Qingming Festival', nameZh: '清明节', from: '2026-04-04', to: '2026-04-06' },
  { name: 'Labour Day', nameZh: '劳动节', from: '2026-05-01', to: '2026-05-05' },
  { name: 'Dragon Boat Festival', nameZh: '端午节', from: '2026-06-19', to: '2026-06-21' },
  { name: 'Mid-Autumn Festival', nameZh: '中秋节', from: '2026-09-25', to: '2026-09-27' },
  { name: 'National Day', nameZh: '国庆节', from: '2026-10-01', to: '2026-10-07' },
]);

/**
 * 2026 make-up working days (调休上班): weekend days worked in exchange for the bridges above.
 * `opening_hours` has no syntax for them, so the evaluator does not use them; they are kept here
 * so that a later rule (or the UI) can warn that a station may keep weekday hours on these days.
 */
export const CN_MAKEUP_WORKDAYS_2026: readonly string[] = Object.freeze([
  '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
]);

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Parses YYYY-MM-DD to UTC-midnight milliseconds, or throws naming the bad value. */
function dateMs(text: string): number {
  const m = DATE_RE.exec(text);
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new RangeError(`invalid holiday date "${text}": expected YYYY-MM-DD`);
  }
  return ms;
}

/**
 * Expands holiday periods to the set of their dates (YYYY-MM-DD), the form the evaluator takes.
 * @throws RangeError when a date is malformed or a period ends before it starts.
 */
export function holidaySet(periods: readonly HolidayPeriod[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const p of periods) {
    const from = dateMs(p.from);
    const to = dateMs(p.to);
    if (to < from) throw new RangeError(`holiday "${p.name}" ends (${p.to}) before it starts (${p.from})`);
    for (let t = from; t <= to; t += DAY_MS) out.add(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** The default holiday set: every day of China's 2026 holiday periods (33 days). */
export const CN_PUBLIC_HOLIDAYS: ReadonlySet<string> = holidaySet(CN_HOLIDAYS_2026);
