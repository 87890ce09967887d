/**
 * iCalendar (RFC 5545) export of one booking or activity. Pure. Times are written in UTC
 * (`…Z`), text is escaped (§3.3.11) and lines are folded at 75 octets without splitting a
 * UTF-8 character (§3.1); lines end in CRLF.
 */

export interface IcsEvent {
  /** Globally unique and stable: `booking-12@xingfujiayuan`. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string | null;
  location?: string | null;
  /** WGS84 [lon, lat]; written as GEO:lat;lon. */
  point?: [number, number] | null;
  status?: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  /** When the file was made (DTSTAMP). */
  stamp: Date;
}

export const ICS_PRODID = '-//xingfujiayuan//places//ZH';

/** 20261121T013000Z */
export function icsTime(d: Date): string {
  if (!Number.isFinite(d.getTime())) throw new RangeError(`invalid time ${String(d)}`);
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Escapes TEXT values: backslash, semicolon, comma and line breaks. */
export function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds one content line into chunks of at most 75 octets, continuation lines starting with a space. */
export function foldLine(line: string): string {
  const enc = new TextEncoder();
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines carry the leading space
    if (bytes + n > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

export function toIcs(e: IcsEvent): string {
  if (!(e.end.getTime() > e.start.getTime())) throw new RangeError(`event ${e.uid} ends before it starts`);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICS_PRODID}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${icsTime(e.stamp)}`,
    `DTSTART:${icsTime(e.start)}`,
    `DTEND:${icsTime(e.end)}`,
    `SUMMARY:${icsText(e.summary)}`,
    ...(e.description ? [`DESCRIPTION:${icsText(e.description)}`] : []),
    ...(e.location ? [`LOCATION:${icsText(e.location)}`] : []),
    ...(e.point ? [`GEO:${e.point[1].toFixed(6)};${e.point[0].toFixed(6)}`] : []),
    `STATUS:${e.status ?? 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
