/** The report from entries in force: period by the date a finding establishes, conversions by day in Asia/Shanghai. */
import { describe, expect, it } from 'vitest';
import { buildReport, shanghaiDay } from '../../../server/audits/report.ts';
import { reportTables } from '../../../server/audits/report-tables.ts';

const input = {
  area: { id: 1, name: '外滩街道', level: 'street' },
  from: '2026-11-01',
  to: '2026-11-30',
  communities: [{ id: 10, name: '甲社区' }, { id: 11, name: '乙社区' }],
  spaces: [{ kind: 'property_room', status: 'reclaimed', n: 2 }, { kind: 'idle_space', status: 'idle', n: 3 }],
  findings: [
    { communityId: 10, at: new Date('2026-11-20T02:00:00Z'), data: { outcome: 'reclaimed', date: '2026-11-20', reclaimedAreaM2: 42.5, incomeRecoveredYuan: 1000 } },
    { communityId: 11, at: new Date('2026-11-21T02:00:00Z'), data: { outcome: 'income_recovered', date: '2026-11-21', incomeRecoveredYuan: 500.25 } },
    { communityId: 10, at: new Date('2026-11-21T02:00:00Z'), data: { outcome: 'reclaimed', date: '2026-10-31', reclaimedAreaM2: 99 } }, // before the period
  ],
  conversions: [
    { communityId: 10, spaceId: 5, at: new Date('2026-11-30T17:00:00Z'), data: { placeId: 7, name: '驿站', placeKind: 'grid_station', fromStatus: 'reclaimed' } }, // 12-01 in Shanghai
    { communityId: 10, spaceId: 6, at: new Date('2026-11-30T15:00:00Z'), data: { placeId: 8, name: '驿站二', placeKind: 'grid_station', fromStatus: 'idle' } },
  ],
  arrears: [{ communityId: 11, yuan: 300 }],
  standards: { communities: [{ id: 10, shortfallM2: 12.5, ok: false }, { id: 11, shortfallM2: 0, ok: true }], compounds: [{ communityId: 10, shortfallM2: 20, ok: false }, { communityId: 11, shortfallM2: 5.5, ok: false }] },
};

describe('audit report', () => {
  it('totals exactly what was found in the period', () => {
    const r = buildReport(input);
    expect(r.totals).toMatchObject({ spaces: 5, findings: 2, reclaimedM2: 42.5, yuanRecovered: 1500.25, arrearsRecoveredYuan: 300,
      stationsCreated: 1, stationsFromReclaimed: 0, csrShortfallM2: 12.5, pmShortfallM2: 25.5, compoundsRed: 2 });
    expect(r.communities.map((c) => [c.name, c.reclaimedM2, c.yuanRecovered])).toEqual([['甲社区', 42.5, 1000], ['乙社区', 0, 500.25]]);
    expect(shanghaiDay(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
  });
  it('the tables carry the same numbers with Chinese headers', () => {
    const t = reportTables(buildReport(input));
    expect(t.map((x) => x.title)).toEqual(['概况', '空间分类统计', '社区汇总', '新建阵地']);
    expect(t[0].rows).toContainEqual(['收回面积（m²）', 42.5]);
    expect(t[2].headers[0]).toBe('社区');
  });
});
