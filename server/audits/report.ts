/**
 * The audit report of an area over a period, pure: from the entries in force (findings and
 * conversions no correction replaces) and the current inventory, the tables the JSON, XLSX and
 * printable reports share. Findings count by the date they establish (`data.date`), conversions
 * by the day they were made (Asia/Shanghai); the standards shortfall is as of now.
 */
import { KIND_ZH, SPACE_KINDS, SPACE_STATUSES, STATUS_ZH } from './audit.workflow.ts';

export interface ReportInput {
  area: { id: number; name: string; level: string };
  from: string;
  to: string;
  communities: { id: number; name: string }[];
  /** Current spaces: kind × status counts. */
  spaces: { kind: string; status: string; n: number }[];
  findings: { communityId: number | null; at: Date; data: Record<string, unknown> }[];
  conversions: { communityId: number | null; at: Date; data: Record<string, unknown>; spaceId: number }[];
  arrears: { communityId: number; yuan: number }[];
  standards: { communities: { id: number; shortfallM2: number; ok: boolean }[]; compounds: { communityId: number; shortfallM2: number; ok: boolean }[] };
}

const r2 = (x: number) => Math.round(x * 100) / 100;
/** The calendar day of an instant in Asia/Shanghai (UTC+8, no DST). */
export const shanghaiDay = (d: Date) => new Date(new Date(d).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export interface CommunityLine {
  communityId: number | null;
  name: string;
  findings: number;
  reclaimedM2: number;
  yuanRecovered: number;
  arrearsRecoveredYuan: number;
  stationsCreated: number;
  stationsFromReclaimed: number;
  csrShortfallM2: number;
  pmShortfallM2: number;
  compoundsRed: number;
}

export function buildReport(x: ReportInput) {
  const inPeriod = (day: string) => day >= x.from && day <= x.to;
  const findings = x.findings.filter((f) => inPeriod(String(f.data.date ?? shanghaiDay(f.at))));
  const conversions = x.conversions.filter((c) => inPeriod(shanghaiDay(c.at)));
  const lines: CommunityLine[] = x.communities.map((c) => ({
    communityId: c.id, name: c.name, findings: 0, reclaimedM2: 0, yuanRecovered: 0, arrearsRecoveredYuan: 0, stationsCreated: 0, stationsFromReclaimed: 0,
    csrShortfallM2: x.standards.communities.find((s) => s.id === c.id)?.shortfallM2 ?? 0,
    pmShortfallM2: r2(x.standards.compounds.filter((s) => s.communityId === c.id).reduce((s, k) => s + k.shortfallM2, 0)),
    compoundsRed: x.standards.compounds.filter((s) => s.communityId === c.id && !s.ok).length,
  }));
  const lineOf = (id: number | null) => {
    let l = lines.find((k) => k.communityId === id);
    if (!l) lines.push((l = { communityId: id, name: '（社区外）', findings: 0, reclaimedM2: 0, yuanRecovered: 0, arrearsRecoveredYuan: 0, stationsCreated: 0, stationsFromReclaimed: 0, csrShortfallM2: 0, pmShortfallM2: 0, compoundsRed: 0 }));
    return l;
  };
  const outcomes: Record<string, number> = {};
  for (const f of findings) {
    const l = lineOf(f.communityId);
    l.findings++;
    const outcome = String(f.data.outcome);
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (outcome === 'reclaimed') l.reclaimedM2 = r2(l.reclaimedM2 + Number(f.data.reclaimedAreaM2 ?? 0));
    l.yuanRecovered = r2(l.yuanRecovered + Number(f.data.incomeRecoveredYuan ?? 0));
  }
  for (const c of conversions) {
    const l = lineOf(c.communityId);
    l.stationsCreated++;
    if (c.data.fromStatus === 'reclaimed') l.stationsFromReclaimed++;
  }
  for (const a of x.arrears) {
    const l = lines.find((k) => k.communityId === a.communityId);
    if (l) l.arrearsRecoveredYuan = r2(l.arrearsRecoveredYuan + a.yuan);
  }
  const sum = (k: keyof Omit<CommunityLine, 'communityId' | 'name'>) => r2(lines.reduce((s, l) => s + l[k], 0));
  const byKind = SPACE_KINDS.map((kind) => {
    const counts = Object.fromEntries(SPACE_STATUSES.map((st) => [st, x.spaces.filter((s) => s.kind === kind && s.status === st).reduce((n, s) => n + s.n, 0)]));
    return { kind, kindZh: KIND_ZH[kind], counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
  });
  return {
    area: x.area,
    period: { from: x.from, to: x.to },
    totals: {
      spaces: byKind.reduce((n, k) => n + k.total, 0),
      findings: findings.length,
      outcomes,
      reclaimedM2: sum('reclaimedM2'),
      yuanRecovered: sum('yuanRecovered'),
      arrearsRecoveredYuan: sum('arrearsRecoveredYuan'),
      stationsCreated: sum('stationsCreated'),
      stationsFromReclaimed: sum('stationsFromReclaimed'),
      csrShortfallM2: sum('csrShortfallM2'),
      pmShortfallM2: sum('pmShortfallM2'),
      compoundsRed: sum('compoundsRed'),
    },
    spacesByKind: byKind,
    statuses: SPACE_STATUSES.map((s) => ({ status: s, statusZh: STATUS_ZH[s] })),
    communities: lines,
    stations: conversions.map((c) => ({ spaceId: c.spaceId, placeId: Number(c.data.placeId), name: String(c.data.name), placeKind: String(c.data.placeKind), fromStatus: String(c.data.fromStatus), day: shanghaiDay(c.at) })),
  };
}
export type Report = ReturnType<typeof buildReport>;
