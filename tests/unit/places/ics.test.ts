import { describe, expect, it } from 'vitest';
import { foldLine, icsText, icsTime, toIcs } from '../../../server/places/ics.ts';

const event = {
  uid: 'booking-7@xingfujiayuan',
  start: new Date('2026-12-01T09:00:00+08:00'),
  end: new Date('2026-12-01T10:30:00+08:00'),
  stamp: new Date('2026-11-21T08:00:00Z'),
  summary: '会议室A · 陆家嘴社区党群服务中心',
  description: '议题: 楼道堆物; 电动车充电,第二次',
  location: '陆家嘴社区党群服务中心',
  point: [121.5, 31.24] as [number, number],
};

describe('iCalendar export', () => {
  it('writes UTC times, escapes text and ends every line in CRLF', () => {
    const ics = toIcs(event);
    expect(icsTime(event.start)).toBe('20261201T010000Z');
    expect(ics).toContain('DTSTART:20261201T010000Z\r\n');
    expect(ics).toContain('DTEND:20261201T023000Z\r\n');
    expect(ics).toContain('UID:booking-7@xingfujiayuan\r\n');
    expect(ics).toContain('GEO:31.240000;121.500000\r\n');
    expect(ics).toContain('STATUS:CONFIRMED');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(icsText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
  });

  it('folds lines at 75 octets without splitting a Chinese character, and unfolds to the original', () => {
    const long = `SUMMARY:${'党群服务中心活动'.repeat(10)}`;
    const folded = foldLine(long);
    for (const l of folded.split('\r\n')) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(long);
    expect(folded).not.toContain('\uFFFD');
  });

  it('marks a cancelled booking and refuses an event that ends before it starts', () => {
    expect(toIcs({ ...event, status: 'CANCELLED' })).toContain('STATUS:CANCELLED');
    expect(() => toIcs({ ...event, end: event.start })).toThrow(/ends before it starts/);
  });
});
