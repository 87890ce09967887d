/**
 * Service levels (issue 7): per category and priority, three stages — respond (the grid worker's
 * first check: verified, rejected or marked duplicate), on site (work starts: in_progress) and
 * resolve. Defaults: emergency 1 min / 5 min / 1 day (会昌: "1 minute to respond, 5 minutes on site").
 *
 * Specs are text: `<n>m` and `<n>h` are elapsed minutes and hours; `<n>d` is "by 24:00 Asia/Shanghai
 * of the n-th calendar day after the day of the report" (a report at 23:50 with `1d` is due at
 * 24:00 the next day, not 24 hours later). The database computes due times with the same rule
 * (`hazard_due` in migration 0005) when a case is inserted or its priority/category changes;
 * `dueAt` here is its twin for previews and tests. Pure.
 */
import { z } from 'zod';

export const SLA_SPEC = /^[1-9][0-9]{0,4}[mhd]$/;
export const slaSpec = z.string().regex(SLA_SPEC, 'must be a number of minutes, hours or days like 30m, 4h, 3d');

export const STAGES = ['respond', 'on_site', 'resolve'] as const;
export type Stage = (typeof STAGES)[number];

/** China has used one offset, +08:00, all year since 1991 (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

export function dueAt(t: Date, spec: string): Date {
  const m = /^(\d+)([mhd])$/.exec(spec);
  if (!m) throw new Error(`bad SLA spec ${spec}`);
  const n = Number(m[1]);
  if (m[2] === 'm') return new Date(t.getTime() + n * 60_000);
  if (m[2] === 'h') return new Date(t.getTime() + n * 3600_000);
  const localMidnight = Math.floor((t.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  return new Date(localMidnight + (n + 1) * DAY_MS);
}

export interface SlaTimes {
  respondDueAt: Date | null;
  onSiteDueAt: Date | null;
  resolveDueAt: Date | null;
  respondedAt: Date | null;
  onSiteAt: Date | null;
  resolvedAt: Date | null;
}

export interface SlaStatus {
  /** Stages not done whose due time has passed (only while the case is open). */
  overdue: Stage[];
  /** Stages done after their due time. */
  late: Stage[];
  /** The earliest due time still ahead of an open case. */
  nextDue: { stage: Stage; at: string } | null;
}

export function slaStatus(t: SlaTimes, open: boolean, now: Date): SlaStatus {
  const stages: [Stage, Date | null, Date | null][] = [
    ['respond', t.respondDueAt, t.respondedAt],
    ['on_site', t.onSiteDueAt, t.onSiteAt],
    ['resolve', t.resolveDueAt, t.resolvedAt],
  ];
  const overdue: Stage[] = [];
  const late: Stage[] = [];
  let nextDue: SlaStatus['nextDue'] = null;
  for (const [stage, due, done] of stages) {
    if (!due) continue;
    if (done) {
      if (done.getTime() > due.getTime()) late.push(stage);
    } else if (open) {
      if (due.getTime() < now.getTime()) overdue.push(stage);
      else if (!nextDue || due.getTime() < Date.parse(nextDue.at)) nextDue = { stage, at: due.toISOString() };
    }
  }
  return { overdue, late, nextDue };
}
