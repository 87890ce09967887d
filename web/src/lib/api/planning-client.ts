/**
 * Typed client of the grid-planning routes (issue 8). Every call takes an optional AbortSignal;
 * exports are plain links (the browser downloads them with the session cookie).
 */
import { apiUrl, getJson, sendJson } from './http';
import type {
  DiffResult,
  DraftDetail,
  DraftInfo,
  DraftVersionInfo,
  ExportFormat,
  ProposeInput,
  ProposeResult,
  PublishedVersion,
  PublishResult,
  SaveResult,
  ValidationResult,
} from './planning-types';

const band = (b?: readonly [number, number]) => (b ? `${b[0]}-${b[1]}` : undefined);

export const planningApi = {
  drafts: (area: number, signal?: AbortSignal) => getJson<{ drafts: DraftInfo[] }>('planning/drafts', { area }, signal),

  /** Opens a draft of a community or street from its live grids. */
  createDraft: (areaId: number, name?: string, signal?: AbortSignal) => sendJson<DraftInfo>('POST', 'planning/drafts', { areaId, name }, signal),

  /** @param geometry - false leaves out the unit cells (a reload after the first) */
  draft: (id: number, q: { version?: number; band?: readonly [number, number]; geometry?: boolean } = {}, signal?: AbortSignal) =>
    getJson<DraftDetail>(`planning/drafts/${id}`, { version: q.version, band: band(q.band), geometry: q.geometry === false ? 'false' : undefined }, signal),

  /** Saves the whole plan as a new version; 409 (StaleDetails) when `baseVersion` is not the head. */
  save: (id: number, body: { baseVersion: number; assignments: Record<string, string | null>; locked: string[]; note?: string }, signal?: AbortSignal) =>
    sendJson<SaveResult>('PUT', `planning/drafts/${id}`, body, signal),

  versions: (id: number, signal?: AbortSignal) => getJson<{ draft: DraftInfo; versions: DraftVersionInfo[] }>(`planning/drafts/${id}/versions`, {}, signal),

  validate: (id: number, version: number, b?: readonly [number, number], signal?: AbortSignal) =>
    getJson<ValidationResult>(`planning/drafts/${id}/versions/${version}/validation`, { band: band(b) }, signal),

  /** 422 PROPOSAL_INFEASIBLE explains an infeasible input (details.issues). */
  propose: (id: number, body: ProposeInput, signal?: AbortSignal) => sendJson<ProposeResult>('POST', `planning/drafts/${id}/propose`, body, signal),

  draftDiff: (id: number, version?: number, signal?: AbortSignal) => getJson<DiffResult & { draft: number; version: number }>(`planning/drafts/${id}/diff`, { version }, signal),

  /** 422 PLAN_NOT_PUBLISHABLE lists what blocks it (details.issues). @param reasons - grid label → why it may be out of band */
  publish: (id: number, version: number, reasons: Record<string, string>, signal?: AbortSignal) =>
    sendJson<PublishResult>('POST', `planning/drafts/${id}/publish`, { version, reasons }, signal),

  draftExportUrl: (id: number, format: ExportFormat, version?: number) => apiUrl(`planning/drafts/${id}/export`, { format, version }),

  importCsv: (areaId: number, csv: string, name?: string, signal?: AbortSignal) => sendJson<DraftInfo>('POST', 'planning/imports', { areaId, csv, name }, signal),

  history: (communityId: number, signal?: AbortSignal) =>
    getJson<{ community: { id: number; code: string; name: string }; versions: PublishedVersion[] }>(`planning/communities/${communityId}/versions`, {}, signal),

  communityDiff: (communityId: number, q: { from?: number; to?: number } = {}, signal?: AbortSignal) =>
    getJson<DiffResult & { from: number | null; to: number | null }>(`planning/communities/${communityId}/diff`, q, signal),

  rollback: (communityId: number, version: number, reason?: string, signal?: AbortSignal) =>
    sendJson<unknown>('POST', `planning/communities/${communityId}/versions/${version}/rollback`, { reason }, signal),

  publishedExportUrl: (communityId: number, version: number, format: ExportFormat) => apiUrl(`planning/communities/${communityId}/versions/${version}/export`, { format }),
};
