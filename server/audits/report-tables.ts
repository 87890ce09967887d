/**
 * The report as tables with Chinese headers: one definition feeds the XLSX sheets and the printable
 * page, so the two always show the same numbers as the JSON.
 */
import type { Report } from './report.ts';
import { OUTCOME_ZH } from './vocabulary.ts';

export interface Table {
  title: string;
  headers: string[];
  rows: (string | number)[][];
}

const LEVEL_ZH: Record<string, string> = { street: '街道', community: '社区', grid: '网格', unit: '单元' };

export function reportTables(r: Report): Table[] {
  const t = r.totals;
  return [
    {
      title: '概况',
      headers: ['项目', '数值'],
      rows: [
        ['区域', `${r.area.name}（${LEVEL_ZH[r.area.level] ?? r.area.level}）`],
        ['统计期间', `${r.period.from} 至 ${r.period.to}`],
        ['空间总数', t.spaces],
        ['核查结论数', t.findings],
        ...Object.entries(t.outcomes).map(([k, n]): [string, number] => [`结论：${OUTCOME_ZH[k as keyof typeof OUTCOME_ZH] ?? k}`, n]),
        ['收回面积（m²）', t.reclaimedM2],
        ['追回收益（元）', t.yuanRecovered],
        ['台账追缴欠款（元）', t.arrearsRecoveredYuan],
        ['新建阵地（个）', t.stationsCreated],
        ['其中利用收回空间（个）', t.stationsFromReclaimed],
        ['社区服务用房缺口（m²）', t.csrShortfallM2],
        ['物业管理用房缺口（m²）', t.pmShortfallM2],
        ['不达标小区（个）', t.compoundsRed],
      ],
    },
    {
      title: '空间分类统计',
      headers: ['类型', ...r.statuses.map((s) => s.statusZh), '合计'],
      rows: r.spacesByKind.map((k) => [k.kindZh, ...r.statuses.map((s) => k.counts[s.status] ?? 0), k.total]),
    },
    {
      title: '社区汇总',
      headers: ['社区', '核查结论数', '收回面积（m²）', '追回收益（元）', '台账追缴欠款（元）', '新建阵地（个）', '利用收回空间（个）', '社区服务用房缺口（m²）', '物业管理用房缺口（m²）', '不达标小区（个）'],
      rows: r.communities.map((c) => [c.name, c.findings, c.reclaimedM2, c.yuanRecovered, c.arrearsRecoveredYuan, c.stationsCreated, c.stationsFromReclaimed, c.csrShortfallM2, c.pmShortfallM2, c.compoundsRed]),
    },
    {
      title: '新建阵地',
      headers: ['空间编号', '阵地编号', '名称', '类型', '原状态', '日期'],
      rows: r.stations.map((s) => [s.spaceId, s.placeId, s.name, s.placeKind, s.fromStatus, s.day]),
    },
  ];
}
