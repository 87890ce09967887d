import { describe, expect, it } from 'vitest';
import { hoursFacts, openAt, openThroughout } from '../../../server/places/place-hours.ts';
import { unknownKinds, unknownServices, kindKey, serviceKey, SERVICES, SERVICE_NAMES, KIND_NAMES, PLACE_KINDS } from '../../../server/places/places.constants.ts';

const t = (s: string) => new Date(s);

describe('opening-hours facts for the finder and the place page', () => {
  it('past midnight: a Friday 18:00-02:00 place is open at 01:30 on Saturday, closed at 02:00', () => {
    const oh = 'Fr 18:00-02:00';
    expect(openAt(oh, t('2026-11-21T01:30:00+08:00'))).toBe(true);
    expect(openAt(oh, t('2026-11-21T02:00:00+08:00'))).toBe(false);
    const f = hoursFacts(oh, t('2026-11-20T23:00:00+08:00'));
    expect(f.open).toBe(true);
    expect(f.todayHours).toEqual(['18:00–02:00']);
    expect(f.nextChange).toEqual({ at: t('2026-11-21T02:00:00+08:00').toISOString(), open: false });
    expect(f.nextOpening).toBe(t('2026-11-27T18:00:00+08:00').toISOString());
  });

  it('PH off: closed on National Day (a Thursday), next opening after the holiday week', () => {
    const oh = 'Mo-Fr 09:00-17:00; PH off';
    const f = hoursFacts(oh, t('2026-10-01T10:00:00+08:00'));
    expect(f.open).toBe(false);
    expect(f.todayHours).toEqual([]);
    expect(f.nextOpening).toBe(t('2026-10-08T09:00:00+08:00').toISOString());
    expect(openAt(oh, t('2026-10-09T10:00:00+08:00'))).toBe(true);
  });

  it('"off" with times closes only those times; "off" alone closes the day', () => {
    expect(openAt('Mo-Su 08:00-20:00; We 12:00-13:00 off', t('2026-11-18T12:30:00+08:00'))).toBe(false);
    expect(openAt('Mo-Su 08:00-20:00; We 12:00-13:00 off', t('2026-11-18T13:30:00+08:00'))).toBe(true);
    expect(openAt('Mo-Su 08:00-20:00; Su off', t('2026-11-22T10:00:00+08:00'))).toBe(false);
  });

  it('unknown or unreadable hours are neither open nor closed', () => {
    expect(hoursFacts(null, t('2026-11-18T12:00:00+08:00'))).toEqual({ open: null, todayHours: null, nextChange: null, nextOpening: null });
    expect(openAt('sometimes', t('2026-11-18T12:00:00+08:00'))).toBeNull();
  });

  it('a booking fits only inside one opening span', () => {
    const oh = 'Mo-Fr 09:00-12:00,14:00-18:00';
    expect(openThroughout(oh, t('2026-11-18T09:00:00+08:00'), t('2026-11-18T12:00:00+08:00'))).toBe(true);
    expect(openThroughout(oh, t('2026-11-18T11:00:00+08:00'), t('2026-11-18T15:00:00+08:00'))).toBe(false);
    expect(openThroughout(oh, t('2026-11-18T08:30:00+08:00'), t('2026-11-18T10:00:00+08:00'))).toBe(false);
    expect(openThroughout('24/7', t('2026-11-18T23:00:00+08:00'), t('2026-11-19T05:00:00+08:00'))).toBe(true);
    expect(openThroughout(null, t('2026-11-18T23:00:00+08:00'), t('2026-11-19T05:00:00+08:00'))).toBe(true);
  });
});

describe('controlled vocabularies', () => {
  it('every kind and service has a Chinese and an English name', () => {
    for (const k of PLACE_KINDS) expect(KIND_NAMES[k].zh && KIND_NAMES[k].en).toBeTruthy();
    for (const s of SERVICES) expect(SERVICE_NAMES[s].zh && SERVICE_NAMES[s].en).toBeTruthy();
  });

  it('names what is unknown, and maps Chinese names to keys', () => {
    expect(unknownServices(['rest', 'sauna'])).toMatch(/^unknown service "sauna" \(known: rest,/);
    expect(unknownServices(['rest', 'toilet'])).toBeNull();
    expect(unknownKinds(['spa', 'bar'])).toMatch(/^unknown kinds "spa", "bar"/);
    expect(serviceKey('电动车电池充电')).toBe('ebike_charging');
    expect(kindKey('骑手友好店面')).toBe('rider_shop');
    expect(kindKey('rider_shop')).toBe('rider_shop');
  });
});
