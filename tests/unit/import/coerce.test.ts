import { describe, expect, it } from 'vitest';
import { toBoolean, toCode, toList, toMetres, toOsmId, toPresenceFlag, toText } from '../../../server/import/coerce.ts';

describe('coercions', () => {
  it('OSM ids, relations negative', () => {
    expect(['123', 'way/123', 'w123', 'osm:123', 123].map(toOsmId)).toEqual([123, 123, 123, 123, 123]);
    expect(['relation/5', 'r5', 'osm:-5'].map(toOsmId)).toEqual([-5, -5, -5]);
    expect(toOsmId('abc')).toBe('abc');
  });
  it('booleans in English, digits and Chinese; anything else left for zod', () => {
    expect(['yes', 'TRUE', '1', '是', 1, true].map(toBoolean)).toEqual([true, true, true, true, true, true]);
    expect(['no', 'false', '0', '否', 0].map(toBoolean)).toEqual([false, false, false, false, false]);
    expect(toBoolean('maybe')).toBe('maybe');
  });
  it('presence flags (bridge/tunnel)', () => {
    expect(['viaduct', 'yes', 'no', null].map(toPresenceFlag)).toEqual([true, true, false, false]);
  });
  it('text, lists, metres, codes', () => {
    expect(toText('  a ')).toBe('a');
    expect(toText('')).toBeNull();
    expect(toList('a; b；c;')).toEqual(['a', 'b', 'c']);
    expect(toMetres('12.5 m')).toBe(12.5);
    expect(toMetres('40 ft')).toBe('40 ft');
    expect(toCode(310101002)).toBe('310101002');
    expect(toCode(31010100200101001001)).toBe(31010100200101001001); // digits already lost: left for zod to reject
  });
});
