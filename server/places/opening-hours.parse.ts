/**
 * Parser for the subset of OpenStreetMap `opening_hours` that service stations use
 * (https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification):
 * `24/7`; month ranges (`Jan-Mar`); weekday ranges and lists (`Mo-Fr`, `Mo,We-Fr`, wrapping
 * `Sa-Mo`); public holidays `PH`; several time spans per day (`08:00-12:00,14:00-18:00`), spans
 * past midnight (`18:00-02:00`, `22:00-24:00`, extended `18:00-26:00`); `off`/`closed`/`open`;
 * normal (`;`) and additional (`,`) rules. Everything else (comments, `||` fallback rules, dates,
 * years, weeks, nth weekdays, `SH`, sunrise/sunset, open ends `10:00+`) is rejected with a reason
 * naming the token and its position (0-based character index into the input).
 * Full-width punctuation from Chinese input (`：；，－～`) is read as its ASCII counterpart.
 */

/** One rule, in the order written. Plain data: safe to store as JSON. */
export interface OpeningRule {
  /** `normal` (first rule, or after `;`) replaces what earlier rules said about the days it selects; `additional` (after `,`) adds to it. */
  kind: 'normal' | 'additional';
  /** Months 1–12 the rule applies in; null = every month. */
  months: number[] | null;
  /** Weekdays 0 = Monday … 6 = Sunday; null = no weekday selector. */
  weekdays: number[] | null;
  /** `PH` is in the selector: the rule also (or, without weekdays, only) applies on public holidays. */
  holidays: boolean;
  /** Spans in minutes from local midnight, start < end ≤ 2880 (end > 1440 runs past midnight); null = the whole day. */
  times: [number, number][] | null;
  /** `open` (the default) or `off`/`closed`. An `off` rule with times closes only those times. */
  open: boolean;
  /** The rule's own text, for messages. */
  source: string;
}

export const OPENING_HOURS_ERRORS = [
  'EMPTY', 'EMPTY_RULE', 'UNKNOWN_WEEKDAY', 'UNKNOWN_MONTH', 'BAD_TIME', 'MISSING_END_TIME', 'EMPTY_TIME_RANGE', 'UNSUPPORTED', 'UNEXPECTED',
] as const;
export type OpeningHoursErrorCode = (typeof OPENING_HOURS_ERRORS)[number];

export type ParseResult =
  | { ok: true; rules: OpeningRule[] }
  | { ok: false; code: OpeningHoursErrorCode; reason: string; position: number };

const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MODIFIERS = new Set(['open', 'off', 'closed', 'unknown']);
const VARIABLE_TIMES = new Set(['sunrise', 'sunset', 'dawn', 'dusk']);
const WEEKDAY_HINT = 'expected Mo, Tu, We, Th, Fr, Sa, Su or PH';
/** Latest end of a span: the spec's extended hours reach 48:00 (minutes). */
const MAX_END_MIN = 48 * 60;
const DAY_MIN = 24 * 60;
/** Full-width and dash variants replaced one character for one, so positions still match the input. */
const NORMALISE: Record<string, string> = {
  '：': ':', '；': ';', '，': ',', '－': '-', '～': '-', '~': '-', '–': '-', '—': '-', '\u3000': ' ', '\t': ' ', '\n': ' ', '\r': ' ',
};

interface Token { type: 'always' | 'time' | 'num' | 'word' | 'punct' | 'comment'; text: string; pos: number; end: number }

class Fail extends Error {
  constructor(readonly code: OpeningHoursErrorCode, readonly reason: string, readonly position: number) {
    super(reason);
  }
}
const fail = (code: OpeningHoursErrorCode, what: string, pos: number): never => {
  throw new Fail(code, `${what} at ${pos}`, pos);
};

const TOKEN_RE = /24\/7|\d+:\d+|\d+|[A-Za-z]+|\|\||"[^"]*"?|[-,;:+[\]/()|]/y;

function tokenise(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === ' ') { i++; continue; }
    TOKEN_RE.lastIndex = i;
    const m = TOKEN_RE.exec(s);
    if (!m) fail('UNEXPECTED', `unexpected character "${s[i]}"`, i);
    const text = m![0];
    const type = text === '24/7' ? 'always' : /^\d+:/.test(text) ? 'time' : /^\d/.test(text) ? 'num'
      : /^[A-Za-z]/.test(text) ? 'word' : text.startsWith('"') ? 'comment' : 'punct';
    out.push({ type, text, pos: i, end: i + text.length });
    i += text.length;
  }
  return out;
}

/** Parses an `opening_hours` value. Never throws; a failure names the bad token and where it is. */
export function parseOpeningHours(text: string): ParseResult {
  const src = String(text ?? '').replace(/[：；，－～~–—\u3000\t\n\r]/g, (c) => NORMALISE[c]);
  try {
    if (src.trim() === '') fail('EMPTY', 'empty opening_hours', 0);
    return { ok: true, rules: new RuleParser(src, tokenise(src)).parseAll() };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, code: e.code, reason: e.reason, position: e.position };
    throw e;
  }
}

class RuleParser {
  private k = 0;
  constructor(private readonly src: string, private readonly toks: Token[]) {}

  private get tok(): Token | undefined { return this.toks[this.k]; }
  private is(text: string, offset = 0): boolean { return this.toks[this.k + offset]?.text === text; }
  private lower(offset = 0): string { return this.toks[this.k + offset]?.text.toLowerCase() ?? ''; }
  private endPos(): number { return this.tok?.pos ?? this.src.length; }

  parseAll(): OpeningRule[] {
    const rules: OpeningRule[] = [];
    let kind: OpeningRule['kind'] = 'normal';
    for (;;) {
      rules.push(this.parseRule(kind));
      const t = this.tok;
      if (!t) return rules;
      if (t.text === ';' || t.text === ',') {
        kind = t.text === ';' ? 'normal' : 'additional';
        this.k++;
        if (!this.tok && t.text === ';') return rules; // a trailing ";" is harmless
        if (!this.tok || this.is(';') || this.is(',')) fail('EMPTY_RULE', `empty rule after "${t.text}"`, this.endPos());
        continue;
      }
      if (t.text === '||') fail('UNSUPPORTED', 'fallback rules ("||") are not supported', t.pos);
      if (t.type === 'comment') fail('UNSUPPORTED', `comments (${t.text}) are not supported`, t.pos);
      if (t.type === 'word' && VARIABLE_TIMES.has(t.text.toLowerCase())) fail('UNSUPPORTED', `variable times ("${t.text}") are not supported`, t.pos);
      fail('UNEXPECTED', `unexpected "${t.text}" (separate rules with ";")`, t.pos);
    }
  }

  private parseRule(kind: OpeningRule['kind']): OpeningRule {
    const start = this.endPos();
    const rule: OpeningRule = { kind, months: null, weekdays: null, holidays: false, times: null, open: true, source: '' };
    const first = this.k;
    if (this.tok?.type === 'always') {
      this.k++;
    } else {
      if (MONTHS.includes(this.lower())) {
        rule.months = this.parseRange(MONTHS, 'UNKNOWN_MONTH', 'month', 1);
        if (this.tok?.type === 'num') fail('UNSUPPORTED', `dates within a month ("${this.toks[this.k - 1].text} ${this.tok.text}") are not supported`, this.tok.pos);
        if (this.is(':')) this.k++;
      }
      if (this.tok?.type === 'word' && !MODIFIERS.has(this.lower())) this.parseWeekdays(rule);
      if (this.tok?.type === 'time') rule.times = this.parseTimes();
      else if (this.tok?.type === 'num' && this.k > first) fail('BAD_TIME', `expected a time HH:MM, got "${this.tok.text}"`, this.tok.pos);
    }
    if (this.tok?.type === 'word' && MODIFIERS.has(this.lower())) {
      if (this.lower() === 'unknown') fail('UNSUPPORTED', 'the "unknown" state is not supported', this.tok.pos);
      rule.open = this.lower() === 'open';
      this.k++;
    }
    if (this.k === first) this.failRuleStart();
    const last = this.toks[this.k - 1];
    rule.source = this.src.slice(start, last.end);
    return rule;
  }

  /** Explains why nothing could be read where a rule should start. */
  private failRuleStart(): never {
    const t = this.tok;
    if (!t) return fail('EMPTY_RULE', 'empty rule', this.src.length);
    if (t.type === 'comment') return fail('UNSUPPORTED', `comments (${t.text}) are not supported`, t.pos);
    if (t.type === 'num' && t.text.length === 4) return fail('UNSUPPORTED', `year selectors ("${t.text}") are not supported`, t.pos);
    if (t.type === 'num') return fail('BAD_TIME', `expected a time HH:MM, got "${t.text}"`, t.pos);
    if (t.text === ';' || t.text === ',') return fail('EMPTY_RULE', 'empty rule', t.pos);
    return fail('UNEXPECTED', `unexpected "${t.text}"`, t.pos);
  }

  private parseWeekdays(rule: OpeningRule): void {
    const days = new Set<number>();
    for (;;) {
      const t = this.tok!;
      const w = this.lower();
      if (w === 'ph') {
        rule.holidays = true;
        this.k++;
      } else if (w === 'sh') {
        fail('UNSUPPORTED', 'school holidays ("SH") are not supported', t.pos);
      } else if (VARIABLE_TIMES.has(w)) {
        fail('UNSUPPORTED', `variable times ("${t.text}") are not supported`, t.pos);
      } else if (w === 'week') {
        fail('UNSUPPORTED', 'week selectors ("week") are not supported', t.pos);
      } else {
        for (const d of this.parseRange(WEEKDAYS, 'UNKNOWN_WEEKDAY', 'weekday', 0)) days.add(d);
        if (this.is('[')) fail('UNSUPPORTED', `nth weekdays ("${t.text}[…]") are not supported`, this.tok!.pos);
      }
      if (!(this.is(',') && this.toks[this.k + 1]?.type === 'word')) break;
      this.k++;
    }
    if (days.size > 0) rule.weekdays = [...days].sort((a, b) => a - b);
  }

  /** Reads `A`, `A-B` (wrapping, e.g. `Sa-Mo`, `Nov-Feb`) or a list of them, over `names`; values start at `base`. */
  private parseRange(names: string[], code: OpeningHoursErrorCode, what: string, base: number): number[] {
    const out: number[] = [];
    const one = (): number => {
      const t = this.tok;
      const i = t?.type === 'word' ? names.indexOf(t.text.toLowerCase()) : -1;
      if (i < 0) {
        const hint = what === 'weekday' ? ` (${WEEKDAY_HINT})` : '';
        fail(code, t ? `unknown ${what} "${t.text}"${hint}` : `expected a ${what}, got the end`, this.endPos());
      }
      this.k++;
      return i;
    };
    for (;;) {
      const a = one();
      let b = a;
      if (this.is('-')) {
        this.k++;
        b = one();
      }
      for (let i = a; ; i = (i + 1) % names.length) {
        out.push(i + base);
        if (i === b) break;
      }
      // a list continues only with another name of the same kind (`Jan,Mar`); weekday lists are read by the caller
      if (!(what === 'month' && this.is(',') && MONTHS.includes(this.lower(1)))) return out;
      this.k++;
    }
  }

  private parseTimes(): [number, number][] {
    const spans: [number, number][] = [];
    for (;;) {
      const t = this.tok!;
      const s = this.readTime(t, DAY_MIN - 1, 'start');
      this.k++;
      if (this.is('+')) fail('UNSUPPORTED', `open-ended times ("${t.text}+") are not supported`, t.pos);
      if (!this.is('-')) fail('MISSING_END_TIME', `time "${t.text}" has no end (expected "${t.text}-HH:MM")`, t.pos);
      this.k++;
      const u = this.tok;
      if (u?.type === 'word' && VARIABLE_TIMES.has(u.text.toLowerCase())) fail('UNSUPPORTED', `variable times ("${u.text}") are not supported`, u.pos);
      if (u?.type !== 'time') fail('BAD_TIME', `expected an end time HH:MM after "${t.text}-"${u ? `, got "${u.text}"` : ''}`, this.endPos());
      let e = this.readTime(u!, MAX_END_MIN, 'end');
      this.k++;
      if (this.is('+')) fail('UNSUPPORTED', `open-ended times ("${u!.text}+") are not supported`, u!.pos);
      if (e === s) fail('EMPTY_TIME_RANGE', `empty time range "${t.text}-${u!.text}" (use 00:00-24:00 for a whole day)`, t.pos);
      if (e < s) e += DAY_MIN; // past midnight: 18:00-02:00 ends at 02:00 the next day
      if (e > MAX_END_MIN) fail('BAD_TIME', `time range "${t.text}-${u!.text}" runs past 48:00`, t.pos);
      spans.push([s, e]);
      if (!(this.is(',') && this.toks[this.k + 1]?.type === 'time')) return spans;
      this.k++;
    }
  }

  /** `HH:MM` → minutes; a start is 00:00–23:59, an end 00:00–48:00. */
  private readTime(t: Token, maxMin: number, which: 'start' | 'end'): number {
    const m = /^(\d{1,2}):(\d{2})$/.exec(t.text);
    if (!m) return fail('BAD_TIME', `bad time "${t.text}" (expected HH:MM)`, t.pos);
    const h = Number(m[1]);
    const min = Number(m[2]);
    if (min > 59) return fail('BAD_TIME', `minute ${m[2]} out of range in "${t.text}"`, t.pos);
    const total = h * 60 + min;
    if (total > maxMin) {
      const limit = which === 'start' ? '00–23' : '00–48';
      return fail('BAD_TIME', `hour ${m[1]} out of range (${limit} for a ${which} time) in "${t.text}"`, t.pos);
    }
    return total;
  }
}
