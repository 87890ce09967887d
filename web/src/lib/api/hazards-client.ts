/**
 * Typed client of the hazard routes (docs/API.md "Hazard reports"). Every call takes an optional
 * AbortSignal. Photos go up as raw JPEG bytes (the server decodes and re-encodes them).
 */
import { getJson, sendBytes, sendJson } from './http';
import type {
  HazardCase,
  HazardCategory,
  HazardCounts,
  HazardDashboard,
  HazardEventInput,
  HazardFiled,
  HazardFilter,
  HazardLayer,
  HazardMine,
  HazardModerationAction,
  HazardNearby,
  HazardPoints,
  HazardReportInput,
  HazardSummary,
  HazardUpload,
} from './hazards-types';
import type { Bbox } from './types';

const bboxParam = (bbox?: Bbox) => (bbox ? bbox.map((v) => +v.toFixed(6)).join(',') : undefined);
const filterQuery = (f: HazardFilter = {}) => ({ category: f.category?.join(','), state: f.state?.join(','), from: f.from, to: f.to });
const fixed = (v: number) => +v.toFixed(7);

export const hazardsApi = {
  categories: (signal?: AbortSignal) => getJson<{ categories: HazardCategory[] }>('hazards/categories', {}, signal),

  /** The map layer and public list: visible cases as points, newest first. @param limit - at most 20000 */
  layer: (q: HazardFilter & { bbox?: Bbox; overdue?: boolean; limit?: number }, signal?: AbortSignal) =>
    getJson<HazardLayer>('hazards', { ...filterQuery(q), bbox: bboxParam(q.bbox), overdue: q.overdue === undefined ? undefined : String(q.overdue), limit: q.limit }, signal),

  /** Visible cases per street, community or grid, at each area's label point. */
  counts: (q: HazardFilter & { level: 'street' | 'community' | 'grid'; bbox?: Bbox }, signal?: AbortSignal) =>
    getJson<HazardCounts>('hazards/counts', { ...filterQuery(q), level: q.level, bbox: bboxParam(q.bbox) }, signal),

  /** Open cases of that category within 50 m: offered as "me too" before a new report. */
  nearby: (q: { lon: number; lat: number; category: string }, signal?: AbortSignal) =>
    getJson<HazardNearby>('hazards/nearby', { lon: fixed(q.lon), lat: fixed(q.lat), category: q.category }, signal),

  report: (input: HazardReportInput, signal?: AbortSignal) => sendJson<HazardFiled>('POST', 'hazards', input, signal),
  meToo: (id: number, signal?: AbortSignal) => sendJson<{ id: number; added: boolean; meToo: number }>('POST', `hazards/${id}/me-too`, {}, signal),

  /** One case by id (public or staff view, as the server decides). */
  byId: (id: number, signal?: AbortSignal) => getJson<HazardCase>(`hazards/${id}`, {}, signal),
  /** The reporter's view by the follow link's token (no account needed). */
  byToken: (token: string, signal?: AbortSignal) =>
    getJson<Omit<HazardCase, 'view'>>(`hazards/follow/${encodeURIComponent(token)}`, {}, signal).then((c) => ({ ...c, view: 'reporter' as const })),

  /** Moves a case; 409 names the allowed transitions, 422 a missing note / evidence / agency. */
  event: (id: number, input: HazardEventInput, signal?: AbortSignal) =>
    sendJson<{ replayed: boolean; eventId: number; to: string; credited: boolean; case: Omit<HazardCase, 'view'> }>('POST', `hazards/${id}/events`, input, signal),

  queue: (q: { area?: number; limit?: number } = {}, signal?: AbortSignal) =>
    getJson<{ areas: number[]; cases: HazardSummary[] }>('hazards/queue', q, signal),
  dashboard: (q: { area: number; from?: string; to?: string }, signal?: AbortSignal) => getJson<HazardDashboard>('hazards/dashboard', q, signal),

  /** Uploads one photo (raw bytes). 413 too big, 422 not an image / bomb / corrupt. */
  upload: (photo: Blob, signal?: AbortSignal): Promise<HazardUpload> => sendBytes<HazardUpload>('hazards/uploads', photo, signal),

  /** The logged-in reporter's own cases (hazards.own). */
  mine: (signal?: AbortSignal) => getJson<HazardMine>('hazards/mine', {}, signal),
  /** The logged-in reporter's points ledger and monthly totals (hazards.own). */
  points: (signal?: AbortSignal) => getJson<HazardPoints>('hazards/points', {}, signal),

  /** Hidden cases and cases flagged since last moderated, in the caller's areas (hazards.review). */
  moderation: (q: { area?: number; limit?: number } = {}, signal?: AbortSignal) => getJson<{ cases: HazardSummary[] }>('hazards/moderation', q, signal),
  /** Hide, unhide or dismiss the flags of a case; `reason` is recorded on the case's `moderate` event. */
  moderate: (id: number, input: { action: HazardModerationAction; reason: string }, signal?: AbortSignal) =>
    sendJson<Omit<HazardCase, 'view'>>('POST', `hazards/${id}/moderation`, input, signal),

};
