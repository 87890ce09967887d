import { describe, expect, it } from 'vitest';
import {
  CN_HOLIDAYS_2026, CN_MAKEUP_WORKDAYS_2026, CN_PUBLIC_HOLIDAYS, holidaySet,
} from '../../../server/places/holidays.ts';

describe('China 2026 public holidays (国务院办公厅 2025-11-04 notice)', () => {
  it('expands the seven periods to 33 days', () => {
    expect(CN_HOLIDAYS_2026.map((p) => p.nameZh)).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    expect(CN_PUBLIC_HOLIDAYS.size).toBe(3 + 9 + 3 + 5 + 3 + 3 + 7);
  });

  it('holds the period ends and nothing around them', () => {
    for (const d of ['2026-01-01', '2026-01-03', '2026-02-15', '2026-02-23', '2026-04-04', '2026-04-06', '2026-05-01', '2026-05-05',
      '2026-06-19', '2026-06-21', '2026-09-25', '2026-09-27', '2026-10-01', '2026-10-07']) expect(CN_PUBLIC_HOLIDAYS.has(d), d).toBe(true);
    for (const d of ['2025-12-31', '2026-01-04', '2026-02-14', '2026-02-24', '2026-05-06', '2026-10-08']) expect(CN_PUBLIC_HOLIDAYS.has(d), d).toBe(false);
  });

  it('the Spring Festival period runs 腊月二十八 (Sunday 15 Feb) to 正月初七 (Monday 23 Feb)', () => {
    expect(new Date('2026-02-15T00:00:00Z').getUTCDay()).toBe(0);
    expect(new Date('2026-02-23T00:00:00Z').getUTCDay()).toBe(1);
  });

  it('make-up working days are weekend days outside the holidays', () => {
    for (const d of CN_MAKEUP_WORKDAYS_2026) {
      expect(CN_PUBLIC_HOLIDAYS.has(d)).toBe(false);
      expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    }
  });

  it('holidaySet rejects malformed or reversed periods, naming them', () => {
    expect(() => holidaySet([{ name: 'x', nameZh: 'x', from: '2026-02-30', to: '2026-03-01' }])).toThrow(/invalid holiday date "2026-02-30"/);
    expect(() => holidaySet([{ name: 'x', nameZh: 'x', from: '2026-03-02', to: '2026-03-01' }])).toThrow(/"x" ends \(2026-03-01\) before/);
    expect([...holidaySet([{ name: 'y', nameZh: 'y', from: '2026-12-31', to: '2027-01-01' }])]).toEqual(['2026-12-31', '2027-01-01']);
  });
});
