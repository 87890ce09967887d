import { describe, expect, it } from 'vitest';
import { classify, floorsFromHeight, householdsFor, useFromKind, useFromName } from '../../../scripts/data-build/classify.ts';

const base = { kindDetail: null, name: null, heightM: null, minHeightM: null, footprintM2: 400, landuse: null };

describe('household rule', () => {
  it('is floor(footprint × floors × 0.75 ÷ 90 m²) for housing', () => {
    expect(householdsFor('residential', 400, 6)).toBe(20); // 400 × 6 × 0.75 / 90 = 20
    expect(householdsFor('residential', 1000, 30)).toBe(250);
    expect(householdsFor('residential', 576, 6)).toBe(28); // one synthetic slab
  });
  it('gives no households to other uses or to sheds under 30 m²', () => {
    expect(householdsFor('office', 1000, 30)).toBe(0);
    expect(householdsFor('residential', 29, 3)).toBe(0);
  });
  it('counts floors as height ÷ 3 m, rounded, at least one', () => {
    expect(floorsFromHeight(18, null)).toBe(6);
    expect(floorsFromHeight(100, 10)).toBe(30);
    expect(floorsFromHeight(1, null)).toBe(1);
  });
});

describe('classify', () => {
  it('uses the building tag first', () => {
    expect(useFromKind('apartments')).toBe('residential');
    expect(useFromKind('retail')).toBe('commercial');
    expect(useFromKind('hotel')).toBe('hotel');
    expect(useFromKind('attraction')).toBe('other');
    expect(useFromKind(null)).toBeNull();
    expect(classify({ ...base, kindDetail: 'office', heightM: 90 })).toMatchObject({ use: 'office', floors: 30, rule: 'tag' });
  });
  it('reads names before landuse', () => {
    expect(useFromName('明珠小学')).toBe('school');
    expect(useFromName('崂山五村')).toBe('residential');
    expect(useFromName('上海银行大厦')).toBe('office');
    expect(classify({ ...base, name: '浦东新区陆家嘴图书馆', landuse: 'residential' }).use).toBe('public');
  });
  it('makes height-less buildings in residential landuse 6-floor walk-ups', () => {
    expect(classify({ ...base, landuse: 'residential' })).toMatchObject({ use: 'residential', floors: 6 });
    expect(classify({ ...base, landuse: 'park' }).use).toBe('other');
    expect(classify({ ...base, landuse: 'retail' }).use).toBe('commercial');
  });
  it('reads unnamed buildings outside landuse as 里弄 or mid-rise housing, large or tall ones as other', () => {
    expect(classify(base)).toMatchObject({ use: 'residential', floors: 3, rule: 'lilong' });
    expect(classify({ ...base, heightM: 24 })).toMatchObject({ use: 'residential', floors: 8, rule: 'midrise' });
    expect(classify({ ...base, heightM: 120 }).use).toBe('other');
    expect(classify({ ...base, footprintM2: 5000 }).use).toBe('other');
  });
});
